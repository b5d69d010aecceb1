/* bfloat16: __nv_bfloat16 and __nv_bfloat162 with CUDA's conversions, arithmetic, comparisons, math functions, atomics
   and cache-hinted loads and stores (the API itself, shared with half precision, is tr_16bit_api.h). As in
   cuda_fp16.h, a bfloat16 is a struct holding its 16 bits and every operation is ordinary code: conversions round once
   in the mode asked (NaN gives 0x7fff), + - * / are computed in float and rounded once (exact: float has more than
   twice bfloat16's 8 bits plus two), fma in double rounded to odd. */
#pragma once
#define __CUDA_BF16_H__
#include "cuda_fp16.h"

/* float → bfloat16 bits, to nearest even: the float's bits rounded at bit 16 (a carry reaches the exponent or infinity
   correctly). */
__host__ __device__ inline unsigned short __tr_bf16_bits_rn(float f) {
  unsigned int u = __tr_bitcast_float_to_u32(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return 0x7fffu;
  return (unsigned short)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
__host__ __device__ inline float __tr_bf16_bits_to_float(unsigned short b) { return __tr_bitcast_u32_to_float((unsigned int)b << 16); }
__host__ __device__ inline unsigned short __tr_bf16_bits_of(double d) { return __tr_narrow16_bits(d, 7u, 127, __TR_RN); }

struct __align__(2) __nv_bfloat16_raw { unsigned short x; };
struct __align__(4) __nv_bfloat162_raw { unsigned short x, y; };

struct __align__(2) __nv_bfloat16 {
  unsigned short __x;
  __nv_bfloat16() = default;
  __host__ __device__ __nv_bfloat16(__nv_bfloat16_raw r) { __x = r.x; }
  __host__ __device__ __nv_bfloat16(float f) { __x = __tr_bf16_bits_rn(f); }
  __host__ __device__ __nv_bfloat16(double f) { __x = __tr_bf16_bits_of(f); }
  __host__ __device__ __nv_bfloat16(short i) { __x = __tr_bf16_bits_of((double)i); }
  __host__ __device__ __nv_bfloat16(unsigned short i) { __x = __tr_bf16_bits_of((double)i); }
  __host__ __device__ __nv_bfloat16(int i) { __x = __tr_bf16_bits_of((double)i); }
  __host__ __device__ __nv_bfloat16(unsigned int i) { __x = __tr_bf16_bits_of((double)i); }
  __host__ __device__ __nv_bfloat16(long i) { __x = __tr_bf16_bits_of(__tr_wide_double((long long)i)); }
  __host__ __device__ __nv_bfloat16(unsigned long i) { __x = __tr_bf16_bits_of(__tr_wide_double((unsigned long long)i)); }
  __host__ __device__ __nv_bfloat16(long long i) { __x = __tr_bf16_bits_of(__tr_wide_double(i)); }
  __host__ __device__ __nv_bfloat16(unsigned long long i) { __x = __tr_bf16_bits_of(__tr_wide_double(i)); }
  __host__ __device__ operator float() const { return __tr_bf16_bits_to_float(__x); }
  __host__ __device__ operator __nv_bfloat16_raw() const { __nv_bfloat16_raw r; r.x = __x; return r; }
};
typedef struct __nv_bfloat16 nv_bfloat16;

struct __align__(4) __nv_bfloat162 {
  __nv_bfloat16 x, y;
  __nv_bfloat162() = default;
  __host__ __device__ __nv_bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { x = a; y = b; }
  __host__ __device__ __nv_bfloat162(__nv_bfloat162_raw r) { x.__x = r.x; y.__x = r.y; }
  __host__ __device__ operator __nv_bfloat162_raw() const { __nv_bfloat162_raw r; r.x = x.__x; r.y = y.__x; return r; }
};
typedef struct __nv_bfloat162 nv_bfloat162;

/* The API, for __nv_bfloat16. */
#define __TR_T __nv_bfloat16
#define __TR_T2 __nv_bfloat162
#define __TR_K bfloat16
#define __TR_K2 bfloat162
#define __TR_FRACTION_BITS 7u
#define __TR_BIAS 127
#define __TR_BITS_TO_FLOAT(b) __tr_bf16_bits_to_float(b)
#define __TR_FLOAT_BITS_RN(f) __tr_bf16_bits_rn(f)
#include "tr_16bit_api.h"

/* Constants (cuda_bf16.hpp's names). */
#define CUDART_INF_BF16 __ushort_as_bfloat16((unsigned short)0x7f80u)
#define CUDART_NAN_BF16 __ushort_as_bfloat16((unsigned short)0x7fffu)
#define CUDART_MIN_DENORM_BF16 __ushort_as_bfloat16((unsigned short)0x0001u)
#define CUDART_MAX_NORMAL_BF16 __ushort_as_bfloat16((unsigned short)0x7f7fu)
#define CUDART_NEG_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x8000u)
#define CUDART_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x0000u)
#define CUDART_ONE_BF16 __ushort_as_bfloat16((unsigned short)0x3f80u)
