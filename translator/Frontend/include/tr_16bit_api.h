/* The API CUDA gives both 16-bit floating-point types (cuda_fp16.h's __half, cuda_bf16.h's __nv_bfloat16), written
   once from CUDA's math API reference and included once per type (so no include guard). The includer defines:
     __TR_T, __TR_T2          the scalar type (a struct holding its bits in __x) and the pair (fields x, y);
     __TR_K, __TR_K2          the names the conversion functions use for them (half / half2, bfloat16 / bfloat162);
     __TR_FRACTION_BITS, __TR_BIAS   the format;
     __TR_BITS_TO_FLOAT(b), __TR_FLOAT_BITS_RN(f)   the exact widening and the round-to-nearest narrowing of a float.
   Arithmetic is computed in float (exact before one rounding for + - * /), fma in double rounded to odd, math functions
   in float (double for the reciprocal square root), then rounded once to the type. */

#if !defined(__TR_T)
/* Included on its own: the API of both types. */
#include "cuda_bf16.h"
#else

#ifndef __TR_16BIT_NAMES
#define __TR_16BIT_NAMES
#define __TR_CAT(a, b) a##b
#define __TR_XCAT(a, b) __TR_CAT(a, b)
/* __TR_NAME(__, 2float) is __half2float for __half; __TR_NAME2(__, 22float2) is __half22float2. */
#define __TR_NAME(pre, post) __TR_XCAT(__TR_XCAT(pre, __TR_K), post)
#define __TR_NAME2(pre, post) __TR_XCAT(__TR_XCAT(pre, __TR_K2), post)

/* The sum of two doubles rounded to odd: the nearest sum, moved one unit toward the exact sum's side when inexact and
   even (__tr_two_sum gives the error), so that rounding it again to a narrower format is the exact sum correctly rounded. */
__host__ __device__ inline double __tr_sum_to_odd(double a, double b) {
  __tr_dd sum = __tr_two_sum(a, b);
  double s = sum.hi, e = sum.lo;
  unsigned long long bits = __tr_bitcast_double_to_u64(s);
  if (s - s != 0.0 || e == 0.0 || (bits & 1ull)) return s;
  return (e > 0.0) == (s > 0.0) ? __builtin_bit_cast(double, bits + 1ull) : __builtin_bit_cast(double, bits - 1ull);
}
#endif

/* Bits and conversions. */
__host__ __device__ inline unsigned short __TR_NAME(__, _as_ushort)(__TR_T a) { return a.__x; }
__host__ __device__ inline short __TR_NAME(__, _as_short)(__TR_T a) { return (short)a.__x; }
__host__ __device__ inline __TR_T __TR_NAME(__ushort_as_, )(unsigned short bits) { __TR_T h; h.__x = bits; return h; }
__host__ __device__ inline __TR_T __TR_NAME(__short_as_, )(short bits) { __TR_T h; h.__x = (unsigned short)bits; return h; }
__host__ __device__ inline float __TR_NAME(__, 2float)(__TR_T a) { return __TR_BITS_TO_FLOAT(a.__x); }
__host__ __device__ inline __TR_T __TR_NAME(__float2, )(float a) { return __TR_NAME(__ushort_as_, )(__TR_FLOAT_BITS_RN(a)); }
__host__ __device__ inline __TR_T __TR_NAME(__float2, _rn)(float a) { return __TR_NAME(__ushort_as_, )(__TR_FLOAT_BITS_RN(a)); }
__host__ __device__ inline __TR_T __TR_NAME(__float2, _rz)(float a) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(a, __TR_FRACTION_BITS, __TR_BIAS, __TR_RZ)); }
__host__ __device__ inline __TR_T __TR_NAME(__float2, _rd)(float a) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(a, __TR_FRACTION_BITS, __TR_BIAS, __TR_RD)); }
__host__ __device__ inline __TR_T __TR_NAME(__float2, _ru)(float a) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(a, __TR_FRACTION_BITS, __TR_BIAS, __TR_RU)); }
__host__ __device__ inline __TR_T __TR_NAME(__double2, )(double a) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(a, __TR_FRACTION_BITS, __TR_BIAS, __TR_RN)); }

/* To and from integers in each rounding mode. To an integer: NaN gives NAN_VALUE, values beyond the type saturate
   (PTX's cvt); from one: rounded once (64-bit integers through a double rounded to odd). */
#define __TR_INTEGER_CONVERSIONS(I, TO, FROM, LO, HI, NAN_VALUE)                                                        \
  __host__ __device__ inline I __TR_XCAT(__TR_NAME(__, TO), _mode)(__TR_T a, int mode) {                                \
    double r = __tr_round_integral(__TR_NAME(__, 2float)(a), mode);                                                   \
    return r != r ? (I)(NAN_VALUE) : r <= (double)(LO) ? (I)(LO) : r >= (double)(HI) ? (I)(HI) : (I)r;                 \
  }                                                                                                                   \
  __host__ __device__ inline I __TR_XCAT(__TR_NAME(__, TO), _rn)(__TR_T a) { return __TR_XCAT(__TR_NAME(__, TO), _mode)(a, __TR_RN); } \
  __host__ __device__ inline I __TR_XCAT(__TR_NAME(__, TO), _rz)(__TR_T a) { return __TR_XCAT(__TR_NAME(__, TO), _mode)(a, __TR_RZ); } \
  __host__ __device__ inline I __TR_XCAT(__TR_NAME(__, TO), _rd)(__TR_T a) { return __TR_XCAT(__TR_NAME(__, TO), _mode)(a, __TR_RD); } \
  __host__ __device__ inline I __TR_XCAT(__TR_NAME(__, TO), _ru)(__TR_T a) { return __TR_XCAT(__TR_NAME(__, TO), _mode)(a, __TR_RU); } \
  __host__ __device__ inline __TR_T __TR_NAME(FROM, _rn)(I v) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(__tr_wide_double(v), __TR_FRACTION_BITS, __TR_BIAS, __TR_RN)); } \
  __host__ __device__ inline __TR_T __TR_NAME(FROM, _rz)(I v) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(__tr_wide_double(v), __TR_FRACTION_BITS, __TR_BIAS, __TR_RZ)); } \
  __host__ __device__ inline __TR_T __TR_NAME(FROM, _rd)(I v) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(__tr_wide_double(v), __TR_FRACTION_BITS, __TR_BIAS, __TR_RD)); } \
  __host__ __device__ inline __TR_T __TR_NAME(FROM, _ru)(I v) { return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(__tr_wide_double(v), __TR_FRACTION_BITS, __TR_BIAS, __TR_RU)); }
__TR_INTEGER_CONVERSIONS(int, 2int, __int2, -2147483648.0, 2147483647.0, 0)
__TR_INTEGER_CONVERSIONS(unsigned int, 2uint, __uint2, 0.0, 4294967295.0, 0)
__TR_INTEGER_CONVERSIONS(short, 2short, __short2, -32768.0, 32767.0, 0)
__TR_INTEGER_CONVERSIONS(unsigned short, 2ushort, __ushort2, 0.0, 65535.0, 0)
__TR_INTEGER_CONVERSIONS(long long, 2ll, __ll2, -9223372036854775808.0, 9223372036854775807LL, 0x8000000000000000LL)
__TR_INTEGER_CONVERSIONS(unsigned long long, 2ull, __ull2, 0.0, 18446744073709551615ULL, 0x8000000000000000ULL)
#undef __TR_INTEGER_CONVERSIONS
__host__ __device__ inline signed char __TR_NAME(__, 2char_rz)(__TR_T a) {
  double r = __tr_round_integral(__TR_NAME(__, 2float)(a), __TR_RZ);
  return r != r ? (signed char)0 : r <= -128.0 ? (signed char)-128 : r >= 127.0 ? (signed char)127 : (signed char)r;
}
__host__ __device__ inline unsigned char __TR_NAME(__, 2uchar_rz)(__TR_T a) {
  double r = __tr_round_integral(__TR_NAME(__, 2float)(a), __TR_RZ);
  return r != r ? (unsigned char)0 : r <= 0.0 ? (unsigned char)0 : r >= 255.0 ? (unsigned char)255 : (unsigned char)r;
}

/* Pairs. */
__host__ __device__ inline __TR_T2 __TR_NAME2(__halves2, )(__TR_T a, __TR_T b) { __TR_T2 r; r.x = a; r.y = b; return r; }
__host__ __device__ inline __TR_T2 __TR_NAME2(make_, )(__TR_T a, __TR_T b) { return __TR_NAME2(__halves2, )(a, b); }
__host__ __device__ inline __TR_T2 __TR_XCAT(__TR_NAME(__, 2), __TR_K2)(__TR_T a) { return __TR_NAME2(__halves2, )(a, a); }
__host__ __device__ inline __TR_T2 __TR_NAME2(__floats2, _rn)(float a, float b) { return __TR_NAME2(__halves2, )(__TR_NAME(__float2, )(a), __TR_NAME(__float2, )(b)); }
__host__ __device__ inline __TR_T2 __TR_NAME2(__float2, _rn)(float a) { return __TR_NAME2(__floats2, _rn)(a, a); }
__host__ __device__ inline __TR_T2 __TR_NAME2(__float22, _rn)(float2 a) { return __TR_NAME2(__floats2, _rn)(a.x, a.y); }
__host__ __device__ inline float2 __TR_NAME2(__, 2float2)(__TR_T2 a) { float2 r; r.x = __TR_NAME(__, 2float)(a.x); r.y = __TR_NAME(__, 2float)(a.y); return r; }
__host__ __device__ inline float __low2float(__TR_T2 a) { return __TR_NAME(__, 2float)(a.x); }
__host__ __device__ inline float __high2float(__TR_T2 a) { return __TR_NAME(__, 2float)(a.y); }
__host__ __device__ inline __TR_T __TR_NAME(__low2, )(__TR_T2 a) { return a.x; }
__host__ __device__ inline __TR_T __TR_NAME(__high2, )(__TR_T2 a) { return a.y; }
__host__ __device__ inline __TR_T2 __TR_NAME2(__low2, )(__TR_T2 a) { return __TR_NAME2(__halves2, )(a.x, a.x); }
__host__ __device__ inline __TR_T2 __TR_NAME2(__high2, )(__TR_T2 a) { return __TR_NAME2(__halves2, )(a.y, a.y); }
__host__ __device__ inline __TR_T2 __TR_NAME2(__lows2, )(__TR_T2 a, __TR_T2 b) { return __TR_NAME2(__halves2, )(a.x, b.x); }
__host__ __device__ inline __TR_T2 __TR_NAME2(__highs2, )(__TR_T2 a, __TR_T2 b) { return __TR_NAME2(__halves2, )(a.y, b.y); }
__host__ __device__ inline __TR_T2 __lowhigh2highlow(__TR_T2 a) { return __TR_NAME2(__halves2, )(a.y, a.x); }

/* Comparisons: ordered (false with a NaN) and unordered (…u: true with a NaN); __hne is ordered, as in CUDA. */
__host__ __device__ inline bool __heq(__TR_T a, __TR_T b) { return __TR_NAME(__, 2float)(a) == __TR_NAME(__, 2float)(b); }
__host__ __device__ inline bool __hne(__TR_T a, __TR_T b) { float x = __TR_NAME(__, 2float)(a), y = __TR_NAME(__, 2float)(b); return x < y || x > y; }
__host__ __device__ inline bool __hlt(__TR_T a, __TR_T b) { return __TR_NAME(__, 2float)(a) < __TR_NAME(__, 2float)(b); }
__host__ __device__ inline bool __hle(__TR_T a, __TR_T b) { return __TR_NAME(__, 2float)(a) <= __TR_NAME(__, 2float)(b); }
__host__ __device__ inline bool __hgt(__TR_T a, __TR_T b) { return __TR_NAME(__, 2float)(a) > __TR_NAME(__, 2float)(b); }
__host__ __device__ inline bool __hge(__TR_T a, __TR_T b) { return __TR_NAME(__, 2float)(a) >= __TR_NAME(__, 2float)(b); }
__host__ __device__ inline bool __hequ(__TR_T a, __TR_T b) { return !__hne(a, b); }
__host__ __device__ inline bool __hneu(__TR_T a, __TR_T b) { return !__heq(a, b); }
__host__ __device__ inline bool __hltu(__TR_T a, __TR_T b) { return !__hge(a, b); }
__host__ __device__ inline bool __hleu(__TR_T a, __TR_T b) { return !__hgt(a, b); }
__host__ __device__ inline bool __hgtu(__TR_T a, __TR_T b) { return !__hle(a, b); }
__host__ __device__ inline bool __hgeu(__TR_T a, __TR_T b) { return !__hlt(a, b); }
__host__ __device__ inline bool __hisnan(__TR_T a) { return (a.__x & 0x7fffu) > (0x7fffu & ~((1u << __TR_FRACTION_BITS) - 1u)); }
__host__ __device__ inline int __hisinf(__TR_T a) {
  return (a.__x & 0x7fffu) == (0x7fffu & ~((1u << __TR_FRACTION_BITS) - 1u)) ? ((a.__x & 0x8000u) ? -1 : 1) : 0;
}
/* max and min: a NaN operand gives the other (both NaN: the canonical NaN), +0 is above -0; the _nan forms give the
   canonical NaN when either is one. */
__host__ __device__ inline __TR_T __hmax(__TR_T a, __TR_T b) {
  if (__hisnan(a)) return __hisnan(b) ? __TR_NAME(__ushort_as_, )(0x7fffu) : b;
  if (__hisnan(b)) return a;
  if (__heq(a, b)) return (a.__x & 0x8000u) ? b : a;
  return __hgt(a, b) ? a : b;
}
__host__ __device__ inline __TR_T __hmin(__TR_T a, __TR_T b) {
  if (__hisnan(a)) return __hisnan(b) ? __TR_NAME(__ushort_as_, )(0x7fffu) : b;
  if (__hisnan(b)) return a;
  if (__heq(a, b)) return (a.__x & 0x8000u) ? a : b;
  return __hlt(a, b) ? a : b;
}
__host__ __device__ inline __TR_T __hmax_nan(__TR_T a, __TR_T b) { return __hisnan(a) || __hisnan(b) ? __TR_NAME(__ushort_as_, )(0x7fffu) : __hmax(a, b); }
__host__ __device__ inline __TR_T __hmin_nan(__TR_T a, __TR_T b) { return __hisnan(a) || __hisnan(b) ? __TR_NAME(__ushort_as_, )(0x7fffu) : __hmin(a, b); }

/* Arithmetic. _sat clamps to [0, 1] (NaN gives +0, as PTX's .sat); _relu gives +0 for a negative result and keeps NaN
   as the canonical NaN. */
__host__ __device__ inline __TR_T __TR_NAME(__tr_saturated_, )(__TR_T a) {
  float f = __TR_NAME(__, 2float)(a);
  return f > 1.0f ? __TR_NAME(__float2, )(1.0f) : f > 0.0f ? a : __TR_NAME(__ushort_as_, )(0u);
}
__host__ __device__ inline __TR_T __hadd(__TR_T a, __TR_T b) { return __TR_NAME(__float2, )(__TR_NAME(__, 2float)(a) + __TR_NAME(__, 2float)(b)); }
__host__ __device__ inline __TR_T __hsub(__TR_T a, __TR_T b) { return __TR_NAME(__float2, )(__TR_NAME(__, 2float)(a) - __TR_NAME(__, 2float)(b)); }
__host__ __device__ inline __TR_T __hmul(__TR_T a, __TR_T b) { return __TR_NAME(__float2, )(__TR_NAME(__, 2float)(a) * __TR_NAME(__, 2float)(b)); }
__host__ __device__ inline __TR_T __hdiv(__TR_T a, __TR_T b) { return __TR_NAME(__float2, )(__TR_NAME(__, 2float)(a) / __TR_NAME(__, 2float)(b)); }
__host__ __device__ inline __TR_T __hadd_rn(__TR_T a, __TR_T b) { return __hadd(a, b); }
__host__ __device__ inline __TR_T __hsub_rn(__TR_T a, __TR_T b) { return __hsub(a, b); }
__host__ __device__ inline __TR_T __hmul_rn(__TR_T a, __TR_T b) { return __hmul(a, b); }
__host__ __device__ inline __TR_T __hadd_sat(__TR_T a, __TR_T b) { return __TR_NAME(__tr_saturated_, )(__hadd(a, b)); }
__host__ __device__ inline __TR_T __hsub_sat(__TR_T a, __TR_T b) { return __TR_NAME(__tr_saturated_, )(__hsub(a, b)); }
__host__ __device__ inline __TR_T __hmul_sat(__TR_T a, __TR_T b) { return __TR_NAME(__tr_saturated_, )(__hmul(a, b)); }
__host__ __device__ inline __TR_T __hneg(__TR_T a) { return __TR_NAME(__ushort_as_, )((unsigned short)(a.__x ^ 0x8000u)); }
__host__ __device__ inline __TR_T __habs(__TR_T a) { return __TR_NAME(__ushort_as_, )((unsigned short)(a.__x & 0x7fffu)); }
__host__ __device__ inline __TR_T __hfma(__TR_T a, __TR_T b, __TR_T c) {
  double p = (double)__TR_NAME(__, 2float)(a) * (double)__TR_NAME(__, 2float)(b); /* exact */
  return __TR_NAME(__ushort_as_, )(__tr_narrow16_bits(__tr_sum_to_odd(p, (double)__TR_NAME(__, 2float)(c)), __TR_FRACTION_BITS, __TR_BIAS, __TR_RN));
}
__host__ __device__ inline __TR_T __hfma_sat(__TR_T a, __TR_T b, __TR_T c) { return __TR_NAME(__tr_saturated_, )(__hfma(a, b, c)); }
__host__ __device__ inline __TR_T __hfma_relu(__TR_T a, __TR_T b, __TR_T c) {
  __TR_T r = __hfma(a, b, c);
  return __hisnan(r) ? __TR_NAME(__ushort_as_, )(0x7fffu) : __TR_NAME(__, 2float)(r) < 0.0f ? __TR_NAME(__ushort_as_, )(0u) : r;
}

/* Pair forms, lane by lane. */
#define __TR_LANES1(NAME2, NAME) \
  __host__ __device__ inline __TR_T2 NAME2(__TR_T2 a) { return __TR_NAME2(__halves2, )(NAME(a.x), NAME(a.y)); }
#define __TR_LANES2(NAME2, NAME) \
  __host__ __device__ inline __TR_T2 NAME2(__TR_T2 a, __TR_T2 b) { return __TR_NAME2(__halves2, )(NAME(a.x, b.x), NAME(a.y, b.y)); }
#define __TR_LANES3(NAME2, NAME) \
  __host__ __device__ inline __TR_T2 NAME2(__TR_T2 a, __TR_T2 b, __TR_T2 c) { return __TR_NAME2(__halves2, )(NAME(a.x, b.x, c.x), NAME(a.y, b.y, c.y)); }
__TR_LANES2(__hadd2, __hadd) __TR_LANES2(__hsub2, __hsub) __TR_LANES2(__hmul2, __hmul) __TR_LANES2(__h2div, __hdiv)
__TR_LANES2(__hadd2_rn, __hadd) __TR_LANES2(__hsub2_rn, __hsub) __TR_LANES2(__hmul2_rn, __hmul)
__TR_LANES2(__hadd2_sat, __hadd_sat) __TR_LANES2(__hsub2_sat, __hsub_sat) __TR_LANES2(__hmul2_sat, __hmul_sat)
__TR_LANES3(__hfma2, __hfma) __TR_LANES3(__hfma2_sat, __hfma_sat) __TR_LANES3(__hfma2_relu, __hfma_relu)
__TR_LANES1(__hneg2, __hneg) __TR_LANES1(__habs2, __habs)
__TR_LANES2(__hmax2, __hmax) __TR_LANES2(__hmin2, __hmin) __TR_LANES2(__hmax2_nan, __hmax_nan) __TR_LANES2(__hmin2_nan, __hmin_nan)
/* Complex multiply-add: (a.x + i a.y)(b.x + i b.y) + (c.x + i c.y), each part summed in double (rounded to odd) and
   rounded to the type. */
__host__ __device__ inline __TR_T2 __hcmadd(__TR_T2 a, __TR_T2 b, __TR_T2 c) {
  double ax = __TR_NAME(__, 2float)(a.x), ay = __TR_NAME(__, 2float)(a.y), bx = __TR_NAME(__, 2float)(b.x), by = __TR_NAME(__, 2float)(b.y);
  double re = __tr_sum_to_odd(ax * bx, __tr_sum_to_odd(-ay * by, (double)__TR_NAME(__, 2float)(c.x)));
  double im = __tr_sum_to_odd(ax * by, __tr_sum_to_odd(ay * bx, (double)__TR_NAME(__, 2float)(c.y)));
  return __TR_NAME2(__halves2, )(__TR_NAME(__double2, )(re), __TR_NAME(__double2, )(im));
}
/* Lane comparisons: 1.0 or 0.0 per lane (__heq2 …), 0xffff or 0 per lane (…_mask), all lanes (__hbeq2 …). */
#define __TR_COMPARE2(OP)                                                                                                     \
  __host__ __device__ inline __TR_T2 __h##OP##2(__TR_T2 a, __TR_T2 b) {                                                      \
    return __TR_NAME2(__halves2, )(__TR_NAME(__float2, )(__h##OP(a.x, b.x) ? 1.0f : 0.0f), __TR_NAME(__float2, )(__h##OP(a.y, b.y) ? 1.0f : 0.0f)); \
  }                                                                                                                           \
  __host__ __device__ inline unsigned int __h##OP##2_mask(__TR_T2 a, __TR_T2 b) {                                            \
    return (__h##OP(a.x, b.x) ? 0xffffu : 0u) | (__h##OP(a.y, b.y) ? 0xffff0000u : 0u);                                       \
  }                                                                                                                           \
  __host__ __device__ inline bool __hb##OP##2(__TR_T2 a, __TR_T2 b) { return __h##OP(a.x, b.x) && __h##OP(a.y, b.y); }
__TR_COMPARE2(eq) __TR_COMPARE2(ne) __TR_COMPARE2(lt) __TR_COMPARE2(le) __TR_COMPARE2(gt) __TR_COMPARE2(ge)
__TR_COMPARE2(equ) __TR_COMPARE2(neu) __TR_COMPARE2(ltu) __TR_COMPARE2(leu) __TR_COMPARE2(gtu) __TR_COMPARE2(geu)
#undef __TR_COMPARE2
__host__ __device__ inline __TR_T2 __hisnan2(__TR_T2 a) {
  return __TR_NAME2(__halves2, )(__TR_NAME(__float2, )(__hisnan(a.x) ? 1.0f : 0.0f), __TR_NAME(__float2, )(__hisnan(a.y) ? 1.0f : 0.0f));
}

/* Math functions (h…, and h2… lane by lane), computed in float and rounded once. */
#define __TR_MATH(STEM, EXPR)                                                                                          \
  __host__ __device__ inline __TR_T h##STEM(__TR_T a) { float f = __TR_NAME(__, 2float)(a); return __TR_NAME(__float2, )(EXPR); } \
  __TR_LANES1(h2##STEM, h##STEM)
__TR_MATH(ceil, ceilf(f)) __TR_MATH(floor, floorf(f)) __TR_MATH(trunc, truncf(f)) __TR_MATH(rint, rintf(f))
__TR_MATH(sqrt, sqrtf(f)) __TR_MATH(rcp, 1.0f / f) __TR_MATH(rsqrt, (float)(1.0 / sqrt((double)f)))
__TR_MATH(exp, expf(f)) __TR_MATH(exp2, exp2f(f)) __TR_MATH(exp10, exp10f(f))
__TR_MATH(log, logf(f)) __TR_MATH(log2, log2f(f)) __TR_MATH(log10, log10f(f))
__TR_MATH(sin, sinf(f)) __TR_MATH(cos, cosf(f)) __TR_MATH(tanh, tanhf(f))
#undef __TR_MATH
#undef __TR_LANES1
#undef __TR_LANES2
#undef __TR_LANES3

/* Operators. */
__host__ __device__ inline __TR_T operator+(__TR_T a, __TR_T b) { return __hadd(a, b); }
__host__ __device__ inline __TR_T operator-(__TR_T a, __TR_T b) { return __hsub(a, b); }
__host__ __device__ inline __TR_T operator*(__TR_T a, __TR_T b) { return __hmul(a, b); }
__host__ __device__ inline __TR_T operator/(__TR_T a, __TR_T b) { return __hdiv(a, b); }
__host__ __device__ inline __TR_T operator-(__TR_T a) { return __hneg(a); }
__host__ __device__ inline __TR_T operator+(__TR_T a) { return a; }
__host__ __device__ inline __TR_T &operator+=(__TR_T &a, __TR_T b) { a = __hadd(a, b); return a; }
__host__ __device__ inline __TR_T &operator-=(__TR_T &a, __TR_T b) { a = __hsub(a, b); return a; }
__host__ __device__ inline __TR_T &operator*=(__TR_T &a, __TR_T b) { a = __hmul(a, b); return a; }
__host__ __device__ inline __TR_T &operator/=(__TR_T &a, __TR_T b) { a = __hdiv(a, b); return a; }
__host__ __device__ inline __TR_T &operator++(__TR_T &a) { a = __hadd(a, __TR_NAME(__float2, )(1.0f)); return a; }
__host__ __device__ inline __TR_T &operator--(__TR_T &a) { a = __hsub(a, __TR_NAME(__float2, )(1.0f)); return a; }
__host__ __device__ inline __TR_T operator++(__TR_T &a, int) { __TR_T old = a; ++a; return old; }
__host__ __device__ inline __TR_T operator--(__TR_T &a, int) { __TR_T old = a; --a; return old; }
__host__ __device__ inline bool operator==(__TR_T a, __TR_T b) { return __heq(a, b); }
__host__ __device__ inline bool operator!=(__TR_T a, __TR_T b) { return __hneu(a, b); }
__host__ __device__ inline bool operator<(__TR_T a, __TR_T b) { return __hlt(a, b); }
__host__ __device__ inline bool operator<=(__TR_T a, __TR_T b) { return __hle(a, b); }
__host__ __device__ inline bool operator>(__TR_T a, __TR_T b) { return __hgt(a, b); }
__host__ __device__ inline bool operator>=(__TR_T a, __TR_T b) { return __hge(a, b); }
/* Pairs: lane-wise arithmetic; comparisons over both lanes (CUDA's: != is true when some lane differs or is NaN). */
__host__ __device__ inline __TR_T2 operator+(__TR_T2 a, __TR_T2 b) { return __hadd2(a, b); }
__host__ __device__ inline __TR_T2 operator-(__TR_T2 a, __TR_T2 b) { return __hsub2(a, b); }
__host__ __device__ inline __TR_T2 operator*(__TR_T2 a, __TR_T2 b) { return __hmul2(a, b); }
__host__ __device__ inline __TR_T2 operator/(__TR_T2 a, __TR_T2 b) { return __h2div(a, b); }
__host__ __device__ inline __TR_T2 operator-(__TR_T2 a) { return __hneg2(a); }
__host__ __device__ inline __TR_T2 operator+(__TR_T2 a) { return a; }
__host__ __device__ inline __TR_T2 &operator+=(__TR_T2 &a, __TR_T2 b) { a = __hadd2(a, b); return a; }
__host__ __device__ inline __TR_T2 &operator-=(__TR_T2 &a, __TR_T2 b) { a = __hsub2(a, b); return a; }
__host__ __device__ inline __TR_T2 &operator*=(__TR_T2 &a, __TR_T2 b) { a = __hmul2(a, b); return a; }
__host__ __device__ inline __TR_T2 &operator/=(__TR_T2 &a, __TR_T2 b) { a = __h2div(a, b); return a; }
__host__ __device__ inline bool operator==(__TR_T2 a, __TR_T2 b) { return __hbeq2(a, b); }
__host__ __device__ inline bool operator!=(__TR_T2 a, __TR_T2 b) { return !__hbeq2(a, b); }
__host__ __device__ inline bool operator<(__TR_T2 a, __TR_T2 b) { return __hblt2(a, b); }
__host__ __device__ inline bool operator<=(__TR_T2 a, __TR_T2 b) { return __hble2(a, b); }
__host__ __device__ inline bool operator>(__TR_T2 a, __TR_T2 b) { return __hbgt2(a, b); }
__host__ __device__ inline bool operator>=(__TR_T2 a, __TR_T2 b) { return __hbge2(a, b); }

#if defined(__CUDA__)
/* Device only: shuffles (bits exact), loads and stores with cache hints, atomic addition (a compare-and-swap loop on the
   value's own bits: CUDA's atomicAdd of a pair is atomic per lane, a loop over the whole word is stronger). */
__TR_SHUFFLES_16BIT(__TR_T, __TR_T2, __TR_NAME(__ushort_as_, ), __TR_NAME2(__halves2, ))
__device__ __TR_T __ldg(const __TR_T *ptr);
__device__ __TR_T2 __ldg(const __TR_T2 *ptr);
__TR_CACHE_HINTS(__TR_T)
__TR_CACHE_HINTS(__TR_T2)
__device__ inline __TR_T atomicAdd(__TR_T *address, __TR_T val) {
  unsigned short *bits = (unsigned short *)address, old = 0, assumed;
  do {
    assumed = old;
    old = atomicCAS(bits, assumed, __TR_NAME(__, _as_ushort)(__hadd(__TR_NAME(__ushort_as_, )(assumed), val)));
  } while (old != assumed);
  return __TR_NAME(__ushort_as_, )(old);
}
__device__ inline __TR_T2 atomicAdd(__TR_T2 *address, __TR_T2 val) {
  unsigned int *bits = (unsigned int *)address, old = 0, assumed;
  do {
    assumed = old;
    __TR_T2 sum = __hadd2(__TR_NAME2(__halves2, )(__TR_NAME(__ushort_as_, )((unsigned short)(assumed & 0xffffu)),
                                                  __TR_NAME(__ushort_as_, )((unsigned short)(assumed >> 16))), val);
    old = atomicCAS(bits, assumed, (unsigned int)sum.x.__x | ((unsigned int)sum.y.__x << 16));
  } while (old != assumed);
  return __TR_NAME2(__halves2, )(__TR_NAME(__ushort_as_, )((unsigned short)(old & 0xffffu)), __TR_NAME(__ushort_as_, )((unsigned short)(old >> 16)));
}
#endif

#undef __TR_T
#undef __TR_T2
#undef __TR_K
#undef __TR_K2
#undef __TR_FRACTION_BITS
#undef __TR_BIAS
#undef __TR_BITS_TO_FLOAT
#undef __TR_FLOAT_BITS_RN
#endif
