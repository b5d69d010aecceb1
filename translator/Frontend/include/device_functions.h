/* Device intrinsics: barriers, fences, atomics, warp collectives, integer and fast-math intrinsics.
   Declarations only: the lifter maps each call to its IR form by name. */
#pragma once
#include "host_defines.h"
#include <time.h>

/* Barriers and fences. */
__device__ void __syncthreads(void);
__device__ int __syncthreads_count(int predicate);
__device__ int __syncthreads_and(int predicate);
__device__ int __syncthreads_or(int predicate);
__device__ void __syncwarp(unsigned int mask = 0xffffffffu);
__device__ void __threadfence(void);
__device__ void __threadfence_block(void);
__device__ void __threadfence_system(void);
__device__ void __trap(void);
__device__ unsigned int __activemask(void);

/* Clocks: a counter that only grows, in the device's own unit (cycles here); only differences mean anything. */
__device__ long long clock64(void);
__device__ clock_t clock(void);

/* Sleeps for a duration CUDA guarantees only to lie in [0, 2 * ns] (compute capability 7.0 and up): zero is
   one of them, so the thread goes on at once. */
__device__ inline void __nanosleep(unsigned int) {}
/* A breakpoint with no debugger attached stops the kernel, as __trap does; a profiler trigger counts an event for a
   profiler, and there is none here. */
__device__ inline void __brkpt() { __trap(); }
__device__ inline void __prof_trigger(int) {}

/* Warp shuffles (width defaults to warpSize), votes. */
#define __TR_SHUFFLES(T)                                                                    \
  __device__ T __shfl_sync(unsigned int mask, T var, int srcLane, int width = 32);          \
  __device__ T __shfl_up_sync(unsigned int mask, T var, unsigned int delta, int width = 32); \
  __device__ T __shfl_down_sync(unsigned int mask, T var, unsigned int delta, int width = 32); \
  __device__ T __shfl_xor_sync(unsigned int mask, T var, int laneMask, int width = 32);
__TR_SHUFFLES(int)
__TR_SHUFFLES(unsigned int)
__TR_SHUFFLES(long)
__TR_SHUFFLES(unsigned long)
__TR_SHUFFLES(long long)
__TR_SHUFFLES(unsigned long long)
__TR_SHUFFLES(float)
__TR_SHUFFLES(double)
#undef __TR_SHUFFLES
/* Shuffles of a 16-bit type T (bits in field __x, made from bits by OF_BITS) and of its pair T2 (fields
   x, y, made by MAKE2): the bits travel as an unsigned int, a pair packed low = x, high = y, so every
   device moves them exactly. Used by cuda_fp16.h and cuda_bf16.h. */
#define __TR_SHUFFLE_16BIT(NAME, LANE_T, T, T2, OF_BITS, MAKE2)                                             \
  __device__ inline T NAME(unsigned int mask, T v, LANE_T lane, int width = 32) {                           \
    return OF_BITS((unsigned short)NAME(mask, (unsigned int)v.__x, lane, width));                           \
  }                                                                                                         \
  __device__ inline T2 NAME(unsigned int mask, T2 v, LANE_T lane, int width = 32) {                         \
    unsigned int r = NAME(mask, (unsigned int)v.x.__x | ((unsigned int)v.y.__x << 16), lane, width);        \
    return MAKE2(OF_BITS((unsigned short)(r & 0xffffu)), OF_BITS((unsigned short)(r >> 16)));               \
  }
#define __TR_SHUFFLES_16BIT(T, T2, OF_BITS, MAKE2)                                                          \
  __TR_SHUFFLE_16BIT(__shfl_sync, int, T, T2, OF_BITS, MAKE2)                                               \
  __TR_SHUFFLE_16BIT(__shfl_up_sync, unsigned int, T, T2, OF_BITS, MAKE2)                                   \
  __TR_SHUFFLE_16BIT(__shfl_down_sync, unsigned int, T, T2, OF_BITS, MAKE2)                                 \
  __TR_SHUFFLE_16BIT(__shfl_xor_sync, int, T, T2, OF_BITS, MAKE2)
__device__ unsigned int __ballot_sync(unsigned int mask, int predicate);
__device__ int __any_sync(unsigned int mask, int predicate);
__device__ int __all_sync(unsigned int mask, int predicate);
__device__ int __uni_sync(unsigned int mask, int predicate);
/* The warp functions without a mask (deprecated since CUDA 9, still accepted for compute capability below 7.0, which
   older code and -arch=sm_60 builds use): the threads that take part are the active ones. */
template <class T> __device__ inline T __shfl(T var, int srcLane, int width = 32) { return __shfl_sync(__activemask(), var, srcLane, width); }
template <class T> __device__ inline T __shfl_up(T var, unsigned int delta, int width = 32) { return __shfl_up_sync(__activemask(), var, delta, width); }
template <class T> __device__ inline T __shfl_down(T var, unsigned int delta, int width = 32) { return __shfl_down_sync(__activemask(), var, delta, width); }
template <class T> __device__ inline T __shfl_xor(T var, int laneMask, int width = 32) { return __shfl_xor_sync(__activemask(), var, laneMask, width); }
__device__ inline unsigned int __ballot(int predicate) { return __ballot_sync(__activemask(), predicate); }
__device__ inline int __any(int predicate) { return __any_sync(__activemask(), predicate); }
__device__ inline int __all(int predicate) { return __all_sync(__activemask(), predicate); }

/* Atomics: each returns the old value. */
#define __TR_ATOMIC_SCOPES(R, NAME, ...)                                                    \
  __device__ R NAME(__VA_ARGS__);                                                           \
  __device__ R NAME##_block(__VA_ARGS__);                                                   \
  __device__ R NAME##_system(__VA_ARGS__);
__TR_ATOMIC_SCOPES(int, atomicAdd, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicAdd, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicAdd, unsigned long long *address, unsigned long long val)
__TR_ATOMIC_SCOPES(float, atomicAdd, float *address, float val)
__TR_ATOMIC_SCOPES(double, atomicAdd, double *address, double val)
__TR_ATOMIC_SCOPES(int, atomicSub, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicSub, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(int, atomicExch, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicExch, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicExch, unsigned long long *address, unsigned long long val)
__TR_ATOMIC_SCOPES(float, atomicExch, float *address, float val)
__TR_ATOMIC_SCOPES(int, atomicMin, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicMin, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(long long, atomicMin, long long *address, long long val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicMin, unsigned long long *address, unsigned long long val)
__TR_ATOMIC_SCOPES(int, atomicMax, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicMax, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(long long, atomicMax, long long *address, long long val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicMax, unsigned long long *address, unsigned long long val)
__TR_ATOMIC_SCOPES(unsigned int, atomicInc, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicDec, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(int, atomicCAS, int *address, int compare, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicCAS, unsigned int *address, unsigned int compare, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicCAS, unsigned long long *address, unsigned long long compare, unsigned long long val)
__TR_ATOMIC_SCOPES(unsigned short, atomicCAS, unsigned short *address, unsigned short compare, unsigned short val)
__TR_ATOMIC_SCOPES(int, atomicAnd, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicAnd, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicAnd, unsigned long long *address, unsigned long long val)
__TR_ATOMIC_SCOPES(int, atomicOr, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicOr, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicOr, unsigned long long *address, unsigned long long val)
__TR_ATOMIC_SCOPES(int, atomicXor, int *address, int val)
__TR_ATOMIC_SCOPES(unsigned int, atomicXor, unsigned int *address, unsigned int val)
__TR_ATOMIC_SCOPES(unsigned long long, atomicXor, unsigned long long *address, unsigned long long val)
#undef __TR_ATOMIC_SCOPES

/* Integer intrinsics. */
__device__ int __popc(unsigned int x);
__device__ int __popcll(unsigned long long x);
__device__ int __clz(int x);
__device__ int __clzll(long long x);
__device__ int __ffs(int x);
__device__ int __ffsll(long long x);
__device__ unsigned int __brev(unsigned int x);
__device__ unsigned long long __brevll(unsigned long long x);
__device__ unsigned int __byte_perm(unsigned int x, unsigned int y, unsigned int s);
__device__ int __mul24(int x, int y);
__device__ unsigned int __umul24(unsigned int x, unsigned int y);
__device__ int __mulhi(int x, int y);
__device__ unsigned int __umulhi(unsigned int x, unsigned int y);
__device__ long long __mul64hi(long long x, long long y);
__device__ unsigned long long __umul64hi(unsigned long long x, unsigned long long y);
/* Averages without overflow (rounded down, or up for the r forms), sums of absolute differences, funnel shifts of the
   64-bit pair hi:lo (the c forms clamp the shift to 32, the others take it modulo 32), and dot products of packed
   bytes (dp4a: four signed or unsigned bytes of each; dp2a: two 16-bit halves of a with bytes 0-1 or 2-3 of b). */
__device__ inline int __hadd(int x, int y) { return (int)(((long long)x + y) >> 1); }
__device__ inline int __rhadd(int x, int y) { return (int)(((long long)x + y + 1) >> 1); }
__device__ inline unsigned int __uhadd(unsigned int x, unsigned int y) { return (unsigned int)(((unsigned long long)x + y) >> 1); }
__device__ inline unsigned int __urhadd(unsigned int x, unsigned int y) { return (unsigned int)(((unsigned long long)x + y + 1) >> 1); }
__device__ inline unsigned int __sad(int x, int y, unsigned int z) {
  return (x > y ? (unsigned int)x - (unsigned int)y : (unsigned int)y - (unsigned int)x) + z;
}
__device__ inline unsigned int __usad(unsigned int x, unsigned int y, unsigned int z) { return (x > y ? x - y : y - x) + z; }
__device__ inline unsigned int __funnelshift_l(unsigned int lo, unsigned int hi, unsigned int shift) {
  return (unsigned int)(((((unsigned long long)hi << 32) | lo) << (shift & 31u)) >> 32);
}
__device__ inline unsigned int __funnelshift_lc(unsigned int lo, unsigned int hi, unsigned int shift) {
  return (unsigned int)(((((unsigned long long)hi << 32) | lo) << (shift < 32u ? shift : 32u)) >> 32);
}
__device__ inline unsigned int __funnelshift_r(unsigned int lo, unsigned int hi, unsigned int shift) {
  return (unsigned int)((((unsigned long long)hi << 32) | lo) >> (shift & 31u));
}
__device__ inline unsigned int __funnelshift_rc(unsigned int lo, unsigned int hi, unsigned int shift) {
  return (unsigned int)((((unsigned long long)hi << 32) | lo) >> (shift < 32u ? shift : 32u));
}
/* The position of the n-th set bit of mask counted from bit base (offset > 0 toward the top, < 0 toward the bottom,
   base itself the first candidate; offset 0 asks whether bit base is set), 0xffffffff when there is none (PTX's fns). */
__device__ inline unsigned int __fns(unsigned int mask, unsigned int base, int offset) {
  if (offset == 0) return (mask >> (base & 31u)) & 1u ? base : 0xffffffffu;
  int step = offset > 0 ? 1 : -1, left = offset > 0 ? offset : -offset;
  for (int pos = (int)base; pos >= 0 && pos < 32; pos += step)
    if (((mask >> pos) & 1u) && --left == 0) return (unsigned int)pos;
  return 0xffffffffu;
}
__device__ inline int __dp4a(int a, int b, int c) {
  for (int k = 0; k < 32; k += 8) c += (int)(signed char)(a >> k) * (int)(signed char)(b >> k);
  return c;
}
__device__ inline unsigned int __dp4a(unsigned int a, unsigned int b, unsigned int c) {
  for (int k = 0; k < 32; k += 8) c += ((a >> k) & 0xffu) * ((b >> k) & 0xffu);
  return c;
}
__device__ inline int __dp2a_lo(int a, int b, int c) { return c + (short)a * (signed char)b + (short)(a >> 16) * (signed char)(b >> 8); }
__device__ inline int __dp2a_hi(int a, int b, int c) { return c + (short)a * (signed char)(b >> 16) + (short)(a >> 16) * (signed char)(b >> 24); }
__device__ inline unsigned int __dp2a_lo(unsigned int a, unsigned int b, unsigned int c) {
  return c + (a & 0xffffu) * (b & 0xffu) + (a >> 16) * ((b >> 8) & 0xffu);
}
__device__ inline unsigned int __dp2a_hi(unsigned int a, unsigned int b, unsigned int c) {
  return c + (a & 0xffffu) * ((b >> 16) & 0xffu) + (a >> 16) * (b >> 24);
}

/* Reinterpreting the bits of a value as another type of the same size. */
__device__ int __float_as_int(float x);
__device__ unsigned int __float_as_uint(float x);
__device__ float __int_as_float(int x);
__device__ float __uint_as_float(unsigned int x);
__device__ long long __double_as_longlong(double x);
__device__ double __longlong_as_double(long long x);

/* Fast single-precision intrinsics. */
__device__ float __expf(float x);
__device__ float __exp10f(float x);
__device__ float __logf(float x);
__device__ float __log2f(float x);
__device__ float __log10f(float x);
__device__ float __sinf(float x);
__device__ float __cosf(float x);
__device__ float __tanf(float x);
__device__ float __powf(float x, float y);
__device__ float __fdividef(float x, float y);
__device__ float __saturatef(float x);
__device__ float __fsqrt_rn(float x);
__device__ float __fmaf_rn(float x, float y, float z);
__device__ float __frsqrt_rn(float x);

/* Read-only data cache loads (a plain load in the IR), and the loads and stores with a cache hint (__ldcg … __stwt):
   every device here has coherent memory, so each is the plain access. */
#define __TR_CACHE_HINTS(T)                                                                                   \
  __device__ inline T __ldcg(const T *ptr) { return *ptr; }                                                    \
  __device__ inline T __ldca(const T *ptr) { return *ptr; }                                                    \
  __device__ inline T __ldcs(const T *ptr) { return *ptr; }                                                    \
  __device__ inline T __ldlu(const T *ptr) { return *ptr; }                                                    \
  __device__ inline T __ldcv(const T *ptr) { return *ptr; }                                                    \
  __device__ inline void __stwb(T *ptr, T value) { *ptr = value; }                                             \
  __device__ inline void __stcg(T *ptr, T value) { *ptr = value; }                                             \
  __device__ inline void __stcs(T *ptr, T value) { *ptr = value; }                                             \
  __device__ inline void __stwt(T *ptr, T value) { *ptr = value; }
#define __TR_LDG(T) __device__ T __ldg(const T *ptr); __TR_CACHE_HINTS(T)
__TR_LDG(char) __TR_LDG(signed char) __TR_LDG(unsigned char) __TR_LDG(short) __TR_LDG(unsigned short)
__TR_LDG(int) __TR_LDG(unsigned int) __TR_LDG(long) __TR_LDG(unsigned long) __TR_LDG(long long)
__TR_LDG(unsigned long long) __TR_LDG(float) __TR_LDG(double)
__TR_LDG(char2) __TR_LDG(char4) __TR_LDG(uchar2) __TR_LDG(uchar4) __TR_LDG(short2) __TR_LDG(short4)
__TR_LDG(ushort2) __TR_LDG(ushort4) __TR_LDG(int2) __TR_LDG(int4) __TR_LDG(uint2) __TR_LDG(uint4)
__TR_LDG(longlong2) __TR_LDG(ulonglong2) __TR_LDG(float2) __TR_LDG(float4) __TR_LDG(double2)
#undef __TR_LDG
