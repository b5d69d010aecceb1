/* The CUDA math library beyond C's <math.h>: single-precision extras and the C++ overloads that
   CUDA code calls unqualified (min, max, and float versions of the double functions). */
#pragma once
#include "host_defines.h"

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
__device__ inline double scalbn(double x, int n) { return ldexp(x, n); }
__device__ inline float scalbnf(float x, int n) { return ldexpf(x, n); }
#endif
__device__ int abs(int x);
__device__ long long llabs(long long x);
__device__ void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function);

/* The device side of the C library: printf, malloc, free. */
extern "C" {
__device__ int printf(const char *format, ...);
__device__ void *malloc(size_t size);
__device__ void free(void *ptr);
__device__ void *memcpy(void *dst, const void *src, size_t n);
__device__ void *memset(void *dst, int value, size_t n);
}
__host__ float rsqrtf(float x);
__host__ double rsqrt(double x);

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
/* The standard normal distribution: Phi(x) = erfc(-x / sqrt 2) / 2, and its inverse is not offered. */
__device__ inline float normcdff(float x) { return 0.5f * erfcf(x * -0.70710678118654752440f); }
__device__ inline double normcdf(double x) { return 0.5 * erfc(x * -0.70710678118654752440); }
