/* Translate's CUDA headers: execution-space and storage qualifiers as clang's CUDA attributes.
   Our own text; it declares the public CUDA API so .cu files parse with no CUDA installation. */
#pragma once
#ifndef __CUDACC__
#define __CUDACC__ 1
#endif
#if defined(__GNUC__) && !defined(__clang__)
/* GCC compiles host code only (a driver-API program's .cpp) and knows none of CUDA's attributes. */
#define __host__
#define __device__
#define __global__
#define __shared__
#define __constant__
#define __managed__
#define __launch_bounds__(...)
#else
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#endif
/* The annotation is how the lifter sees the request (libclang shows always_inline only as an unexposed attribute). */
#define __forceinline__ __inline__ __attribute__((always_inline, annotate("tr.forceinline")))
/* Clang knows __noinline__ as a keyword in CUDA mode, and libstdc++ writes __attribute__((__noinline__)),
   which a macro would break (<memory> in a .cpp that includes cuda_runtime.h): so no macro there, and in
   plain C++ none either, as the toolkit's own header leaves it undefined outside CUDA compilation. */
#if !defined(__CUDA__) && !defined(__cplusplus)
#define __noinline__ __attribute__((noinline))
#endif
#define __align__(n) __attribute__((aligned(n)))
#define __restrict__ __restrict
#define __builtin_align__(n) __align__(n)
/* A const kernel parameter whose address may be taken (CUDA 11.7): every device here copies kernel
   arguments into memory the kernel can address, so the annotation changes nothing. */
#define __grid_constant__
#define __HOST_DEFINES_H__
/* The toolkit version these headers and the runtime library implement (12.4), as the macros
   nvcc predefines and cuda_runtime_api.h defines; programs test them to pick API paths. */
#define CUDART_VERSION 12040
#define __CUDART_API_VERSION 12040
#ifndef __CUDACC_VER_MAJOR__
#define __CUDACC_VER_MAJOR__ 12
#define __CUDACC_VER_MINOR__ 4
#define __CUDACC_VER_BUILD__ 0
#endif

/* libclang gives __builtin_bit_cast expressions no type, so while Translate reads the code (not when the
   host code is compiled natively) it is spelled as a call whose type clang does record. A type with a
   top-level comma in it needs a typedef here. */
#if defined(__TRANSLATE__) && defined(__cplusplus)
template <class __To, class __From> __host__ __device__ constexpr __To __tr_bitcast_builtin(const __From &__v) {
  return __builtin_bit_cast(__To, __v);
}
#define __builtin_bit_cast(T, ...) __tr_bitcast_builtin<T>(__VA_ARGS__)
#endif
/* Rounding modes of our headers' helpers (device_rounding_functions.h, the 16-bit conversions of cuda_fp16.h and
   cuda_bf16.h): toward -infinity, toward +infinity, toward zero, to nearest even. */
#define __TR_RD 0
#define __TR_RU 1
#define __TR_RZ 2
#define __TR_RN 3
