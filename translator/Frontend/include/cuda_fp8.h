/* 8-bit floating point: the storage types, conversions and the __nv_fp8_e4m3 / __nv_fp8_e5m2 classes
   (with their x2 and x4 forms) of CUDA's fp8 API, written as ordinary integer code so every device
   converts bit-exactly.
   Formats: E4M3 (bias 7, 3 mantissa bits, no infinity, NaN = S.1111.111, largest finite 448) and
   E5M2 (bias 15, 2 mantissa bits, IEEE-like: infinity 0x7c, NaNs 0x7d-0x7f, largest finite 57344);
   both have subnormals. Conversions to fp8 round to nearest even, once, from the exact double value
   (floats, halves and bfloat16s convert to double exactly). A result beyond the largest finite value
   is that value with __NV_SATFINITE; with __NV_NOSAT it is infinity (E5M2) or NaN (E4M3, which has no
   infinity) — also for infinite inputs. NaN gives 0x7f. Zero and underflow keep the sign.
   Conversions from fp8 are exact (every fp8 value is a half). The classes convert with __NV_SATFINITE. */
#pragma once
#define __CUDA_FP8_H__
#include "cuda_fp16.h"
#include "cuda_bf16.h"

typedef unsigned char __nv_fp8_storage_t;
typedef unsigned short int __nv_fp8x2_storage_t;
typedef unsigned int __nv_fp8x4_storage_t;

typedef enum __nv_saturation_t { __NV_NOSAT, __NV_SATFINITE } __nv_saturation_t;
typedef enum __nv_fp8_interpretation_t { __NV_E4M3, __NV_E5M2 } __nv_fp8_interpretation_t;


/* double → fp8 bits: the magnitude's double bits rounded to nearest even at the format's mantissa
   width (a carry moves into the exponent), then overflow handled. */
__host__ __device__ inline __nv_fp8_storage_t __nv_cvt_double_to_fp8(double x, __nv_saturation_t saturate,
                                                                    __nv_fp8_interpretation_t fp8_interpretation) {
  unsigned long long bits = __tr_bitcast_double_to_u64(x);
  unsigned int sign = (unsigned int)(bits >> 56) & 0x80u;
  unsigned long long ax = bits & 0x7fffffffffffffffull;
  bool e4m3 = fp8_interpretation == __NV_E4M3;
  unsigned int mantissaBits = e4m3 ? 3u : 2u;
  unsigned int bias = e4m3 ? 7u : 15u;
  unsigned int largest = e4m3 ? 0x7eu : 0x7bu;
  if (ax > 0x7ff0000000000000ull) return (__nv_fp8_storage_t)0x7fu;            /* NaN */
  unsigned int e = (unsigned int)(ax >> 52);                                     /* biased double exponent */
  unsigned long long q;
  if (ax == 0x7ff0000000000000ull) {
    q = 0xffu;                                                                   /* infinity: overflows */
  } else if (e >= 1023u + 1u - bias) {                                           /* a normal fp8 or beyond */
    unsigned int dropped = 52u - mantissaBits;
    unsigned long long rem = ax & ((1ull << dropped) - 1ull);
    unsigned long long halfway = 1ull << (dropped - 1u);
    q = ((unsigned long long)(e - 1023u + bias) << mantissaBits) | ((ax >> dropped) & ((1ull << mantissaBits) - 1ull));
    if (rem > halfway || (rem == halfway && (q & 1ull))) ++q;
  } else {                                                                       /* a subnormal fp8 or zero */
    /* value = m / 2^shift units of the smallest subnormal, 2^(1 - bias - mantissaBits) */
    unsigned int shift = 1023u + 52u + 1u - bias - mantissaBits - e;
    if (e == 0u || shift > 53u) return (__nv_fp8_storage_t)sign;                 /* below half the smallest subnormal */
    unsigned long long m = (ax & ((1ull << 52) - 1ull)) | (1ull << 52);
    unsigned long long rem = m & ((1ull << shift) - 1ull);
    unsigned long long halfway = 1ull << (shift - 1u);
    q = m >> shift;
    if (rem > halfway || (rem == halfway && (q & 1ull))) ++q;
  }
  if (q > largest) {
    if (saturate == __NV_SATFINITE) q = largest;
    else q = e4m3 ? 0x7fu : 0x7cu;
  }
  return (__nv_fp8_storage_t)(sign | (unsigned int)q);
}

/* fp8 bits → binary16 bits, exactly: E5M2 is the upper byte of a half; E4M3's exponent is rebiased
   (its subnormals are normal halves). */
__host__ __device__ inline __half_raw __nv_cvt_fp8_to_halfraw(__nv_fp8_storage_t x, __nv_fp8_interpretation_t fp8_interpretation) {
  __half_raw r;
  unsigned int v = (unsigned int)x;
  unsigned int sign = (v & 0x80u) << 8;
  if (fp8_interpretation == __NV_E5M2) {
    r.x = (unsigned short)(v << 8);
    return r;
  }
  unsigned int e = (v >> 3) & 0xfu;
  unsigned int m = v & 0x7u;
  if (e == 0xfu && m == 0x7u) r.x = (unsigned short)(sign | 0x7fffu);           /* NaN */
  else if (e != 0u) r.x = (unsigned short)(sign | ((e + 8u) << 10) | (m << 7));  /* 2^(e-7) = 2^((e+8)-15) */
  else if (m == 0u) r.x = (unsigned short)sign;
  else {
    /* m * 2^-9 with m < 8: normalize so the leading one is the implicit bit. */
    unsigned int lead = m >= 4u ? 2u : m >= 2u ? 1u : 0u;                        /* value = 1.f * 2^(lead - 9) */
    unsigned int fraction = (m << (10u - lead)) & 0x3ffu;
    r.x = (unsigned short)(sign | ((lead - 9u + 15u) << 10) | fraction);
  }
  return r;
}

__host__ __device__ inline __nv_fp8_storage_t __nv_cvt_float_to_fp8(float x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  return __nv_cvt_double_to_fp8((double)x, saturate, fp8_interpretation);
}
__host__ __device__ inline __nv_fp8_storage_t __nv_cvt_halfraw_to_fp8(__half_raw x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  return __nv_cvt_double_to_fp8((double)__tr_half_bits_to_float(x.x), saturate, fp8_interpretation);
}
__host__ __device__ inline __nv_fp8_storage_t __nv_cvt_bfloat16raw_to_fp8(__nv_bfloat16_raw x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  return __nv_cvt_double_to_fp8((double)__tr_bf16_bits_to_float(x.x), saturate, fp8_interpretation);
}
/* Pairs: the first element (.x) in the low byte. */
__host__ __device__ inline __nv_fp8x2_storage_t __tr_fp8x2(__nv_fp8_storage_t lo, __nv_fp8_storage_t hi) {
  return (__nv_fp8x2_storage_t)((unsigned int)lo | ((unsigned int)hi << 8));
}
__host__ __device__ inline __nv_fp8x2_storage_t __nv_cvt_double2_to_fp8x2(double2 x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  return __tr_fp8x2(__nv_cvt_double_to_fp8(x.x, saturate, fp8_interpretation), __nv_cvt_double_to_fp8(x.y, saturate, fp8_interpretation));
}
__host__ __device__ inline __nv_fp8x2_storage_t __nv_cvt_float2_to_fp8x2(float2 x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  return __tr_fp8x2(__nv_cvt_float_to_fp8(x.x, saturate, fp8_interpretation), __nv_cvt_float_to_fp8(x.y, saturate, fp8_interpretation));
}
__host__ __device__ inline __nv_fp8x2_storage_t __nv_cvt_halfraw2_to_fp8x2(__half2_raw x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  __half_raw lo, hi;
  lo.x = x.x;
  hi.x = x.y;
  return __tr_fp8x2(__nv_cvt_halfraw_to_fp8(lo, saturate, fp8_interpretation), __nv_cvt_halfraw_to_fp8(hi, saturate, fp8_interpretation));
}
__host__ __device__ inline __nv_fp8x2_storage_t __nv_cvt_bfloat16raw2_to_fp8x2(__nv_bfloat162_raw x, __nv_saturation_t saturate, __nv_fp8_interpretation_t fp8_interpretation) {
  __nv_bfloat16_raw lo, hi;
  lo.x = x.x;
  hi.x = x.y;
  return __tr_fp8x2(__nv_cvt_bfloat16raw_to_fp8(lo, saturate, fp8_interpretation), __nv_cvt_bfloat16raw_to_fp8(hi, saturate, fp8_interpretation));
}
__host__ __device__ inline __half2_raw __nv_cvt_fp8x2_to_halfraw2(__nv_fp8x2_storage_t x, __nv_fp8_interpretation_t fp8_interpretation) {
  __half2_raw r;
  r.x = __nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)(x & 0xffu), fp8_interpretation).x;
  r.y = __nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)(x >> 8), fp8_interpretation).x;
  return r;
}

__host__ __device__ inline float __tr_fp8_to_float(__nv_fp8_storage_t x, __nv_fp8_interpretation_t fp8_interpretation) {
  return __tr_half_bits_to_float(__nv_cvt_fp8_to_halfraw(x, fp8_interpretation).x);
}

/* The classes: one per format, storage in __x, converting with __NV_SATFINITE. */
#define __TR_FP8_CLASS(NAME, KIND)                                                                              \
  struct __align__(1) NAME {                                                                                    \
    __nv_fp8_storage_t __x;                                                                                     \
    NAME() = default;                                                                                           \
    __host__ __device__ explicit NAME(float f) { __x = __nv_cvt_float_to_fp8(f, __NV_SATFINITE, KIND); }        \
    __host__ __device__ explicit NAME(double f) { __x = __nv_cvt_double_to_fp8(f, __NV_SATFINITE, KIND); }      \
    __host__ __device__ explicit NAME(__half f) { __x = __nv_cvt_halfraw_to_fp8((__half_raw)f, __NV_SATFINITE, KIND); } \
    __host__ __device__ explicit NAME(__nv_bfloat16 f) { __x = __nv_cvt_float_to_fp8((float)f, __NV_SATFINITE, KIND); } \
    __host__ __device__ explicit NAME(int i) { __x = __nv_cvt_double_to_fp8((double)i, __NV_SATFINITE, KIND); } \
    __host__ __device__ explicit NAME(unsigned int i) { __x = __nv_cvt_double_to_fp8((double)i, __NV_SATFINITE, KIND); } \
    __host__ __device__ explicit operator float() const { return __tr_fp8_to_float(__x, KIND); }             \
    __host__ __device__ explicit operator double() const { return (double)__tr_fp8_to_float(__x, KIND); }    \
    __host__ __device__ explicit operator __half() const { return __half(__nv_cvt_fp8_to_halfraw(__x, KIND)); } \
    __host__ __device__ explicit operator __nv_bfloat16() const { return __nv_bfloat16(__tr_fp8_to_float(__x, KIND)); } \
    __host__ __device__ explicit operator bool() const { return (__x & 0x7fu) != 0u; }                         \
  };
__TR_FP8_CLASS(__nv_fp8_e4m3, __NV_E4M3)
__TR_FP8_CLASS(__nv_fp8_e5m2, __NV_E5M2)
#undef __TR_FP8_CLASS

#define __TR_FP8X2_CLASS(NAME, KIND)                                                                            \
  struct __align__(2) NAME {                                                                                    \
    __nv_fp8x2_storage_t __x;                                                                                   \
    NAME() = default;                                                                                           \
    __host__ __device__ explicit NAME(float2 f) { __x = __nv_cvt_float2_to_fp8x2(f, __NV_SATFINITE, KIND); }    \
    __host__ __device__ explicit NAME(double2 f) { __x = __nv_cvt_double2_to_fp8x2(f, __NV_SATFINITE, KIND); }  \
    __host__ __device__ explicit NAME(__half2 f) {                                                              \
      __x = __tr_fp8x2(__nv_cvt_halfraw_to_fp8((__half_raw)f.x, __NV_SATFINITE, KIND),                          \
                       __nv_cvt_halfraw_to_fp8((__half_raw)f.y, __NV_SATFINITE, KIND));                         \
    }                                                                                                           \
    __host__ __device__ explicit NAME(__nv_bfloat162 f) {                                                       \
      __x = __tr_fp8x2(__nv_cvt_float_to_fp8((float)f.x, __NV_SATFINITE, KIND),                                \
                       __nv_cvt_float_to_fp8((float)f.y, __NV_SATFINITE, KIND));                                \
    }                                                                                                           \
    __host__ __device__ explicit operator float2() const {                                                      \
      float2 r;                                                                                                 \
      r.x = __tr_fp8_to_float((__nv_fp8_storage_t)(__x & 0xffu), KIND);                                         \
      r.y = __tr_fp8_to_float((__nv_fp8_storage_t)(__x >> 8), KIND);                                            \
      return r;                                                                                                 \
    }                                                                                                           \
    __host__ __device__ explicit operator __half2() const {                                                     \
      __half2_raw h = __nv_cvt_fp8x2_to_halfraw2(__x, KIND);                                                    \
      __half2 r;                                                                                                \
      r.x = __ushort_as_half(h.x);                                                                              \
      r.y = __ushort_as_half(h.y);                                                                              \
      return r;                                                                                                 \
    }                                                                                                           \
  };
__TR_FP8X2_CLASS(__nv_fp8x2_e4m3, __NV_E4M3)
__TR_FP8X2_CLASS(__nv_fp8x2_e5m2, __NV_E5M2)
#undef __TR_FP8X2_CLASS

/* Four values, .x in the lowest byte. */
#define __TR_FP8X4_CLASS(NAME, KIND)                                                                            \
  struct __align__(4) NAME {                                                                                    \
    __nv_fp8x4_storage_t __x;                                                                                   \
    NAME() = default;                                                                                           \
    __host__ __device__ explicit NAME(float4 f) {                                                               \
      float2 lo, hi;                                                                                            \
      lo.x = f.x; lo.y = f.y; hi.x = f.z; hi.y = f.w;                                                           \
      __x = (__nv_fp8x4_storage_t)__nv_cvt_float2_to_fp8x2(lo, __NV_SATFINITE, KIND)                            \
            | ((__nv_fp8x4_storage_t)__nv_cvt_float2_to_fp8x2(hi, __NV_SATFINITE, KIND) << 16);                 \
    }                                                                                                           \
    __host__ __device__ explicit NAME(double4 f) {                                                              \
      double2 lo, hi;                                                                                           \
      lo.x = f.x; lo.y = f.y; hi.x = f.z; hi.y = f.w;                                                           \
      __x = (__nv_fp8x4_storage_t)__nv_cvt_double2_to_fp8x2(lo, __NV_SATFINITE, KIND)                          \
            | ((__nv_fp8x4_storage_t)__nv_cvt_double2_to_fp8x2(hi, __NV_SATFINITE, KIND) << 16);                \
    }                                                                                                           \
    __host__ __device__ explicit operator float4() const {                                                      \
      float4 r;                                                                                                 \
      r.x = __tr_fp8_to_float((__nv_fp8_storage_t)(__x & 0xffu), KIND);                                         \
      r.y = __tr_fp8_to_float((__nv_fp8_storage_t)((__x >> 8) & 0xffu), KIND);                                  \
      r.z = __tr_fp8_to_float((__nv_fp8_storage_t)((__x >> 16) & 0xffu), KIND);                                 \
      r.w = __tr_fp8_to_float((__nv_fp8_storage_t)(__x >> 24), KIND);                                           \
      return r;                                                                                                 \
    }                                                                                                           \
  };
__TR_FP8X4_CLASS(__nv_fp8x4_e4m3, __NV_E4M3)
__TR_FP8X4_CLASS(__nv_fp8x4_e5m2, __NV_E5M2)
#undef __TR_FP8X4_CLASS
