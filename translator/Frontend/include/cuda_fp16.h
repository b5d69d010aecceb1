/* Half precision: __half and __half2 with CUDA's conversions, arithmetic and comparisons.
   __half is a struct holding the IEEE binary16 bits, as in CUDA, and every operation is written
   here as ordinary code: conversions are exact integer code with round-to-nearest-even, and
   + - * / are computed in float and rounded once to half (exact: float has more than twice the
   precision of half plus two bits), __hfma in double (the product of two halves is exact there).
   So half code lifts to integer and float IR that every device runs bit-exactly, including
   OpenCL devices without cl_khr_fp16. Compound assignments (+= …) return void here, not __half&. */
#pragma once
#define __CUDA_FP16_H__
#include "cuda_runtime.h"

/* Bit reinterpretation on both sides. The lifter maps __tr_bitcast_* by name to (bitcast …); the
   bodies serve host compilation. */
__host__ __device__ inline unsigned long long __tr_bitcast_double_to_u64(double d) { return __builtin_bit_cast(unsigned long long, d); }
__host__ __device__ inline float __tr_bitcast_u32_to_float(unsigned int u) { return __builtin_bit_cast(float, u); }

/* double → binary16 bits, rounded to nearest even: overflow gives infinity, NaN the canonical
   0x7fff (as CUDA's conversion does), subnormal halves are kept. Floats are converted through
   double, which holds every float exactly. */
__host__ __device__ inline unsigned short __tr_half_bits_rn(double d) {
  unsigned long long x = __tr_bitcast_double_to_u64(d);
  unsigned int sign = (unsigned int)(x >> 48) & 0x8000u;
  unsigned long long ax = x & 0x7fffffffffffffffull;
  if (ax > 0x7ff0000000000000ull) return 0x7fffu;                          /* NaN */
  if (ax >= 0x40effe0000000000ull) return (unsigned short)(sign | 0x7c00u); /* >= 65520: infinity */
  unsigned long long q, rem, halfway;
  if (ax >= 0x3f10000000000000ull) {                                        /* >= 2^-14: a normal half */
    q = (ax >> 42) - ((unsigned long long)(1023 - 15) << 10);
    rem = ax & ((1ull << 42) - 1);
    halfway = 1ull << 41;
  } else {                                                                  /* a subnormal half or zero */
    unsigned int e = (unsigned int)(ax >> 52);
    if (e < 1051 - 53) return (unsigned short)sign;                         /* below a quarter of the smallest subnormal */
    unsigned long long m = (ax & ((1ull << 52) - 1)) | (1ull << 52);
    unsigned int shift = 1051 - e;                                          /* value = m / 2^shift units of 2^-24 */
    q = m >> shift;
    rem = m & ((1ull << shift) - 1);
    halfway = 1ull << (shift - 1);
  }
  if (rem > halfway || (rem == halfway && (q & 1))) ++q;                   /* a carry moves into the exponent correctly */
  return (unsigned short)(sign | (unsigned int)q);
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

struct __align__(2) __half_raw { unsigned short x; };

struct __align__(2) __half {
  unsigned short __x;
  __half() = default;
  __host__ __device__ __half(float f) { __x = __tr_half_bits_rn(f); }
  __host__ __device__ __half(double f) { __x = __tr_half_bits_rn(f); }
  __host__ __device__ __half(int i) { __x = __tr_half_bits_rn((double)i); }
  __host__ __device__ __half(__half_raw r) { __x = r.x; }
  __host__ __device__ operator float() const { return __tr_half_bits_to_float(__x); }
  __host__ __device__ operator __half_raw() const { __half_raw r; r.x = __x; return r; }
};
typedef struct __half half;

struct __align__(4) __half2 {
  __half x, y;
  __half2() = default;
  __host__ __device__ __half2(__half a, __half b) { x = a; y = b; }
};
typedef struct __half2 half2;

/* Conversions. */
__host__ __device__ inline __half __tr_half_of_bits(unsigned short bits) { __half h; h.__x = bits; return h; }
__host__ __device__ inline __half __float2half(float a) { return __tr_half_of_bits(__tr_half_bits_rn(a)); }
__host__ __device__ inline __half __float2half_rn(float a) { return __tr_half_of_bits(__tr_half_bits_rn(a)); }
__host__ __device__ inline __half __double2half(double a) { return __tr_half_of_bits(__tr_half_bits_rn(a)); }
__host__ __device__ inline __half __int2half_rn(int a) { return __tr_half_of_bits(__tr_half_bits_rn((double)a)); }
__host__ __device__ inline float __half2float(__half a) { return __tr_half_bits_to_float(a.__x); }
__host__ __device__ inline unsigned short __half_as_ushort(__half a) { return a.__x; }
__host__ __device__ inline short __half_as_short(__half a) { return (short)a.__x; }
__host__ __device__ inline __half __ushort_as_half(unsigned short bits) { return __tr_half_of_bits(bits); }
__host__ __device__ inline __half __short_as_half(short bits) { return __tr_half_of_bits((unsigned short)bits); }

/* Arithmetic: computed in float, rounded once (exact for + - * /). */
__host__ __device__ inline __half __hadd(__half a, __half b) { return __float2half(__half2float(a) + __half2float(b)); }
__host__ __device__ inline __half __hsub(__half a, __half b) { return __float2half(__half2float(a) - __half2float(b)); }
__host__ __device__ inline __half __hmul(__half a, __half b) { return __float2half(__half2float(a) * __half2float(b)); }
__host__ __device__ inline __half __hdiv(__half a, __half b) { return __float2half(__half2float(a) / __half2float(b)); }
__host__ __device__ inline __half __hneg(__half a) { return __tr_half_of_bits((unsigned short)(a.__x ^ 0x8000u)); }
__host__ __device__ inline __half __habs(__half a) { return __tr_half_of_bits((unsigned short)(a.__x & 0x7fffu)); }
__host__ __device__ inline __half __hfma(__half a, __half b, __half c) {
  return __double2half((double)__half2float(a) * (double)__half2float(b) + (double)__half2float(c));
}

/* Comparisons: ordered (false with a NaN), except __hneu and !=, which are true with a NaN. */
__host__ __device__ inline bool __heq(__half a, __half b) { return __half2float(a) == __half2float(b); }
__host__ __device__ inline bool __hne(__half a, __half b) { return __half2float(a) < __half2float(b) || __half2float(a) > __half2float(b); }
__host__ __device__ inline bool __hlt(__half a, __half b) { return __half2float(a) < __half2float(b); }
__host__ __device__ inline bool __hle(__half a, __half b) { return __half2float(a) <= __half2float(b); }
__host__ __device__ inline bool __hgt(__half a, __half b) { return __half2float(a) > __half2float(b); }
__host__ __device__ inline bool __hge(__half a, __half b) { return __half2float(a) >= __half2float(b); }
__host__ __device__ inline bool __hneu(__half a, __half b) { return !(__half2float(a) == __half2float(b)); }
__host__ __device__ inline bool __hisnan(__half a) { return (a.__x & 0x7fffu) > 0x7c00u; }
__host__ __device__ inline int __hisinf(__half a) { return (a.__x & 0x7fffu) == 0x7c00u ? ((a.__x & 0x8000u) ? -1 : 1) : 0; }
__host__ __device__ inline __half __hmax(__half a, __half b) { return __hisnan(a) ? b : __hisnan(b) ? a : (__hgt(a, b) ? a : b); }
__host__ __device__ inline __half __hmin(__half a, __half b) { return __hisnan(a) ? b : __hisnan(b) ? a : (__hlt(a, b) ? a : b); }

/* Operators. */
__host__ __device__ inline __half operator+(__half a, __half b) { return __hadd(a, b); }
__host__ __device__ inline __half operator-(__half a, __half b) { return __hsub(a, b); }
__host__ __device__ inline __half operator*(__half a, __half b) { return __hmul(a, b); }
__host__ __device__ inline __half operator/(__half a, __half b) { return __hdiv(a, b); }
__host__ __device__ inline __half operator-(__half a) { return __hneg(a); }
__host__ __device__ inline __half operator+(__half a) { return a; }
__host__ __device__ inline __half &operator+=(__half &a, __half b) { a = __hadd(a, b); return a; }
__host__ __device__ inline __half &operator-=(__half &a, __half b) { a = __hsub(a, b); return a; }
__host__ __device__ inline __half &operator*=(__half &a, __half b) { a = __hmul(a, b); return a; }
__host__ __device__ inline __half &operator/=(__half &a, __half b) { a = __hdiv(a, b); return a; }
__host__ __device__ inline bool operator==(__half a, __half b) { return __heq(a, b); }
__host__ __device__ inline bool operator!=(__half a, __half b) { return __hneu(a, b); }
__host__ __device__ inline bool operator<(__half a, __half b) { return __hlt(a, b); }
__host__ __device__ inline bool operator<=(__half a, __half b) { return __hle(a, b); }
__host__ __device__ inline bool operator>(__half a, __half b) { return __hgt(a, b); }
__host__ __device__ inline bool operator>=(__half a, __half b) { return __hge(a, b); }

/* __half2: two halves, each lane rounded on its own. */
__host__ __device__ inline __half2 __halves2half2(__half a, __half b) { __half2 r; r.x = a; r.y = b; return r; }
__host__ __device__ inline __half2 __half2half2(__half a) { return __halves2half2(a, a); }
__host__ __device__ inline __half2 __floats2half2_rn(float a, float b) { return __halves2half2(__float2half(a), __float2half(b)); }
__host__ __device__ inline __half2 __float2half2_rn(float a) { return __half2half2(__float2half(a)); }
__host__ __device__ inline float __low2float(__half2 a) { return __half2float(a.x); }
__host__ __device__ inline float __high2float(__half2 a) { return __half2float(a.y); }
__host__ __device__ inline __half __low2half(__half2 a) { return a.x; }
__host__ __device__ inline __half __high2half(__half2 a) { return a.y; }
__host__ __device__ inline __half2 __hadd2(__half2 a, __half2 b) { return __halves2half2(__hadd(a.x, b.x), __hadd(a.y, b.y)); }
__host__ __device__ inline __half2 __hsub2(__half2 a, __half2 b) { return __halves2half2(__hsub(a.x, b.x), __hsub(a.y, b.y)); }
__host__ __device__ inline __half2 __hmul2(__half2 a, __half2 b) { return __halves2half2(__hmul(a.x, b.x), __hmul(a.y, b.y)); }
__host__ __device__ inline __half2 __h2div(__half2 a, __half2 b) { return __halves2half2(__hdiv(a.x, b.x), __hdiv(a.y, b.y)); }
__host__ __device__ inline __half2 __hfma2(__half2 a, __half2 b, __half2 c) {
  return __halves2half2(__hfma(a.x, b.x, c.x), __hfma(a.y, b.y, c.y));
}
__host__ __device__ inline __half2 __hneg2(__half2 a) { return __halves2half2(__hneg(a.x), __hneg(a.y)); }
__host__ __device__ inline __half2 __habs2(__half2 a) { return __halves2half2(__habs(a.x), __habs(a.y)); }
__host__ __device__ inline __half2 __hmax2(__half2 a, __half2 b) { return __halves2half2(__hmax(a.x, b.x), __hmax(a.y, b.y)); }
__host__ __device__ inline __half2 __hmin2(__half2 a, __half2 b) { return __halves2half2(__hmin(a.x, b.x), __hmin(a.y, b.y)); }
__host__ __device__ inline __half2 __lows2half2(__half2 a, __half2 b) { return __halves2half2(a.x, b.x); }
__host__ __device__ inline __half2 __highs2half2(__half2 a, __half2 b) { return __halves2half2(a.y, b.y); }
__host__ __device__ inline __half2 __low2half2(__half2 a) { return __halves2half2(a.x, a.x); }
__host__ __device__ inline __half2 __high2half2(__half2 a) { return __halves2half2(a.y, a.y); }
__host__ __device__ inline __half2 __lowhigh2highlow(__half2 a) { return __halves2half2(a.y, a.x); }
__host__ __device__ inline __half2 make_half2(__half x, __half y) { return __halves2half2(x, y); }
__host__ __device__ inline __half2 __float22half2_rn(float2 a) { return __floats2half2_rn(a.x, a.y); }
__host__ __device__ inline float2 __half22float2(__half2 a) { float2 r; r.x = __half2float(a.x); r.y = __half2float(a.y); return r; }
/* Lane-wise comparisons giving 1.0 or 0.0 per lane, and the all-lanes forms giving bool. */
__host__ __device__ inline __half __tr_half_of_bool(bool b) { return __tr_half_of_bits(b ? 0x3c00u : 0u); }
__host__ __device__ inline __half2 __heq2(__half2 a, __half2 b) { return __halves2half2(__tr_half_of_bool(__heq(a.x, b.x)), __tr_half_of_bool(__heq(a.y, b.y))); }
__host__ __device__ inline __half2 __hne2(__half2 a, __half2 b) { return __halves2half2(__tr_half_of_bool(__hne(a.x, b.x)), __tr_half_of_bool(__hne(a.y, b.y))); }
__host__ __device__ inline __half2 __hlt2(__half2 a, __half2 b) { return __halves2half2(__tr_half_of_bool(__hlt(a.x, b.x)), __tr_half_of_bool(__hlt(a.y, b.y))); }
__host__ __device__ inline __half2 __hle2(__half2 a, __half2 b) { return __halves2half2(__tr_half_of_bool(__hle(a.x, b.x)), __tr_half_of_bool(__hle(a.y, b.y))); }
__host__ __device__ inline __half2 __hgt2(__half2 a, __half2 b) { return __halves2half2(__tr_half_of_bool(__hgt(a.x, b.x)), __tr_half_of_bool(__hgt(a.y, b.y))); }
__host__ __device__ inline __half2 __hge2(__half2 a, __half2 b) { return __halves2half2(__tr_half_of_bool(__hge(a.x, b.x)), __tr_half_of_bool(__hge(a.y, b.y))); }
__host__ __device__ inline bool __hbeq2(__half2 a, __half2 b) { return __heq(a.x, b.x) && __heq(a.y, b.y); }
__host__ __device__ inline bool __hbne2(__half2 a, __half2 b) { return __hne(a.x, b.x) && __hne(a.y, b.y); }
__host__ __device__ inline bool __hblt2(__half2 a, __half2 b) { return __hlt(a.x, b.x) && __hlt(a.y, b.y); }
__host__ __device__ inline bool __hble2(__half2 a, __half2 b) { return __hle(a.x, b.x) && __hle(a.y, b.y); }
__host__ __device__ inline bool __hbgt2(__half2 a, __half2 b) { return __hgt(a.x, b.x) && __hgt(a.y, b.y); }
__host__ __device__ inline bool __hbge2(__half2 a, __half2 b) { return __hge(a.x, b.x) && __hge(a.y, b.y); }
__host__ __device__ inline __half2 __hisnan2(__half2 a) { return __halves2half2(__tr_half_of_bool(__hisnan(a.x)), __tr_half_of_bool(__hisnan(a.y))); }

/* __half2 operators, lane-wise; the all-lanes comparisons as == and != (CUDA's operator semantics). */
__host__ __device__ inline __half2 operator+(__half2 a, __half2 b) { return __hadd2(a, b); }
__host__ __device__ inline __half2 operator-(__half2 a, __half2 b) { return __hsub2(a, b); }
__host__ __device__ inline __half2 operator*(__half2 a, __half2 b) { return __hmul2(a, b); }
__host__ __device__ inline __half2 operator/(__half2 a, __half2 b) { return __h2div(a, b); }
__host__ __device__ inline __half2 operator-(__half2 a) { return __hneg2(a); }
__host__ __device__ inline __half2 operator+(__half2 a) { return a; }
__host__ __device__ inline __half2 &operator+=(__half2 &a, __half2 b) { a = __hadd2(a, b); return a; }
__host__ __device__ inline __half2 &operator-=(__half2 &a, __half2 b) { a = __hsub2(a, b); return a; }
__host__ __device__ inline __half2 &operator*=(__half2 &a, __half2 b) { a = __hmul2(a, b); return a; }
__host__ __device__ inline __half2 &operator/=(__half2 &a, __half2 b) { a = __h2div(a, b); return a; }
__host__ __device__ inline bool operator==(__half2 a, __half2 b) { return __hbeq2(a, b); }
__host__ __device__ inline bool operator!=(__half2 a, __half2 b) { return !(__heq(a.x, b.x) && __heq(a.y, b.y)); }

/* Warp shuffles of __half and __half2, bits exact (device_functions.h). */
#if defined(__CUDA__)
__TR_SHUFFLES_16BIT(__half, __half2, __tr_half_of_bits, __halves2half2)
#endif
