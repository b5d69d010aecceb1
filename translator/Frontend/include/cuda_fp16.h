/* Half precision: __half and __half2 with CUDA's conversions, arithmetic, comparisons, math functions, atomics and
   cache-hinted loads and stores (the API itself, shared with bfloat16, is tr_16bit_api.h).
   __half is a struct holding the IEEE binary16 bits, as in CUDA, and every operation is written here as ordinary
   code: conversions are exact integer code rounding once in the mode asked (to nearest even by default), and
   + - * / are computed in float and rounded once to half (exact: float has more than twice the precision of half
   plus two bits), fma in double rounded to odd (then once to half). So half code lifts to integer and float IR that
   every device runs bit-exactly, including OpenCL devices without cl_khr_fp16. */
#pragma once
#define __CUDA_FP16_H__
#include "cuda_runtime.h"

/* Bit reinterpretation on both sides. The lifter maps __tr_bitcast_* by name to (bitcast …); the
   bodies serve host compilation. */
__host__ __device__ inline unsigned long long __tr_bitcast_double_to_u64(double d) { return __builtin_bit_cast(unsigned long long, d); }
__host__ __device__ inline float __tr_bitcast_u32_to_float(unsigned int u) { return __builtin_bit_cast(float, u); }
__host__ __device__ inline unsigned int __tr_bitcast_float_to_u32(float f) { return __builtin_bit_cast(unsigned int, f); }

/* double → the bits of a 16-bit IEEE-style format (sign in bit 15, fraction_bits of fraction, exponent bias; infinity,
   NaN and subnormals as IEEE's), rounded once in mode (__TR_RN/RZ/RD/RU). NaN gives CUDA's canonical 0x7fff. A value
   beyond the largest finite one is infinity where the mode rounds away from zero (or to nearest), else the largest
   finite value. Floats, and integers up to 2^53, convert to double exactly. */
__host__ __device__ inline unsigned short __tr_narrow16_bits(double d, unsigned int fraction_bits, int bias, int mode) {
  unsigned long long x = __tr_bitcast_double_to_u64(d);
  unsigned int sign = (unsigned int)(x >> 48) & 0x8000u;
  unsigned long long ax = x & 0x7fffffffffffffffull;
  unsigned int infinity = ((1u << (15 - fraction_bits)) - 1u) << fraction_bits;
  if (ax > 0x7ff0000000000000ull) return 0x7fffu;
  if (ax == 0x7ff0000000000000ull) return (unsigned short)(sign | infinity);
  bool away = mode == __TR_RU ? sign == 0u : mode == __TR_RD ? sign != 0u : false; /* a directed mode rounding up in magnitude */
  int e = (int)(ax >> 52) - 1023;                                                    /* -1023: zero or a subnormal double */
  if (e > bias) return (unsigned short)(sign | ((mode == __TR_RN || away) ? infinity : infinity - 1u));
  unsigned long long q, rem, halfway;
  if (e >= 1 - bias) {                                                                /* a normal result */
    unsigned int drop = 52u - fraction_bits;
    q = ((unsigned long long)(e + bias) << fraction_bits) | ((ax & ((1ull << 52) - 1)) >> drop);
    rem = ax & ((1ull << drop) - 1);
    halfway = 1ull << (drop - 1);
  } else {                                                                            /* subnormal, in units of the smallest */
    int shift = (1 - bias - (int)fraction_bits) - (e - 52);
    if (e == -1023 || shift > 62) {
      if (ax == 0) return (unsigned short)sign;
      q = 0; rem = 1; halfway = 1ull << 62;                                           /* far below half the smallest */
    } else {
      unsigned long long m = (ax & ((1ull << 52) - 1)) | (1ull << 52);
      q = m >> shift;
      rem = m & ((1ull << shift) - 1);
      halfway = 1ull << (shift - 1);
    }
  }
  bool up = mode == __TR_RN ? (rem > halfway || (rem == halfway && (q & 1u))) : (rem != 0 && away);
  if (up) ++q; /* a carry moves into the exponent, or to infinity, correctly */
  return (unsigned short)(sign | (unsigned int)q);
}

/* 64-bit integers → double rounded to odd (the low bit of a 53-bit truncation set when bits were dropped), so one more
   rounding to a 16-bit format is correct; 32-bit and smaller integers are exact in double. */
__host__ __device__ inline double __tr_wide_double(unsigned long long u) {
  if (u < (1ull << 53)) return (double)u;
  int s = 11 - __builtin_clzll(u);
  unsigned long long t = (u >> s) | ((u & ((1ull << s) - 1)) != 0 ? 1ull : 0ull);
  return (double)t * (double)(1ull << s);
}
__host__ __device__ inline double __tr_wide_double(long long v) {
  double m = __tr_wide_double(v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
  return v < 0 ? -m : m;
}
__host__ __device__ inline double __tr_wide_double(int v) { return (double)v; }
__host__ __device__ inline double __tr_wide_double(unsigned int v) { return (double)v; }
__host__ __device__ inline double __tr_wide_double(short v) { return (double)v; }
__host__ __device__ inline double __tr_wide_double(unsigned short v) { return (double)v; }

/* A value rounded to an integer in mode, as a double (exact: every 16-bit format value is a double). */
__host__ __device__ inline double __tr_round_integral(double v, int mode) {
  return mode == __TR_RN ? rint(v) : mode == __TR_RZ ? trunc(v) : mode == __TR_RD ? floor(v) : ceil(v);
}

/* binary16 bits → float, exactly. */
__host__ __device__ inline float __tr_half_bits_to_float(unsigned short h) {
  unsigned int sign = ((unsigned int)h & 0x8000u) << 16;
  unsigned int e = ((unsigned int)h >> 10) & 0x1fu;
  unsigned int m = (unsigned int)h & 0x3ffu;
  if (e == 0x1fu) return __tr_bitcast_u32_to_float(sign | 0x7f800000u | (m << 13));
  if (e != 0) return __tr_bitcast_u32_to_float(sign | ((e + 112u) << 23) | (m << 13));
  float v = (float)m * 5.9604644775390625e-8f; /* m * 2^-24, exact */
  return sign ? -v : v;
}
__host__ __device__ inline unsigned short __tr_half_bits_rn(double d) { return __tr_narrow16_bits(d, 10u, 15, __TR_RN); }

struct __align__(2) __half_raw { unsigned short x; };
struct __align__(4) __half2_raw { unsigned short x, y; };

struct __align__(2) __half {
  unsigned short __x;
  __half() = default;
  __host__ __device__ __half(__half_raw r) { __x = r.x; }
  __host__ __device__ __half(float f) { __x = __tr_half_bits_rn(f); }
  __host__ __device__ __half(double f) { __x = __tr_half_bits_rn(f); }
  __host__ __device__ __half(short i) { __x = __tr_half_bits_rn((double)i); }
  __host__ __device__ __half(unsigned short i) { __x = __tr_half_bits_rn((double)i); }
  __host__ __device__ __half(int i) { __x = __tr_half_bits_rn((double)i); }
  __host__ __device__ __half(unsigned int i) { __x = __tr_half_bits_rn((double)i); }
  __host__ __device__ __half(long i) { __x = __tr_half_bits_rn(__tr_wide_double((long long)i)); }
  __host__ __device__ __half(unsigned long i) { __x = __tr_half_bits_rn(__tr_wide_double((unsigned long long)i)); }
  __host__ __device__ __half(long long i) { __x = __tr_half_bits_rn(__tr_wide_double(i)); }
  __host__ __device__ __half(unsigned long long i) { __x = __tr_half_bits_rn(__tr_wide_double(i)); }
  __host__ __device__ operator float() const { return __tr_half_bits_to_float(__x); }
  __host__ __device__ operator __half_raw() const { __half_raw r; r.x = __x; return r; }
};
typedef struct __half half;

struct __align__(4) __half2 {
  __half x, y;
  __half2() = default;
  __host__ __device__ __half2(__half a, __half b) { x = a; y = b; }
  __host__ __device__ __half2(__half2_raw r) { x.__x = r.x; y.__x = r.y; }
  __host__ __device__ operator __half2_raw() const { __half2_raw r; r.x = x.__x; r.y = y.__x; return r; }
};
typedef struct __half2 half2;

/* The API, for __half. */
#define __TR_T __half
#define __TR_T2 __half2
#define __TR_K half
#define __TR_K2 half2
#define __TR_FRACTION_BITS 10u
#define __TR_BIAS 15
#define __TR_BITS_TO_FLOAT(b) __tr_half_bits_to_float(b)
#define __TR_FLOAT_BITS_RN(f) __tr_half_bits_rn((double)(f))
#include "tr_16bit_api.h"

/* Constants (cuda_fp16.hpp's names). */
#define CUDART_INF_FP16 __ushort_as_half((unsigned short)0x7c00u)
#define CUDART_NAN_FP16 __ushort_as_half((unsigned short)0x7fffu)
#define CUDART_MIN_DENORM_FP16 __ushort_as_half((unsigned short)0x0001u)
#define CUDART_MAX_NORMAL_FP16 __ushort_as_half((unsigned short)0x7bffu)
#define CUDART_NEG_ZERO_FP16 __ushort_as_half((unsigned short)0x8000u)
#define CUDART_ZERO_FP16 __ushort_as_half((unsigned short)0x0000u)
#define CUDART_ONE_FP16 __ushort_as_half((unsigned short)0x3c00u)
