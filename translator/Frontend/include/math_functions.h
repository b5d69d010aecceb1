/* The CUDA math library beyond C's <math.h>: single-precision extras and the C++ overloads that
   CUDA code calls unqualified (min, max, and float versions of the double functions). */
#pragma once
#include "host_defines.h"

/* A double-double, the value hi + lo (|lo| at most half an ulp of hi), and a + b as its rounded sum and that sum's exact
   error (Knuth's TwoSum, any magnitudes): what our headers' exact arithmetic (directed rounding, the 16-bit fma, the
   Bessel series) is built on. */
struct __tr_dd { double hi, lo; };
__host__ __device__ inline __tr_dd __tr_two_sum(double a, double b) {
  double s = a + b, t = s - a;
  __tr_dd r;
  r.hi = s;
  r.lo = (a - (s - t)) + (b - t);
  return r;
}

/* Device overloads of the C math library (a __device__ function may overload a __host__ one). Only
   under CUDA compilation: in a plain C++ file, where attributes do not distinguish overloads, a
   float sqrt(float) would conflict with <cmath>'s using std::sqrt. */
#if defined(__CUDA__)
#define __TR_F1(N) __device__ float N##f(float x); __device__ double N(double x); __device__ float N(float x);
#define __TR_F2(N) __device__ float N##f(float x, float y); __device__ double N(double x, double y); __device__ float N(float x, float y);
#define __TR_F3(N) __device__ float N##f(float x, float y, float z); __device__ double N(double x, double y, double z); __device__ float N(float x, float y, float z);
__TR_F1(sqrt) __TR_F1(rsqrt) __TR_F1(cbrt) __TR_F1(exp) __TR_F1(exp2) __TR_F1(exp10) __TR_F1(expm1)
__TR_F1(log) __TR_F1(log2) __TR_F1(log10) __TR_F1(log1p) __TR_F1(sin) __TR_F1(cos) __TR_F1(tan)
__TR_F1(asin) __TR_F1(acos) __TR_F1(atan) __TR_F1(sinh) __TR_F1(cosh) __TR_F1(tanh) __TR_F1(asinh)
__TR_F1(acosh) __TR_F1(atanh) __TR_F1(erf) __TR_F1(erfc) __TR_F1(lgamma) __TR_F1(tgamma) __TR_F1(fabs)
__TR_F1(floor) __TR_F1(ceil) __TR_F1(trunc) __TR_F1(round) __TR_F1(rint) __TR_F1(nearbyint)
__TR_F2(pow) __TR_F2(atan2) __TR_F2(fmin) __TR_F2(fmax) __TR_F2(fmod) __TR_F2(remainder) __TR_F2(hypot)
__TR_F2(copysign) __TR_F2(fdim)
__TR_F3(fma)
#undef __TR_F1
#undef __TR_F2
#undef __TR_F3
#endif
__device__ float ldexpf(float x, int e);
__device__ double ldexp(double x, int e);

/* Decomposition functions, written from C's definitions over the IEEE bits (exact on every device):
   frexp gives m in [0.5, 1) and e with x = m * 2^e (x itself and e = 0 for 0, infinities and NaN);
   modf splits x into its integral part (through *ip) and the fraction, both with x's sign;
   ilogb gives the unbiased exponent. Device overloads: only under CUDA compilation (see above). */
#if defined(__CUDA__)
__device__ inline double frexp(double x, int *e) {
  long long bits = __double_as_longlong(x);
  int biased = (int)((bits >> 52) & 0x7ff);
  if (x == 0.0 || biased == 0x7ff) { *e = 0; return x; }
  int shift = 0;
  if (biased == 0) { /* subnormal: scale into the normal range first */
    bits = __double_as_longlong(x * 18014398509481984.0); /* 2^54 */
    biased = (int)((bits >> 52) & 0x7ff);
    shift = 54;
  }
  *e = biased - 1022 - shift;
  return __longlong_as_double((bits & (long long)0x800fffffffffffffULL) | (1022LL << 52));
}
__device__ inline float frexpf(float x, int *e) {
  int bits = __float_as_int(x);
  int biased = (bits >> 23) & 0xff;
  if (x == 0.0f || biased == 0xff) { *e = 0; return x; }
  int shift = 0;
  if (biased == 0) {
    bits = __float_as_int(x * 33554432.0f); /* 2^25 */
    biased = (bits >> 23) & 0xff;
    shift = 25;
  }
  *e = biased - 126 - shift;
  return __int_as_float((int)((unsigned int)bits & 0x807fffffu) | (126 << 23));
}
__device__ inline float frexp(float x, int *e) { return frexpf(x, e); }
__device__ inline double modf(double x, double *ip) {
  double whole = trunc(x);
  *ip = whole;
  /* integers and infinities have a zero fraction of x's sign; NaN stays NaN */
  return (x - whole == 0.0 || x - x != 0.0) ? copysign(x - x != 0.0 ? (x != x ? x : 0.0) : 0.0, x) : x - whole;
}
__device__ inline float modff(float x, float *ip) {
  float whole = truncf(x);
  *ip = whole;
  return (x - whole == 0.0f || x - x != 0.0f) ? copysignf(x - x != 0.0f ? (x != x ? x : 0.0f) : 0.0f, x) : x - whole;
}
__device__ inline float modf(float x, float *ip) { return modff(x, ip); }
__device__ inline int ilogb(double x) { int e; frexp(x, &e); return x == 0.0 ? (-2147483647 - 1) : x != x ? (-2147483647 - 1) : x - x != 0.0 ? 2147483647 : e - 1; }
__device__ inline int ilogbf(float x) { int e; frexpf(x, &e); return x == 0.0f ? (-2147483647 - 1) : x != x ? (-2147483647 - 1) : x - x != 0.0f ? 2147483647 : e - 1; }
/* remquo: remainder(x, y), and through *quo the sign of x / y with the low three bits of the quotient remainder
   rounded (C99 asks for at least three; n is 0 to 8, 8 kept so that the sign shows). Those bits are exact: |x| modulo 8|y| keeps them (an exact fmod; 8|y|
   overflowing to infinity leaves |x|), and that modulus is n|y| plus an exact remainder with n at most 8. */
__device__ inline double remquo(double x, double y, int *quo) {
  double r = remainder(x, y), ay = fabs(y), m = fmod(fabs(x), 8.0 * ay);
  int n = (r != r) ? 0 : (int)rint((m - remainder(m, ay)) / ay);
  *quo = (x < 0.0) != (y < 0.0) ? -n : n;
  return r;
}
__device__ inline float remquof(float x, float y, int *quo) {
  float r = remainderf(x, y), ay = fabsf(y), m = fmodf(fabsf(x), 8.0f * ay);
  int n = (r != r) ? 0 : (int)rintf((m - remainderf(m, ay)) / ay);
  *quo = (x < 0.0f) != (y < 0.0f) ? -n : n;
  return r;
}
__device__ inline float remquo(float x, float y, int *quo) { return remquof(x, y, quo); }
__device__ inline double scalbn(double x, int n) { return ldexp(x, n); }
__device__ inline float scalbnf(float x, int n) { return ldexpf(x, n); }
#endif
__device__ int abs(int x);
__device__ long long llabs(long long x);
#if defined(__CUDA__)
/* The integer overloads of std::abs for device code. <stdlib.h> (included above) brought ::abs into std with its
   `using ::abs;` before these existed, and libstdc++'s own abs(long) is not constexpr: std::abs(-4) in a kernel
   found no callable candidate ("ambiguous" among the floating ones). Repeating the using-declarations adds ours. */
__device__ long labs(long x);
__device__ inline long abs(long x) { return labs(x); }
__device__ inline long long abs(long long x) { return llabs(x); }
namespace std { using ::abs; using ::labs; using ::llabs; }
#endif
__device__ void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function);

/* The device side of the C library: printf, malloc, free. */
extern "C" {
__device__ int printf(const char *format, ...);
__device__ void *malloc(size_t size);
__device__ void free(void *ptr);
__device__ void *memcpy(void *dst, const void *src, size_t n);
__device__ void *memset(void *dst, int value, size_t n);
}
/* CUDA's reciprocal square roots on the host (device code maps them to the IR's rsqrt by name). */
__host__ inline float rsqrtf(float x) { return (float)(1.0 / sqrt((double)x)); }
__host__ inline double rsqrt(double x) { return 1.0 / sqrt(x); }

/* min and max: defined for host code (the lifter maps device calls to its min/max operations by
   name). Mixed signed/unsigned arguments compare as unsigned, as in C. */
#define __TR_MINMAX(T, LESS)                                                          \
  __host__ __device__ inline T min(T a, T b) { return LESS ? a : b; }               \
  __host__ __device__ inline T max(T a, T b) { return LESS ? b : a; }
__TR_MINMAX(int, a < b)
__TR_MINMAX(unsigned int, a < b)
__TR_MINMAX(long, a < b)
__TR_MINMAX(unsigned long, a < b)
__TR_MINMAX(long long, a < b)
__TR_MINMAX(unsigned long long, a < b)
#undef __TR_MINMAX
__host__ __device__ inline float min(float a, float b) { return fminf(a, b); }
__host__ __device__ inline float max(float a, float b) { return fmaxf(a, b); }
__host__ __device__ inline double min(double a, double b) { return fmin(a, b); }
__host__ __device__ inline double max(double a, double b) { return fmax(a, b); }
/* Mixed float and double, as CUDA's math API offers them: computed in double. */
__host__ __device__ inline double min(float a, double b) { return fmin((double)a, b); }
__host__ __device__ inline double min(double a, float b) { return fmin(a, (double)b); }
__host__ __device__ inline double max(float a, double b) { return fmax((double)a, b); }
__host__ __device__ inline double max(double a, float b) { return fmax(a, (double)b); }
__host__ __device__ inline unsigned int min(int a, unsigned int b) { return (unsigned int)a < b ? (unsigned int)a : b; }
__host__ __device__ inline unsigned int min(unsigned int a, int b) { return a < (unsigned int)b ? a : (unsigned int)b; }
__host__ __device__ inline unsigned int max(int a, unsigned int b) { return (unsigned int)a < b ? b : (unsigned int)a; }
__host__ __device__ inline unsigned int max(unsigned int a, int b) { return a < (unsigned int)b ? (unsigned int)b : a; }
/* The named integer forms of CUDA's math API. */
__device__ unsigned int umin(unsigned int a, unsigned int b);
__device__ unsigned int umax(unsigned int a, unsigned int b);
__device__ long long llmin(long long a, long long b);
__device__ long long llmax(long long a, long long b);
__device__ unsigned long long ullmin(unsigned long long a, unsigned long long b);
__device__ unsigned long long ullmax(unsigned long long a, unsigned long long b);

/* CUDA math functions defined through others (lifted as ordinary device functions). */
__device__ inline void sincosf(float x, float *s, float *c) { *s = sinf(x); *c = cosf(x); }
__device__ inline void sincos(double x, double *s, double *c) { *s = sin(x); *c = cos(x); }
__device__ inline void __sincosf(float x, float *s, float *c) { *s = __sinf(x); *c = __cosf(x); }
/* The standard normal distribution: Phi(x) = erfc(-x / sqrt 2) / 2. */
__host__ __device__ inline float normcdff(float x) { return 0.5f * erfcf(x * -0.70710678118654752440f); }
__host__ __device__ inline double normcdf(double x) { return 0.5 * erfc(x * -0.70710678118654752440); }

#if defined(__CUDA__)
/* Rounding to integers of C99's long types: round/rint, then converted (out of range is unspecified in C). */
__device__ inline long lroundf(float x) { return (long)roundf(x); }
__device__ inline long lround(double x) { return (long)round(x); }
__device__ inline long lround(float x) { return (long)roundf(x); }
__device__ inline long long llroundf(float x) { return (long long)roundf(x); }
__device__ inline long long llround(double x) { return (long long)round(x); }
__device__ inline long long llround(float x) { return (long long)roundf(x); }
__device__ inline long lrintf(float x) { return (long)rintf(x); }
__device__ inline long lrint(double x) { return (long)rint(x); }
__device__ inline long lrint(float x) { return (long)rintf(x); }
__device__ inline long long llrintf(float x) { return (long long)rintf(x); }
__device__ inline long long llrint(double x) { return (long long)rint(x); }
__device__ inline long long llrint(float x) { return (long long)rintf(x); }

/* Round-to-nearest arithmetic intrinsics: the IR's operations round each result to nearest even and are
   never contracted, which is what the _rn forms promise. */
__device__ inline float __fadd_rn(float a, float b) { return a + b; }
__device__ inline float __fsub_rn(float a, float b) { return a - b; }
__device__ inline float __fmul_rn(float a, float b) { return a * b; }
__device__ inline float __fdiv_rn(float a, float b) { return a / b; }
__device__ inline float __frcp_rn(float a) { return 1.0f / a; }
__device__ inline double __dadd_rn(double a, double b) { return a + b; }
__device__ inline double __dsub_rn(double a, double b) { return a - b; }
__device__ inline double __dmul_rn(double a, double b) { return a * b; }
__device__ inline double __ddiv_rn(double a, double b) { return a / b; }
__device__ inline double __drcp_rn(double a) { return 1.0 / a; }
__device__ inline double __dsqrt_rn(double a) { return sqrt(a); }
__device__ inline double __fma_rn(double a, double b, double c) { return fma(a, b, c); }
__device__ inline float fdividef(float a, float b) { return a / b; }

/* Reciprocals and norms: float forms computed in double and rounded once (within CUDA's 1-2 ulp bounds,
   no intermediate overflow for float arguments). */
__host__ __device__ inline float rcbrtf(float x) { return (float)(1.0 / cbrt((double)x)); }
__host__ __device__ inline double rcbrt(double x) { return 1.0 / cbrt(x); }
__host__ __device__ inline float rhypotf(float x, float y) { return (float)(1.0 / hypot((double)x, (double)y)); }
__host__ __device__ inline double rhypot(double x, double y) { return 1.0 / hypot(x, y); }
__host__ __device__ inline float norm3df(float a, float b, float c) { return (float)sqrt((double)a * a + (double)b * b + (double)c * c); }
__host__ __device__ inline float rnorm3df(float a, float b, float c) { return (float)(1.0 / sqrt((double)a * a + (double)b * b + (double)c * c)); }
__host__ __device__ inline float norm4df(float a, float b, float c, float d) { return (float)sqrt((double)a * a + (double)b * b + (double)c * c + (double)d * d); }
__host__ __device__ inline float rnorm4df(float a, float b, float c, float d) { return (float)(1.0 / sqrt((double)a * a + (double)b * b + (double)c * c + (double)d * d)); }
__host__ __device__ inline double norm3d(double a, double b, double c) { return hypot(hypot(a, b), c); }
__host__ __device__ inline double rnorm3d(double a, double b, double c) { return 1.0 / hypot(hypot(a, b), c); }
__host__ __device__ inline double norm4d(double a, double b, double c, double d) { return hypot(hypot(a, b), hypot(c, d)); }
__host__ __device__ inline double rnorm4d(double a, double b, double c, double d) { return 1.0 / hypot(hypot(a, b), hypot(c, d)); }
__host__ __device__ inline float normf(int n, const float *v) { double s = 0; for (int i = 0; i < n; i++) s += (double)v[i] * v[i]; return (float)sqrt(s); }
__host__ __device__ inline float rnormf(int n, const float *v) { double s = 0; for (int i = 0; i < n; i++) s += (double)v[i] * v[i]; return (float)(1.0 / sqrt(s)); }
__host__ __device__ inline double norm(int n, const double *v) { double s = 0; for (int i = 0; i < n; i++) s = hypot(s, v[i]); return s; }
__host__ __device__ inline double rnorm(int n, const double *v) { return 1.0 / norm(n, v); }

/* Exponent and neighbour functions over the IEEE bits. */
__device__ inline float logbf(float x) { return x != x ? x : x == 0.0f ? -__int_as_float(0x7f800000) : x - x != 0.0f ? fabsf(x) : (float)ilogbf(x); }
__device__ inline double logb(double x) { return x != x ? x : x == 0.0 ? -__longlong_as_double(0x7ff0000000000000LL) : x - x != 0.0 ? fabs(x) : (double)ilogb(x); }
__device__ inline float scalblnf(float x, long n) { return ldexpf(x, n > 100000 ? 100000 : n < -100000 ? -100000 : (int)n); }
__device__ inline double scalbln(double x, long n) { return ldexp(x, n > 100000 ? 100000 : n < -100000 ? -100000 : (int)n); }
__device__ inline float nanf(const char *) { return __int_as_float(0x7fc00000); }
__device__ inline double nan(const char *) { return __longlong_as_double(0x7ff8000000000000LL); }
__device__ inline float nextafterf(float x, float y) {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0.0f) return copysignf(__int_as_float(1), y);
  int bits = __float_as_int(x);
  return __int_as_float((x < y) == (x > 0.0f) ? bits + 1 : bits - 1);
}
__device__ inline double nextafter(double x, double y) {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0.0) return copysign(__longlong_as_double(1LL), y);
  long long bits = __double_as_longlong(x);
  return __longlong_as_double((x < y) == (x > 0.0) ? bits + 1 : bits - 1);
}

/* sin(pi x) and cos(pi x): x reduced exactly to t in [-1, 1] (x - 2 rint(x / 2)), then folded to an argument
   near 0 where sin and cos are well conditioned; zeros exact (C23: sinpi(n) = +-0 with n's sign, cospi(n + 1/2) = +0). */
__host__ __device__ inline double __tr_sinpi_reduced(double t) { /* t in [-1, 1] */
  double a = fabs(t);
  if (a > 0.5) a = 1.0 - a;
  return copysign(sin(3.14159265358979323846 * a), t);
}
__host__ __device__ inline double __tr_cospi_reduced(double t) {
  double a = fabs(t);
  if (a <= 0.25) return cos(3.14159265358979323846 * a);
  if (a < 0.75) return sin(3.14159265358979323846 * (0.5 - a));
  return -cos(3.14159265358979323846 * (1.0 - a));
}
__host__ __device__ inline double sinpi(double x) {
  if (x - x != 0.0) return x - x;                       /* infinities and NaN: NaN */
  double t = x - 2.0 * rint(0.5 * x);
  return t == rint(t) ? x * 0.0 : __tr_sinpi_reduced(t);
}
__host__ __device__ inline double cospi(double x) {
  if (x - x != 0.0) return x - x;
  double t = x - 2.0 * rint(0.5 * x);
  return fabs(t) == 0.5 ? 0.0 : __tr_cospi_reduced(t);
}
__host__ __device__ inline float sinpif(float x) { return (float)sinpi((double)x); }
__host__ __device__ inline float cospif(float x) { return (float)cospi((double)x); }
__host__ __device__ inline float sinpi(float x) { return sinpif(x); }
__host__ __device__ inline float cospi(float x) { return cospif(x); }
__host__ __device__ inline void sincospi(double x, double *s, double *c) { *s = sinpi(x); *c = cospi(x); }
__host__ __device__ inline void sincospif(float x, float *s, float *c) { *s = sinpif(x); *c = cospif(x); }

/* Inverse error functions: a start from Giles' single-precision approximation ("Approximating the erfinv function",
   2010; beyond its range, z below about 5e-8, from erfc's asymptote), then Newton steps on erf (small arguments) or
   erfc (the tails, where erf(y) rounds to 1) in double; erfcinv(z) for z in (0, 2), normcdfinv(p) = -sqrt(2) erfcinv(2p). */
__host__ __device__ inline double __tr_erfinv_start(double x, double w) { /* w = -log((1 - x)(1 + x)) */
  double p;
  if (w < 5.0) {
    w = w - 2.5;
    p = 2.81022636e-08;
    p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w;
    p = 0.00021858087 + p * w; p = -0.00125372503 + p * w; p = -0.00417768164 + p * w;
    p = 0.246640727 + p * w; p = 1.50140941 + p * w;
  } else {
    w = sqrt(w) - 3.0;
    p = -0.000200214257;
    p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w;
    p = 0.00573950773 + p * w; p = -0.0076224613 + p * w; p = 0.00943887047 + p * w;
    p = 1.00167406 + p * w; p = 2.83297682 + p * w;
  }
  return p * x;
}
__host__ __device__ inline double erfcinv(double z) {
  if (z != z || z < 0.0 || z > 2.0) return __builtin_bit_cast(double, 0x7ff8000000000000ULL);
  if (z == 0.0) return __builtin_bit_cast(double, 0x7ff0000000000000ULL);
  if (z == 2.0) return -__builtin_bit_cast(double, 0x7ff0000000000000ULL);
  double sign = 1.0;
  if (z > 1.0) { sign = -1.0; z = 2.0 - z; }              /* erfcinv(2 - z) = -erfcinv(z); no recursion (OpenCL) */
  double w = -log(z * (2.0 - z)), y;
  if (w < 16.0) y = __tr_erfinv_start(1.0 - z, w);
  else { double l = -log(z); y = sqrt(l - 0.5 * log(3.14159265358979323846 * l)); } /* erfc(y) ~ e^(-y^2) / (y sqrt(pi)) */
  for (int i = 0; i < 4; i++)                               /* erfc(y) = z; erfc'(y) = -2/sqrt(pi) e^(-y^2) */
    y += (erfc(y) - z) / (1.1283791670955126 * exp(-y * y));
  return sign * y;
}
__host__ __device__ inline double erfinv(double x) {
  if (x != x || x < -1.0 || x > 1.0) return __builtin_bit_cast(double, 0x7ff8000000000000ULL);
  if (fabs(x) >= 0.5) return copysign(erfcinv(1.0 - fabs(x)), x);
  if (x == 0.0) return x;
  double y = __tr_erfinv_start(x, -log((1.0 - x) * (1.0 + x)));
  for (int i = 0; i < 4; i++) y -= (erf(y) - x) / (1.1283791670955126 * exp(-y * y));
  return y;
}
__host__ __device__ inline float erfinvf(float x) { return (float)erfinv((double)x); }
__host__ __device__ inline float erfcinvf(float x) { return (float)erfcinv((double)x); }
__host__ __device__ inline float erfinv(float x) { return erfinvf(x); }
__host__ __device__ inline float erfcinv(float x) { return erfcinvf(x); }
__host__ __device__ inline double normcdfinv(double p) { return -1.4142135623730951 * erfcinv(2.0 * p); }
__host__ __device__ inline float normcdfinvf(float p) { return (float)normcdfinv((double)p); }
#endif
