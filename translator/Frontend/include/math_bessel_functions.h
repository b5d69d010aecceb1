/* CUDA's Bessel functions (j0 j1 jn y0 y1 yn, cyl_bessel_i0 cyl_bessel_i1, and their float forms) and the scaled
   complementary error function erfcx, as device code every target runs (OpenCL, SPIR-V and PTX have none of them).
   Written from the functions' textbook expansions (Abramowitz and Stegun 9.1.10-11, 9.2.5, 9.7.1, 7.1.15):
   - J0, J1, Y0, Y1 for |x| <= 25 by their power series summed in double-double (a pair of doubles carrying about 32
     digits: the series' terms reach 10^9 before cancelling to a value near 1, so double alone would lose 9 digits);
     beyond 25 by Hankel's asymptotic expansion (its smallest term is below e^-50 there).
   - Jn by forward recurrence from J0, J1 where n < |x| (stable there), else by the ratios J(k)/J(k-1) from the
     continued fraction run downwards from well above n (Miller's method), anchored on the larger of J0 and J1;
     Yn by forward recurrence (always stable).
   - I0, I1 by their series (positive terms) up to 30, beyond by their asymptotic expansion times e^x.
   - erfcx(x) = e^(x^2) erfc(x): below 12 from erfc with x^2 split exactly into two doubles, beyond by erfc's continued
     fraction (where e^(x^2) would overflow and erfc underflow).
   The float forms compute in double and round once. */
#pragma once
#include "host_defines.h"
#if defined(__CUDA__)
#define __TR_NAN_DOUBLE __longlong_as_double(0x7ff8000000000000LL)

/* Double-double arithmetic on math_functions.h's __tr_dd. */
__device__ inline __tr_dd __tr_dd_norm(double s, double e) { double hi = s + e; __tr_dd r; r.hi = hi; r.lo = e - (hi - s); return r; }
__device__ inline __tr_dd __tr_dd_add(__tr_dd a, __tr_dd b) {
  __tr_dd s = __tr_two_sum(a.hi, b.hi);
  return __tr_dd_norm(s.hi, s.lo + a.lo + b.lo);
}
__device__ inline __tr_dd __tr_dd_mul(__tr_dd a, __tr_dd b) {
  double p = a.hi * b.hi;
  return __tr_dd_norm(p, fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi));
}
__device__ inline __tr_dd __tr_dd_div(__tr_dd a, double b) {
  double q = a.hi / b, r = fma(-q, b, a.hi) + a.lo;
  return __tr_dd_norm(q, r / b);
}
__device__ inline __tr_dd __tr_dd_of(double v) { __tr_dd r; r.hi = v; r.lo = 0.0; return r; }

/* J(nu) and, for x > 0, Y(nu) (nu 0 or 1) by the series, for |x| <= 25. The terms t_k of J's series serve Y's too:
   Y0 = (2/pi) ((ln(x/2) + gamma) J0 - sum H_k t_k), Y1 = (2/pi) ((ln(x/2) + gamma) J1 - 1/x) - (1/pi) sum (H_k + H_k+1) t_k. */
__device__ inline void __tr_bessel_series(double x, int nu, double *j, double *y) {
  double h = 0.5 * x;
  __tr_dd q = __tr_dd_norm(-(h * h), -fma(h, h, -(h * h))); /* -(x/2)^2, exactly */
  __tr_dd t = __tr_dd_of(nu == 0 ? 1.0 : h), sum = t;
  __tr_dd harmonic = __tr_dd_of(0.0), next = __tr_dd_of(1.0);   /* H_k and H_k+1 */
  __tr_dd weighted = nu == 0 ? __tr_dd_of(0.0) : t;                  /* sum of weights * t_k, k = 0 first */
  for (int k = 1; k < 200; k++) {
    t = __tr_dd_div(__tr_dd_mul(t, q), (double)k * (double)(k + nu));
    harmonic = next;
    double inverse = 1.0 / (k + 1);
    next = __tr_dd_add(next, __tr_dd_norm(inverse, fma(-inverse, (double)(k + 1), 1.0) / (k + 1)));
    sum = __tr_dd_add(sum, t);
    weighted = __tr_dd_add(weighted, __tr_dd_mul(nu == 0 ? harmonic : __tr_dd_add(harmonic, next), t));
    if (k > h && fabs(t.hi) < 1e-36) break;
  }
  *j = sum.hi + sum.lo;
  if (x <= 0.0) { *y = x == 0.0 ? -__builtin_huge_val() : __TR_NAN_DOUBLE; return; }
  double l = log(h) + 0.57721566490153286061;
  __tr_dd lj = __tr_dd_mul(__tr_dd_of(l), sum);
  if (nu == 0) *y = 0.63661977236758134308 * (lj.hi - weighted.hi + (lj.lo - weighted.lo));
  else *y = 0.63661977236758134308 * (lj.hi + lj.lo - 1.0 / x) - 0.31830988618379067154 * (weighted.hi + weighted.lo);
}

/* J(nu) and Y(nu) (nu 0 or 1) by Hankel's expansion, for x > 25: sqrt(2/(pi x)) (P cos chi - Q sin chi) and
   (P sin chi + Q cos chi), chi = x - (nu/2 + 1/4) pi, with cos chi and sin chi from cos x and sin x. */
__device__ inline void __tr_bessel_asymptotic(double x, int nu, double *j, double *y) {
  double mu = 4.0 * nu * nu, p = 1.0, q = 0.0, term = 1.0;
  for (int k = 1; k < 60; k++) {
    double next = term * (mu - (2.0 * k - 1.0) * (2.0 * k - 1.0)) / (k * 8.0 * x);
    if (fabs(next) >= fabs(term) || next == 0.0) break;
    term = next;
    int sign = ((k + (k & 1)) / 2) & 1 ? -1 : 1; /* k = 1, 2: -; 3, 4: +; … */
    if (k & 1) q += (k % 4 == 1 ? 1.0 : -1.0) * term; else p += sign * term;
  }
  double s = sin(x), c = cos(x), r = 0.70710678118654752440;
  double cosChi = nu == 0 ? (c + s) * r : (s - c) * r, sinChi = nu == 0 ? (s - c) * r : -(s + c) * r;
  double amplitude = 0.79788456080286535588 / sqrt(x);
  *j = amplitude * (p * cosChi - q * sinChi);
  *y = amplitude * (p * sinChi + q * cosChi);
}

__device__ inline void __tr_bessel01(double x, int nu, double *j, double *y) {
  if (x != x) { *j = *y = x; return; }
  double ax = fabs(x);
  if (ax <= 25.0) { __tr_bessel_series(x, nu, j, y); return; }
  if (ax - ax != 0.0) { *j = 0.0; *y = x > 0.0 ? 0.0 : __TR_NAN_DOUBLE; return; }
  __tr_bessel_asymptotic(ax, nu, j, y);
  if (x < 0.0) { if (nu == 1) *j = -*j; *y = __TR_NAN_DOUBLE; }
}
__device__ inline double j0(double x) { double j, y; __tr_bessel01(x, 0, &j, &y); return j; }
__device__ inline double j1(double x) { double j, y; __tr_bessel01(x, 1, &j, &y); return j; }
__device__ inline double y0(double x) { double j, y; __tr_bessel01(x, 0, &j, &y); return x < 0.0 ? __TR_NAN_DOUBLE : y; }
__device__ inline double y1(double x) { double j, y; __tr_bessel01(x, 1, &j, &y); return x < 0.0 ? __TR_NAN_DOUBLE : y; }

/* Orders of either sign and negative arguments by J(-n) = (-1)^n J(n), J(n)(-x) = (-1)^n J(n)(x), Y(-n) = (-1)^n Y(n),
   folded into a sign first (no recursion: OpenCL C has none). */
__device__ inline double jn(int n, double x) {
  double sign = 1.0;
  if (n < 0) { sign = (n & 1) ? -1.0 : 1.0; n = -n; }
  if (x != x) return x;
  if (x < 0.0) { x = -x; if (n & 1) sign = -sign; }
  if (n == 0) return j0(x);
  if (n == 1) return sign * j1(x);
  if (x == 0.0 || x - x != 0.0) return sign * 0.0;
  if (x < 1e-5) { /* (x/2)^n / n! (1 - (x/2)^2 / (n + 1)): the series' next term is below 2^-70 of it */
    double t = 1.0;
    for (int k = 1; k <= n && t != 0.0; k++) t *= 0.5 * x / k;
    return sign * t * (1.0 - 0.25 * x * x / (n + 1));
  }
  double a = j0(x), b = j1(x);
  if (n < x) { /* forward: J(k+1) = (2k/x) J(k) - J(k-1) */
    for (int k = 1; k < n; k++) { double c = (2.0 * k / x) * b - a; a = b; b = c; }
    return sign * b;
  }
  /* Miller: the recurrence run downwards from far above n (where the wanted solution dominates) on an arbitrary start,
     rescaled on the way, then normalized by whichever of J0 and J1 is larger (the other may be near a zero). */
  int top = n + 40 + (int)(3.0 * sqrt((double)n));
  double above = 0.0, f = 1e-200, fn = 0.0; /* f(k+1), f(k) */
  for (int k = top; k >= 1; k--) {
    double below = (2.0 * k / x) * f - above; /* f(k-1) */
    above = f;
    f = below;
    if (k - 1 == n) fn = f;
    if (fabs(f) > 1e250) { f *= 1e-250; above *= 1e-250; fn *= 1e-250; }
  }
  return sign * (fabs(a) > fabs(b) ? fn * (a / f) : fn * (b / above));
}
__device__ inline double yn(int n, double x) {
  double sign = 1.0;
  if (n < 0) { sign = (n & 1) ? -1.0 : 1.0; n = -n; }
  if (x != x) return x;
  if (x < 0.0) return __TR_NAN_DOUBLE;
  if (x == 0.0) return -sign * __builtin_huge_val();
  double a = y0(x), b = y1(x);
  if (n == 0) return a;
  for (int k = 1; k < n && b - b == 0.0; k++) { double c = (2.0 * k / x) * b - a; a = b; b = c; }
  return sign * b;
}

/* I0, I1: the series sum (x/2)^(2k+nu) / (k! (k+nu)!) to 30, beyond e^x / sqrt(2 pi x) sum (-1)^k a_k(nu) / x^k. */
__device__ inline double __tr_bessel_i(double x, int nu) {
  double ax = fabs(x);
  if (x != x) return x;
  if (ax - ax != 0.0) return nu == 1 ? x : ax;
  double value;
  if (ax <= 30.0) {
    double q = 0.25 * ax * ax, t = nu == 0 ? 1.0 : 0.5 * ax, s = t;
    for (int k = 1; k < 500; k++) {
      t *= q / ((double)k * (k + nu));
      s += t;
      if (t < 1e-17 * s) break;
    }
    value = s;
  } else {
    double mu = 4.0 * nu * nu, term = 1.0, s = 1.0;
    for (int k = 1; k < 60; k++) {
      double next = -term * (mu - (2.0 * k - 1.0) * (2.0 * k - 1.0)) / (k * 8.0 * ax);
      if (fabs(next) >= fabs(term)) break;
      term = next;
      s += term;
      if (fabs(term) < 1e-17 * fabs(s)) break;
    }
    double half = exp(0.5 * ax); /* e^x in two halves: I0 is finite a little beyond where e^x overflows */
    value = half * (half * s / sqrt(6.283185307179586477 * ax));
  }
  return nu == 1 && x < 0.0 ? -value : value;
}
__device__ inline double cyl_bessel_i0(double x) { return __tr_bessel_i(x, 0); }
__device__ inline double cyl_bessel_i1(double x) { return __tr_bessel_i(x, 1); }

__device__ inline double erfcx(double x) {
  if (x != x) return x;
  if (x < 12.0) {
    if (x < -26.7) return __builtin_huge_val();
    double hi = x * x, lo = fma(x, x, -hi); /* x^2 = hi + lo exactly */
    return exp(hi) * erfc(x) * (1.0 + lo);
  }
  double f = x; /* erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) */
  for (int k = 60; k >= 1; k--) f = x + 0.5 * k / f;
  return 0.56418958354775628695 / f;
}

__device__ inline float j0f(float x) { return (float)j0((double)x); }
__device__ inline float j1f(float x) { return (float)j1((double)x); }
__device__ inline float y0f(float x) { return (float)y0((double)x); }
__device__ inline float y1f(float x) { return (float)y1((double)x); }
__device__ inline float jnf(int n, float x) { return (float)jn(n, (double)x); }
__device__ inline float ynf(int n, float x) { return (float)yn(n, (double)x); }
__device__ inline float cyl_bessel_i0f(float x) { return (float)cyl_bessel_i0((double)x); }
__device__ inline float cyl_bessel_i1f(float x) { return (float)cyl_bessel_i1((double)x); }
__device__ inline float erfcxf(float x) { return (float)erfcx((double)x); }
#undef __TR_NAN_DOUBLE
#endif
