/* Translate's CUDA headers: execution-space and storage qualifiers as clang's CUDA attributes.
   Our own text; it declares the public CUDA API so .cu files parse with no CUDA installation. */
#pragma once
#ifndef __CUDACC__
#define __CUDACC__ 1
#endif
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __align__(n) __attribute__((aligned(n)))
#define __restrict__ __restrict
#define __builtin_align__(n) __align__(n)
#define CUDART_VERSION 12000
#define __CUDART_API_VERSION 12000
