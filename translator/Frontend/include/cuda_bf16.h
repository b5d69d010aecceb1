/* bfloat16: __nv_bfloat16 and __nv_bfloat162 with CUDA's conversions, arithmetic and comparisons.
   As in cuda_fp16.h, a bfloat16 is a struct holding its 16 bits and every operation is ordinary
   code: conversion from float rounds to nearest even on the bits (NaN → 0x7fff), + - * / are
   computed in float and rounded once (exact: float has more than twice bfloat16's 8 bits plus
   two), fma in double. Compound assignments return void. */
#pragma once
#define __CUDA_BF16_H__
#include "cuda_fp16.h"

__host__ __device__ inline unsigned int __tr_bitcast_float_to_u32(float f) { return __builtin_bit_cast(unsigned int, f); }

__host__ __device__ inline unsigned short __tr_bf16_bits_rn(float f) {
  unsigned int u = __tr_bitcast_float_to_u32(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return 0x7fffu;
  return (unsigned short)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
__host__ __device__ inline float __tr_bf16_bits_to_float(unsigned short b) { return __tr_bitcast_u32_to_float((unsigned int)b << 16); }

struct __align__(2) __nv_bfloat16_raw { unsigned short x; };

struct __align__(2) __nv_bfloat16 {
  unsigned short __x;
  __nv_bfloat16() = default;
  __host__ __device__ __nv_bfloat16(float f) { __x = __tr_bf16_bits_rn(f); }
  __host__ __device__ __nv_bfloat16(double f) { __x = __tr_bf16_bits_rn((float)f); }
  __host__ __device__ __nv_bfloat16(int i) { __x = __tr_bf16_bits_rn((float)i); }
  __host__ __device__ __nv_bfloat16(__nv_bfloat16_raw r) { __x = r.x; }
  __host__ __device__ operator float() const { return __tr_bf16_bits_to_float(__x); }
};
typedef struct __nv_bfloat16 nv_bfloat16;

struct __align__(4) __nv_bfloat162 {
  __nv_bfloat16 x, y;
  __nv_bfloat162() = default;
  __host__ __device__ __nv_bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { x = a; y = b; }
};
typedef struct __nv_bfloat162 nv_bfloat162;

/* Conversions. */
__host__ __device__ inline __nv_bfloat16 __tr_bf16_of_bits(unsigned short bits) { __nv_bfloat16 h; h.__x = bits; return h; }
__host__ __device__ inline __nv_bfloat16 __float2bfloat16(float a) { return __tr_bf16_of_bits(__tr_bf16_bits_rn(a)); }
__host__ __device__ inline __nv_bfloat16 __float2bfloat16_rn(float a) { return __tr_bf16_of_bits(__tr_bf16_bits_rn(a)); }
__host__ __device__ inline __nv_bfloat16 __double2bfloat16(double a) { return __tr_bf16_of_bits(__tr_bf16_bits_rn((float)a)); }
__host__ __device__ inline float __bfloat162float(__nv_bfloat16 a) { return __tr_bf16_bits_to_float(a.__x); }
__host__ __device__ inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 a) { return a.__x; }
__host__ __device__ inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short b) { return __tr_bf16_of_bits(b); }
__host__ __device__ inline __nv_bfloat162 __halves2bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { __nv_bfloat162 r; r.x = a; r.y = b; return r; }
__host__ __device__ inline __nv_bfloat162 make_bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { return __halves2bfloat162(a, b); }
__host__ __device__ inline __nv_bfloat162 __bfloat162bfloat162(__nv_bfloat16 a) { return __halves2bfloat162(a, a); }
__host__ __device__ inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) { return __halves2bfloat162(__float2bfloat16(a), __float2bfloat16(b)); }
__host__ __device__ inline __nv_bfloat162 __float2bfloat162_rn(float a) { return __bfloat162bfloat162(__float2bfloat16(a)); }
__host__ __device__ inline __nv_bfloat162 __float22bfloat162_rn(float2 a) { return __floats2bfloat162_rn(a.x, a.y); }
__host__ __device__ inline float2 __bfloat1622float2(__nv_bfloat162 a) { float2 r; r.x = __bfloat162float(a.x); r.y = __bfloat162float(a.y); return r; }
__host__ __device__ inline float __low2float(__nv_bfloat162 a) { return __bfloat162float(a.x); }
__host__ __device__ inline float __high2float(__nv_bfloat162 a) { return __bfloat162float(a.y); }
__host__ __device__ inline __nv_bfloat16 __low2bfloat16(__nv_bfloat162 a) { return a.x; }
__host__ __device__ inline __nv_bfloat16 __high2bfloat16(__nv_bfloat162 a) { return a.y; }

/* Arithmetic (the __h… names are overloaded for bfloat16, as in CUDA). */
__host__ __device__ inline __nv_bfloat16 __hadd(__nv_bfloat16 a, __nv_bfloat16 b) { return __float2bfloat16(__bfloat162float(a) + __bfloat162float(b)); }
__host__ __device__ inline __nv_bfloat16 __hsub(__nv_bfloat16 a, __nv_bfloat16 b) { return __float2bfloat16(__bfloat162float(a) - __bfloat162float(b)); }
__host__ __device__ inline __nv_bfloat16 __hmul(__nv_bfloat16 a, __nv_bfloat16 b) { return __float2bfloat16(__bfloat162float(a) * __bfloat162float(b)); }
__host__ __device__ inline __nv_bfloat16 __hdiv(__nv_bfloat16 a, __nv_bfloat16 b) { return __float2bfloat16(__bfloat162float(a) / __bfloat162float(b)); }
__host__ __device__ inline __nv_bfloat16 __hneg(__nv_bfloat16 a) { return __tr_bf16_of_bits((unsigned short)(a.__x ^ 0x8000u)); }
__host__ __device__ inline __nv_bfloat16 __habs(__nv_bfloat16 a) { return __tr_bf16_of_bits((unsigned short)(a.__x & 0x7fffu)); }
__host__ __device__ inline __nv_bfloat16 __hfma(__nv_bfloat16 a, __nv_bfloat16 b, __nv_bfloat16 c) {
  return __double2bfloat16((double)__bfloat162float(a) * (double)__bfloat162float(b) + (double)__bfloat162float(c));
}
__host__ __device__ inline __nv_bfloat162 __hadd2(__nv_bfloat162 a, __nv_bfloat162 b) { return __halves2bfloat162(__hadd(a.x, b.x), __hadd(a.y, b.y)); }
__host__ __device__ inline __nv_bfloat162 __hsub2(__nv_bfloat162 a, __nv_bfloat162 b) { return __halves2bfloat162(__hsub(a.x, b.x), __hsub(a.y, b.y)); }
__host__ __device__ inline __nv_bfloat162 __hmul2(__nv_bfloat162 a, __nv_bfloat162 b) { return __halves2bfloat162(__hmul(a.x, b.x), __hmul(a.y, b.y)); }
__host__ __device__ inline __nv_bfloat162 __h2div(__nv_bfloat162 a, __nv_bfloat162 b) { return __halves2bfloat162(__hdiv(a.x, b.x), __hdiv(a.y, b.y)); }
__host__ __device__ inline __nv_bfloat162 __hfma2(__nv_bfloat162 a, __nv_bfloat162 b, __nv_bfloat162 c) {
  return __halves2bfloat162(__hfma(a.x, b.x, c.x), __hfma(a.y, b.y, c.y));
}

/* Comparisons, ordered (false with a NaN) except != . */
__host__ __device__ inline bool __heq(__nv_bfloat16 a, __nv_bfloat16 b) { return __bfloat162float(a) == __bfloat162float(b); }
__host__ __device__ inline bool __hlt(__nv_bfloat16 a, __nv_bfloat16 b) { return __bfloat162float(a) < __bfloat162float(b); }
__host__ __device__ inline bool __hle(__nv_bfloat16 a, __nv_bfloat16 b) { return __bfloat162float(a) <= __bfloat162float(b); }
__host__ __device__ inline bool __hgt(__nv_bfloat16 a, __nv_bfloat16 b) { return __bfloat162float(a) > __bfloat162float(b); }
__host__ __device__ inline bool __hge(__nv_bfloat16 a, __nv_bfloat16 b) { return __bfloat162float(a) >= __bfloat162float(b); }

/* Operators. */
__host__ __device__ inline __nv_bfloat16 operator+(__nv_bfloat16 a, __nv_bfloat16 b) { return __hadd(a, b); }
__host__ __device__ inline __nv_bfloat16 operator-(__nv_bfloat16 a, __nv_bfloat16 b) { return __hsub(a, b); }
__host__ __device__ inline __nv_bfloat16 operator*(__nv_bfloat16 a, __nv_bfloat16 b) { return __hmul(a, b); }
__host__ __device__ inline __nv_bfloat16 operator/(__nv_bfloat16 a, __nv_bfloat16 b) { return __hdiv(a, b); }
__host__ __device__ inline __nv_bfloat16 operator-(__nv_bfloat16 a) { return __hneg(a); }
__host__ __device__ inline __nv_bfloat16 &operator+=(__nv_bfloat16 &a, __nv_bfloat16 b) { a = __hadd(a, b); return a; }
__host__ __device__ inline __nv_bfloat16 &operator-=(__nv_bfloat16 &a, __nv_bfloat16 b) { a = __hsub(a, b); return a; }
__host__ __device__ inline __nv_bfloat16 &operator*=(__nv_bfloat16 &a, __nv_bfloat16 b) { a = __hmul(a, b); return a; }
__host__ __device__ inline __nv_bfloat16 &operator/=(__nv_bfloat16 &a, __nv_bfloat16 b) { a = __hdiv(a, b); return a; }
__host__ __device__ inline bool operator==(__nv_bfloat16 a, __nv_bfloat16 b) { return __heq(a, b); }
__host__ __device__ inline bool operator!=(__nv_bfloat16 a, __nv_bfloat16 b) { return !__heq(a, b); }
__host__ __device__ inline bool operator<(__nv_bfloat16 a, __nv_bfloat16 b) { return __hlt(a, b); }
__host__ __device__ inline bool operator<=(__nv_bfloat16 a, __nv_bfloat16 b) { return __hle(a, b); }
__host__ __device__ inline bool operator>(__nv_bfloat16 a, __nv_bfloat16 b) { return __hgt(a, b); }
__host__ __device__ inline bool operator>=(__nv_bfloat16 a, __nv_bfloat16 b) { return __hge(a, b); }
__host__ __device__ inline __nv_bfloat162 operator+(__nv_bfloat162 a, __nv_bfloat162 b) { return __hadd2(a, b); }
__host__ __device__ inline __nv_bfloat162 operator-(__nv_bfloat162 a, __nv_bfloat162 b) { return __hsub2(a, b); }
__host__ __device__ inline __nv_bfloat162 operator*(__nv_bfloat162 a, __nv_bfloat162 b) { return __hmul2(a, b); }
__host__ __device__ inline __nv_bfloat162 operator/(__nv_bfloat162 a, __nv_bfloat162 b) { return __h2div(a, b); }

/* Warp shuffles of __nv_bfloat16 and __nv_bfloat162, bits exact (device_functions.h). */
#if defined(__CUDA__)
__TR_SHUFFLES_16BIT(__nv_bfloat16, __nv_bfloat162, __tr_bf16_of_bits, __nv_bfloat162)
#endif
