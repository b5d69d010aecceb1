/* Translate's CUDA headers: arithmetic and conversions with a rounding mode (the _rd, _ru and _rz forms of CUDA's
   intrinsics, and the conversions between integers and floating point that name a mode), written from CUDA's math API
   reference. The IR's operations round to nearest; a directed result is the nearest one moved a step toward the mode's
   direction when the exact value lies on that side of it, which the exact error of the operation tells: float
   operations are computed in double with their error (a sum's by TwoSum, a quotient's and a square root's remainder by
   an fma; a product of two floats is exact in double), double operations with their error in double (operands scaled
   where a result near the bottom of the range would lose its error to underflow); the double fma's error is the sign
   of an exact sum of four doubles (Shewchuk's expansion). Conversions to integers saturate (NaN gives 0), as PTX's
   cvt does. */
#pragma once
#if defined(__CUDA__)

/* The nearest value v of an operation whose exact value exceeds v when err > 0 (and is v when err == 0), moved as the
   mode asks; finite operands whose nearest result overflowed give the largest finite value where the mode stops short. */
__device__ inline float __tr_directed_float(float v, double err, int mode, bool overflowed) {
  if (overflowed) return (mode == __TR_RZ || (mode == __TR_RD) == (v > 0.0f)) ? (v > 0.0f ? 3.40282347e38f : -3.40282347e38f) : v;
  if (v - v != 0.0 || err == 0.0 || err != err) return v; /* NaN, an exact infinity, or exact */
  if (mode == __TR_RD) return err < 0.0 ? nextafterf(v, -__builtin_huge_valf()) : v;
  if (mode == __TR_RU) return err > 0.0 ? nextafterf(v, __builtin_huge_valf()) : v;
  return (v > 0.0f) == (err < 0.0) ? nextafterf(v, 0.0f) : v;
}
__device__ inline double __tr_directed_double(double v, double err, int mode, bool overflowed) {
  if (overflowed) return (mode == __TR_RZ || (mode == __TR_RD) == (v > 0.0)) ? (v > 0.0 ? 1.7976931348623157e308 : -1.7976931348623157e308) : v;
  if (v - v != 0.0 || err == 0.0 || err != err) return v; /* NaN, an exact infinity, or exact */
  if (mode == __TR_RD) return err < 0.0 ? nextafter(v, -__builtin_huge_val()) : v;
  if (mode == __TR_RU) return err > 0.0 ? nextafter(v, __builtin_huge_val()) : v;
  return (v > 0.0) == (err < 0.0) ? nextafter(v, 0.0) : v;
}

/* A double s with the exact value s + e (|e| at most half an ulp of s), rounded to float in a mode. */
__device__ inline float __tr_float_of(double s, double e, int mode) {
  float f = (float)s;
  bool overflowed = f - f != 0.0f && s - s == 0.0;
  return __tr_directed_float(f, s != (double)f ? s - (double)f : e, mode, overflowed);
}
/* An exact zero sum is -0 toward -infinity, +0 otherwise (IEEE 754); zero operands keep their own sum's sign. */
__device__ inline float __tr_fadd(float a, float b, int mode) {
  __tr_dd s = __tr_two_sum(a, b);
  if (s.hi == 0.0 && mode == __TR_RD && !(a == 0.0f && b == 0.0f && !signbit(a) && !signbit(b))) return -0.0f;
  return __tr_float_of(s.hi, s.lo, mode);
}
__device__ inline float __tr_fdiv(float a, float b, int mode) {
  double x = a, y = b, q = x / y, r = fma(-q, y, x);
  return __tr_float_of(q, (r != r || y != y) ? 0.0 : ((r > 0.0) == (y > 0.0) ? fabs(r) : -fabs(r)), mode);
}
__device__ inline float __fadd_rd(float a, float b) { return __tr_fadd(a, b, __TR_RD); }
__device__ inline float __fadd_ru(float a, float b) { return __tr_fadd(a, b, __TR_RU); }
__device__ inline float __fadd_rz(float a, float b) { return __tr_fadd(a, b, __TR_RZ); }
__device__ inline float __fsub_rd(float a, float b) { return __tr_fadd(a, -b, __TR_RD); }
__device__ inline float __fsub_ru(float a, float b) { return __tr_fadd(a, -b, __TR_RU); }
__device__ inline float __fsub_rz(float a, float b) { return __tr_fadd(a, -b, __TR_RZ); }
__device__ inline float __fmul_rd(float a, float b) { return __tr_float_of((double)a * b, 0.0, __TR_RD); }
__device__ inline float __fmul_ru(float a, float b) { return __tr_float_of((double)a * b, 0.0, __TR_RU); }
__device__ inline float __fmul_rz(float a, float b) { return __tr_float_of((double)a * b, 0.0, __TR_RZ); }
__device__ inline float __fdiv_rd(float a, float b) { return __tr_fdiv(a, b, __TR_RD); }
__device__ inline float __fdiv_ru(float a, float b) { return __tr_fdiv(a, b, __TR_RU); }
__device__ inline float __fdiv_rz(float a, float b) { return __tr_fdiv(a, b, __TR_RZ); }
__device__ inline float __frcp_rd(float a) { return __tr_fdiv(1.0f, a, __TR_RD); }
__device__ inline float __frcp_ru(float a) { return __tr_fdiv(1.0f, a, __TR_RU); }
__device__ inline float __frcp_rz(float a) { return __tr_fdiv(1.0f, a, __TR_RZ); }
__device__ inline float __tr_fsqrt(float a, int mode) {
  double x = a, s = sqrt(x), r = fma(-s, s, x);
  return __tr_float_of(s, r != r ? 0.0 : r, mode);
}
__device__ inline float __fsqrt_rd(float a) { return __tr_fsqrt(a, __TR_RD); }
__device__ inline float __fsqrt_ru(float a) { return __tr_fsqrt(a, __TR_RU); }
__device__ inline float __fsqrt_rz(float a) { return __tr_fsqrt(a, __TR_RZ); }
__device__ inline float __tr_fmaf(float a, float b, float c, int mode) {
  double p = (double)a * b;
  __tr_dd s = __tr_two_sum(p, c);
  if (s.hi == 0.0 && mode == __TR_RD && !(p == 0.0 && c == 0.0f && !signbit(p) && !signbit(c))) return -0.0f;
  return __tr_float_of(s.hi, s.lo, mode);
}
__device__ inline float __fmaf_rd(float a, float b, float c) { return __tr_fmaf(a, b, c, __TR_RD); }
__device__ inline float __fmaf_ru(float a, float b, float c) { return __tr_fmaf(a, b, c, __TR_RU); }
__device__ inline float __fmaf_rz(float a, float b, float c) { return __tr_fmaf(a, b, c, __TR_RZ); }
/* The _ieee forms: the same operations (CUDA's plain forms may flush subnormals to zero under -ftz; ours never do). */
__device__ inline float __fmaf_ieee_rd(float a, float b, float c) { return __tr_fmaf(a, b, c, __TR_RD); }
__device__ inline float __fmaf_ieee_ru(float a, float b, float c) { return __tr_fmaf(a, b, c, __TR_RU); }
__device__ inline float __fmaf_ieee_rz(float a, float b, float c) { return __tr_fmaf(a, b, c, __TR_RZ); }
__device__ inline float __fmaf_ieee_rn(float a, float b, float c) { return fmaf(a, b, c); }

/* Double operations: the nearest result and its exact error in double. */
__device__ inline bool __tr_overflowed(double v, double a, double b) { return v - v != 0.0 && v == v && a - a == 0.0 && b - b == 0.0; }
__device__ inline double __tr_dadd(double a, double b, int mode) {
  __tr_dd s = __tr_two_sum(a, b);
  if (s.hi == 0.0 && mode == __TR_RD && !(a == 0.0 && b == 0.0 && !signbit(a) && !signbit(b))) return -0.0;
  return __tr_directed_double(s.hi, __tr_overflowed(s.hi, a, b) ? 0.0 : s.lo, mode, __tr_overflowed(s.hi, a, b));
}
/* A result near the bottom of the range loses its error to underflow: the smaller operand (the dividend) is scaled by
   2^200, the scaled result rounded back (to a subnormal, perhaps), and the error is what that rounding dropped, or
   else the scaled operation's own error, or else (both underflowed) the exact result's sign. */
__device__ inline double __tr_scaled_back(double scaled, double err, double sign, int mode) {
  double v = scaled * 0x1p-200, dropped = scaled - v * 0x1p200;
  return __tr_directed_double(v, dropped != 0.0 ? dropped : err != 0.0 ? err : scaled == 0.0 ? sign : 0.0, mode, false);
}
__device__ inline double __tr_dmul(double a, double b, int mode) {
  double p = a * b;
  if (p - p == 0.0 && fabs(p) < 0x1p-960 && a != 0.0 && b != 0.0) {
    double small = fabs(a) < fabs(b) ? a : b, other = fabs(a) < fabs(b) ? b : a, s = small * 0x1p200, ps = s * other;
    return __tr_scaled_back(ps, fma(s, other, -ps), (a > 0.0) == (b > 0.0) ? 1.0 : -1.0, mode);
  }
  return __tr_directed_double(p, __tr_overflowed(p, a, b) ? 0.0 : fma(a, b, -p), mode, __tr_overflowed(p, a, b));
}
__device__ inline double __tr_ddiv(double a, double b, int mode) {
  double q = a / b;
  if (a != 0.0 && a - a == 0.0 && b - b == 0.0 && b != 0.0 && (fabs(q) < 0x1p-960 || fabs(a) < 0x1p-960)) {
    double s = a * 0x1p200, qs = s / b, r = fma(-qs, b, s);
    return __tr_scaled_back(qs, r == 0.0 ? 0.0 : (r > 0.0) == (b > 0.0) ? 1.0 : -1.0, (a > 0.0) == (b > 0.0) ? 1.0 : -1.0, mode);
  }
  double r = fma(-q, b, a);
  bool over = __tr_overflowed(q, a, b) && b != 0.0;
  return __tr_directed_double(q, over || r != r ? 0.0 : ((r > 0.0) == (b > 0.0) ? fabs(r) : -fabs(r)), mode, over);
}
/* A tiny argument is scaled by 2^106 (its root by 2^53, exactly: roots of doubles are never subnormal). */
__device__ inline double __tr_dsqrt(double a, int mode) {
  if (a > 0.0 && a < 0x1p-900) {
    double s = sqrt(a * 0x1p106), r = fma(-s, s, a * 0x1p106);
    return __tr_directed_double(s, r != r ? 0.0 : r, mode, false) * 0x1p-53;
  }
  double s = sqrt(a), r = fma(-s, s, a);
  return __tr_directed_double(s, r != r ? 0.0 : r, mode, false);
}
/* The sign of a + b + c + d, exactly: Shewchuk's grow-expansion keeps the sum as non-overlapping doubles of increasing
   magnitude, whose largest non-zero one has the sum's sign. */
__device__ inline double __tr_exact_sign4(double a, double b, double c, double d) {
  double h[4] = {a, 0.0, 0.0, 0.0}, terms[3] = {b, c, d};
  for (int t = 0; t < 3; t++) {
    double q = terms[t];
    for (int i = 0; i <= t; i++) {
      __tr_dd s = __tr_two_sum(q, h[i]);
      h[i] = s.lo;
      q = s.hi;
    }
    h[t + 1] = q;
  }
  for (int i = 3; i >= 0; i--)
    if (h[i] != 0.0) return h[i];
  return 0.0;
}
/* fma(a, b, c) = r + err with a * b = p + pe exactly (an fma): err = p + pe + c - r, whose sign the expansion gives.
   A product too small for pe to be exact either lies below half an ulp of c (then r is c and err has the product's
   sign) or, with c small too, is computed with the smaller factor and c scaled by 2^200 and rounded back. */
__device__ inline double __tr_dfma(double a, double b, double c, int mode) {
  double r = fma(a, b, c);
  bool finite = a - a == 0.0 && b - b == 0.0 && c - c == 0.0;
  if (!finite || r - r != 0.0) return __tr_directed_double(r, 0.0, mode, finite && r == r);
  double p = a * b, productSign = (a > 0.0) == (b > 0.0) ? 1.0 : -1.0;
  if (a != 0.0 && b != 0.0 && fabs(p) < 0x1p-900) {
    if (fabs(c) >= 0x1p-800) return __tr_directed_double(c, productSign, mode, false);
    bool aSmaller = fabs(a) < fabs(b);
    double small = (aSmaller ? a : b) * 0x1p200, other = aSmaller ? b : a, cs = c * 0x1p200, ps = small * other;
    if (fabs(ps) < 0x1p-900) /* the product is below 2^-1100: r is c, or a zero of the product's sign */
      return __tr_directed_double(c == 0.0 ? copysign(0.0, productSign) : c, productSign, mode, false);
    double rs = fma(small, other, cs), errs = __tr_exact_sign4(ps, fma(small, other, -ps), cs, -rs);
    if (rs == 0.0 && errs == 0.0) return mode == __TR_RD ? -0.0 : 0.0; /* an exact zero of addends of opposite signs */
    return __tr_scaled_back(rs, errs, errs, mode);
  }
  double err = __tr_exact_sign4(p, fma(a, b, -p), c, -r);
  if (r == 0.0 && err == 0.0) /* an exact zero: -0 toward -infinity unless both addends are +0 (IEEE 754) */
    return mode == __TR_RD && !(p == 0.0 && !signbit(p) && c == 0.0 && !signbit(c)) ? -0.0 : r;
  return __tr_directed_double(r, err, mode, false);
}
__device__ inline double __fma_rd(double a, double b, double c) { return __tr_dfma(a, b, c, __TR_RD); }
__device__ inline double __fma_ru(double a, double b, double c) { return __tr_dfma(a, b, c, __TR_RU); }
__device__ inline double __fma_rz(double a, double b, double c) { return __tr_dfma(a, b, c, __TR_RZ); }
__device__ inline double __dadd_rd(double a, double b) { return __tr_dadd(a, b, __TR_RD); }
__device__ inline double __dadd_ru(double a, double b) { return __tr_dadd(a, b, __TR_RU); }
__device__ inline double __dadd_rz(double a, double b) { return __tr_dadd(a, b, __TR_RZ); }
__device__ inline double __dsub_rd(double a, double b) { return __tr_dadd(a, -b, __TR_RD); }
__device__ inline double __dsub_ru(double a, double b) { return __tr_dadd(a, -b, __TR_RU); }
__device__ inline double __dsub_rz(double a, double b) { return __tr_dadd(a, -b, __TR_RZ); }
__device__ inline double __dmul_rd(double a, double b) { return __tr_dmul(a, b, __TR_RD); }
__device__ inline double __dmul_ru(double a, double b) { return __tr_dmul(a, b, __TR_RU); }
__device__ inline double __dmul_rz(double a, double b) { return __tr_dmul(a, b, __TR_RZ); }
__device__ inline double __ddiv_rd(double a, double b) { return __tr_ddiv(a, b, __TR_RD); }
__device__ inline double __ddiv_ru(double a, double b) { return __tr_ddiv(a, b, __TR_RU); }
__device__ inline double __ddiv_rz(double a, double b) { return __tr_ddiv(a, b, __TR_RZ); }
__device__ inline double __drcp_rd(double a) { return __tr_ddiv(1.0, a, __TR_RD); }
__device__ inline double __drcp_ru(double a) { return __tr_ddiv(1.0, a, __TR_RU); }
__device__ inline double __drcp_rz(double a) { return __tr_ddiv(1.0, a, __TR_RZ); }
__device__ inline double __dsqrt_rd(double a) { return __tr_dsqrt(a, __TR_RD); }
__device__ inline double __dsqrt_ru(double a) { return __tr_dsqrt(a, __TR_RU); }
__device__ inline double __dsqrt_rz(double a) { return __tr_dsqrt(a, __TR_RZ); }

/* Floating point to integers: round in the mode, then saturate (NaN gives 0). */
#define __TR_TO_INT(NAME, FROM, TO, LOW, HIGH, ROUND) \
  __device__ inline TO NAME(FROM x) { FROM r = ROUND(x); return r != r ? (TO)0 : r <= (FROM)(LOW) ? (TO)(LOW) : r >= (FROM)(HIGH) ? (TO)(HIGH) : (TO)r; }
#define __TR_TO_INTS(PREFIX, FROM, RN, RZ, RD, RU) \
  __TR_TO_INT(PREFIX##int_rn, FROM, int, -2147483648.0, 2147483647.0, RN) \
  __TR_TO_INT(PREFIX##int_rz, FROM, int, -2147483648.0, 2147483647.0, RZ) \
  __TR_TO_INT(PREFIX##int_rd, FROM, int, -2147483648.0, 2147483647.0, RD) \
  __TR_TO_INT(PREFIX##int_ru, FROM, int, -2147483648.0, 2147483647.0, RU) \
  __TR_TO_INT(PREFIX##uint_rn, FROM, unsigned int, 0.0, 4294967295.0, RN) \
  __TR_TO_INT(PREFIX##uint_rz, FROM, unsigned int, 0.0, 4294967295.0, RZ) \
  __TR_TO_INT(PREFIX##uint_rd, FROM, unsigned int, 0.0, 4294967295.0, RD) \
  __TR_TO_INT(PREFIX##uint_ru, FROM, unsigned int, 0.0, 4294967295.0, RU)
/* 64-bit limits: 2^63 and 2^64 are the first values out of range (the largest in range are not representable). */
#define __TR_TO_INT64(NAME, FROM, TO, LOW, HIGH_EXCLUSIVE, MAXIMUM, ROUND) \
  __device__ inline TO NAME(FROM x) { FROM r = ROUND(x); return r != r ? (TO)0 : r <= (FROM)(LOW) ? (TO)(LOW) : r >= (FROM)(HIGH_EXCLUSIVE) ? (TO)(MAXIMUM) : (TO)r; }
#define __TR_TO_INT64S(PREFIX, FROM, RN, RZ, RD, RU) \
  __TR_TO_INT64(PREFIX##ll_rn, FROM, long long, -9223372036854775808.0, 9223372036854775808.0, 9223372036854775807LL, RN) \
  __TR_TO_INT64(PREFIX##ll_rz, FROM, long long, -9223372036854775808.0, 9223372036854775808.0, 9223372036854775807LL, RZ) \
  __TR_TO_INT64(PREFIX##ll_rd, FROM, long long, -9223372036854775808.0, 9223372036854775808.0, 9223372036854775807LL, RD) \
  __TR_TO_INT64(PREFIX##ll_ru, FROM, long long, -9223372036854775808.0, 9223372036854775808.0, 9223372036854775807LL, RU) \
  __TR_TO_INT64(PREFIX##ull_rn, FROM, unsigned long long, 0.0, 18446744073709551616.0, 18446744073709551615ULL, RN) \
  __TR_TO_INT64(PREFIX##ull_rz, FROM, unsigned long long, 0.0, 18446744073709551616.0, 18446744073709551615ULL, RZ) \
  __TR_TO_INT64(PREFIX##ull_rd, FROM, unsigned long long, 0.0, 18446744073709551616.0, 18446744073709551615ULL, RD) \
  __TR_TO_INT64(PREFIX##ull_ru, FROM, unsigned long long, 0.0, 18446744073709551616.0, 18446744073709551615ULL, RU)
__TR_TO_INTS(__float2, float, rintf, truncf, floorf, ceilf)
__TR_TO_INTS(__double2, double, rint, trunc, floor, ceil)
__TR_TO_INT64S(__float2, float, rintf, truncf, floorf, ceilf)
__TR_TO_INT64S(__double2, double, rint, trunc, floor, ceil)
#undef __TR_TO_INTS
#undef __TR_TO_INT
#undef __TR_TO_INT64S
#undef __TR_TO_INT64

/* Integers to floating point: the nearest conversion, then the step the exact difference asks for. A nearest value
   at or beyond 2^63 (2^64 unsigned) exceeds every such integer. */
#define __TR_FROM_INT(NAME, FROM, TO, WIDE, LIMIT, DIRECT, MODE) \
  __device__ inline TO NAME(FROM i) { TO v = (TO)i; double err = v >= (TO)(LIMIT) ? -1.0 : (WIDE)i > (WIDE)v ? 1.0 : (WIDE)i < (WIDE)v ? -1.0 : 0.0; \
    return DIRECT(v, err, MODE, false); }
#define __TR_FROM_INTS(NAME, FROM, TO, WIDE, LIMIT, DIRECT) \
  __TR_FROM_INT(NAME##_rd, FROM, TO, WIDE, LIMIT, DIRECT, __TR_RD) \
  __TR_FROM_INT(NAME##_ru, FROM, TO, WIDE, LIMIT, DIRECT, __TR_RU) \
  __TR_FROM_INT(NAME##_rz, FROM, TO, WIDE, LIMIT, DIRECT, __TR_RZ) \
  __device__ inline TO NAME##_rn(FROM i) { return (TO)i; }
__TR_FROM_INTS(__int2float, int, float, long long, 9223372036854775808.0, __tr_directed_float)
__TR_FROM_INTS(__uint2float, unsigned int, float, long long, 9223372036854775808.0, __tr_directed_float)
__TR_FROM_INTS(__ll2float, long long, float, long long, 9223372036854775808.0, __tr_directed_float)
__TR_FROM_INTS(__ull2float, unsigned long long, float, unsigned long long, 18446744073709551616.0, __tr_directed_float)
__TR_FROM_INTS(__ll2double, long long, double, long long, 9223372036854775808.0, __tr_directed_double)
__TR_FROM_INTS(__ull2double, unsigned long long, double, unsigned long long, 18446744073709551616.0, __tr_directed_double)
#undef __TR_FROM_INTS
#undef __TR_FROM_INT
__device__ inline double __int2double_rn(int i) { return (double)i; }
__device__ inline double __uint2double_rn(unsigned int i) { return (double)i; }

/* Double to float in a mode; a double's halves as ints and back. */
__device__ inline float __double2float_rn(double x) { return (float)x; }
__device__ inline float __double2float_rd(double x) { return __tr_float_of(x, 0.0, __TR_RD); }
__device__ inline float __double2float_ru(double x) { return __tr_float_of(x, 0.0, __TR_RU); }
__device__ inline float __double2float_rz(double x) { return __tr_float_of(x, 0.0, __TR_RZ); }
__device__ inline int __double2hiint(double x) { return (int)(__double_as_longlong(x) >> 32); }
__device__ inline int __double2loint(double x) { return (int)__double_as_longlong(x); }
__device__ inline double __hiloint2double(int hi, int lo) {
  return __longlong_as_double((long long)(((unsigned long long)(unsigned int)hi << 32) | (unsigned int)lo));
}

/* The C library's classification functions by their internal names, which CUDA also offers on the device. */
__device__ inline int __finitef(float x) { return x - x == 0.0f; }
__device__ inline int __finite(double x) { return x - x == 0.0; }
__device__ inline int __isinff(float x) { return x == __builtin_huge_valf() || x == -__builtin_huge_valf(); }
__device__ inline int __isinf(double x) { return x == __builtin_huge_val() || x == -__builtin_huge_val(); }
__device__ inline int __isnanf(float x) { return x != x; }
__device__ inline int __isnan(double x) { return x != x; }
__device__ inline int __signbitf(float x) { return __float_as_int(x) < 0; }
__device__ inline int __signbit(double x) { return __double_as_longlong(x) < 0; }
#endif
