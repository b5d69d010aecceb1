/* Half precision basics: the __half type and its conversions. */
#pragma once
#include "cuda_runtime.h"
typedef _Float16 __half;
typedef _Float16 half;
struct __align__(4) __half2 { __half x, y; };
typedef struct __half2 half2;
__host__ __device__ __half __float2half(float a);
__host__ __device__ __half __float2half_rn(float a);
__host__ __device__ float __half2float(__half a);
__host__ __device__ __half __hadd(__half a, __half b);
__host__ __device__ __half __hsub(__half a, __half b);
__host__ __device__ __half __hmul(__half a, __half b);
__host__ __device__ __half __hdiv(__half a, __half b);
__host__ __device__ __half __hfma(__half a, __half b, __half c);
__host__ __device__ __half __hneg(__half a);
__host__ __device__ bool __hlt(__half a, __half b);
__host__ __device__ bool __hgt(__half a, __half b);
__host__ __device__ bool __heq(__half a, __half b);
