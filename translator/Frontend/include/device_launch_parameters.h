/* The thread-index built-ins. The lifter recognizes these variables by name: threadIdx.x is [tid.x]. */
#pragma once
#define __DEVICE_LAUNCH_PARAMETERS_H__
#include "vector_types.h"

extern const __device__ uint3 threadIdx;
extern const __device__ uint3 blockIdx;
extern const __device__ dim3 blockDim;
extern const __device__ dim3 gridDim;
extern const __device__ int warpSize;
