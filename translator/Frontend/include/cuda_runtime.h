/* Translate's cuda_runtime.h: everything a .cu file sees without including anything (the frontend
   includes this header first, as nvcc does). */
#pragma once
#define __CUDA_RUNTIME_H__
#include "host_defines.h"

/* The C library. The frontend parses host-only, where device code may name these host
   declarations; the lifter decides, per function, what device code can call. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <assert.h>
#ifdef __cplusplus
/* Placement new (new (p) T(...)): nvcc declares it for every .cu file, clang only with <new>. */
#include <new>
#endif

#include "vector_types.h"
#include "vector_functions.h"
#include "driver_types.h"
#include "cuda_runtime_api.h"
#include "device_launch_parameters.h"
#include "device_functions.h"
#include "address_space_functions.h"
#include "simd_functions.h"
#include "sm_70_rt.h"
#include "math_functions.h"
#include "math_bessel_functions.h"
#include "device_rounding_functions.h"
#include "cuda_device_runtime_api.h"
#include "driver_functions.h"
#include "channel_descriptor.h"
#include "texture_indirect_functions.h"
#include "surface_indirect_functions.h"

/* The C++ forms of the runtime API that cuda_runtime.h adds: overloads taking flags, typed pointers
   and function pointers, and the occupancy calculator. */
static __inline__ __host__ cudaError_t cudaEventCreate(cudaEvent_t *event, unsigned int flags) {
  return ::cudaEventCreateWithFlags(event, flags);
}
static __inline__ __host__ cudaError_t cudaMallocHost(void **ptr, size_t size, unsigned int flags) {
  return ::cudaHostAlloc(ptr, size, flags);
}
template <class T> static __inline__ __host__ cudaError_t cudaMallocHost(T **ptr, size_t size, unsigned int flags) {
  return ::cudaHostAlloc((void **)(void *)ptr, size, flags);
}
template <class T> static __inline__ __host__ cudaError_t cudaHostGetDevicePointer(T **pDevice, void *pHost, unsigned int flags) {
  return ::cudaHostGetDevicePointer((void **)(void *)pDevice, pHost, flags);
}
/* CUDA 11's instantiation (error node and log buffer), kept in C++ for the code written against it: on
   success CUDA leaves the error node null and the log empty, as here, where instantiation cannot fail
   for a reason a log would tell. */
static __inline__ __host__ cudaError_t cudaGraphInstantiate(cudaGraphExec_t *pGraphExec, cudaGraph_t graph, cudaGraphNode_t *pErrorNode,
                                                           char *pLogBuffer, size_t bufferSize) {
  if (pErrorNode) *pErrorNode = 0;
  if (pLogBuffer && bufferSize > 0) pLogBuffer[0] = 0;
  return ::cudaGraphInstantiate(pGraphExec, graph, 0);
}
/* CUDA 11's update (error node and result through two pointers) over CUDA 12's result record. */
static __inline__ __host__ cudaError_t cudaGraphExecUpdate(cudaGraphExec_t hGraphExec, cudaGraph_t hGraph, cudaGraphNode_t *hErrorNode_out,
                                                          enum cudaGraphExecUpdateResult *updateResult_out) {
  cudaGraphExecUpdateResultInfo info;
  cudaError_t status = ::cudaGraphExecUpdate(hGraphExec, hGraph, &info);
  if (hErrorNode_out) *hErrorNode_out = info.errorNode;
  if (updateResult_out) *updateResult_out = info.result;
  return status;
}
template <class T> static __inline__ __host__ cudaError_t cudaMallocAsync(T **devPtr, size_t size, cudaStream_t stream) {
  return ::cudaMallocAsync((void **)(void *)devPtr, size, stream);
}
static __inline__ __host__ cudaError_t cudaMallocAsync(void **ptr, size_t size, cudaMemPool_t memPool, cudaStream_t stream) {
  return ::cudaMallocFromPoolAsync(ptr, size, memPool, stream);
}
template <class T> static __inline__ __host__ cudaError_t cudaMallocAsync(T **ptr, size_t size, cudaMemPool_t memPool, cudaStream_t stream) {
  return ::cudaMallocFromPoolAsync((void **)(void *)ptr, size, memPool, stream);
}
template <class T> static __inline__ __host__ cudaError_t cudaMallocFromPoolAsync(T **ptr, size_t size, cudaMemPool_t memPool, cudaStream_t stream) {
  return ::cudaMallocFromPoolAsync((void **)(void *)ptr, size, memPool, stream);
}
template <class T> static __inline__ __host__ cudaError_t cudaStreamAttachMemAsync(cudaStream_t stream, T *devPtr, size_t length = 0,
    unsigned int flags = cudaMemAttachSingle) {
  return ::cudaStreamAttachMemAsync(stream, (void *)devPtr, length, flags);
}
template <class T> static __inline__ __host__ cudaError_t cudaLaunchCooperativeKernel(T *func, dim3 gridDim, dim3 blockDim, void **args,
    size_t sharedMem = 0, cudaStream_t stream = 0) {
  return ::cudaLaunchCooperativeKernel((const void *)func, gridDim, blockDim, args, sharedMem, stream);
}
template <class T> static __inline__ __host__ cudaError_t cudaFuncGetName(const char **name, T *func) {
  return ::cudaFuncGetName(name, (const void *)func);
}
template <class T> static __inline__ __host__ cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *numBlocks, T func,
    int blockSize, size_t dynamicSMemSize, unsigned int flags) {
  return ::cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(numBlocks, (const void *)func, blockSize, dynamicSMemSize, flags);
}
template <class T> static __inline__ __host__ cudaError_t cudaOccupancyAvailableDynamicSMemPerBlock(size_t *dynamicSmemSize, T func,
    int numBlocks, int blockSize) {
  return ::cudaOccupancyAvailableDynamicSMemPerBlock(dynamicSmemSize, (const void *)func, numBlocks, blockSize);
}

/* The block size with the highest occupancy, and the grid that fills the device with it: every
   multiple of the warp size up to the kernel's and the device's limit is tried, largest first, with
   the dynamic shared memory blockSizeToSMem gives for it (ties keep the larger block). */
template <class UnaryFunction, class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxPotentialBlockSizeVariableSMemWithFlags(int *minGridSize, int *blockSize,
    T func, UnaryFunction blockSizeToDynamicSMemSize, int blockSizeLimit = 0, unsigned int flags = 0) {
  if (!minGridSize || !blockSize || !func) return cudaErrorInvalidValue;
  int device, multiprocessors, warp, maxPerBlock;
  struct cudaFuncAttributes attr;
  cudaError_t e;
  if ((e = ::cudaGetDevice(&device)) != cudaSuccess) return e;
  if ((e = ::cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, device)) != cudaSuccess) return e;
  if ((e = ::cudaDeviceGetAttribute(&warp, cudaDevAttrWarpSize, device)) != cudaSuccess) return e;
  if ((e = ::cudaDeviceGetAttribute(&maxPerBlock, cudaDevAttrMaxThreadsPerBlock, device)) != cudaSuccess) return e;
  if ((e = ::cudaFuncGetAttributes(&attr, (const void *)func)) != cudaSuccess) return e;
  int limit = maxPerBlock < attr.maxThreadsPerBlock ? maxPerBlock : attr.maxThreadsPerBlock;
  if (blockSizeLimit > 0 && blockSizeLimit < limit) limit = blockSizeLimit;
  int bestThreads = 0, bestBlockSize = 0, bestBlocks = 0;
  for (int size = (limit + warp - 1) / warp * warp; size > 0; size -= warp) {
    int threads = size < limit ? size : limit, blocks = 0;
    e = ::cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(&blocks, (const void *)func, threads,
        blockSizeToDynamicSMemSize(threads), flags);
    if (e != cudaSuccess) return e;
    if (blocks * threads > bestThreads) { bestThreads = blocks * threads; bestBlockSize = threads; bestBlocks = blocks; }
  }
  *minGridSize = bestBlocks * multiprocessors;
  *blockSize = bestBlockSize;
  return cudaSuccess;
}

namespace __tr_occupancy {
struct fixed_smem {
  size_t n;
  __host__ size_t operator()(int) const { return n; }
};
} // namespace __tr_occupancy

template <class UnaryFunction, class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxPotentialBlockSizeVariableSMem(int *minGridSize, int *blockSize, T func,
    UnaryFunction blockSizeToDynamicSMemSize, int blockSizeLimit = 0) {
  return cudaOccupancyMaxPotentialBlockSizeVariableSMemWithFlags(minGridSize, blockSize, func, blockSizeToDynamicSMemSize,
      blockSizeLimit, cudaOccupancyDefault);
}
template <class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxPotentialBlockSize(int *minGridSize, int *blockSize, T func,
    size_t dynamicSMemSize = 0, int blockSizeLimit = 0) {
  return cudaOccupancyMaxPotentialBlockSizeVariableSMemWithFlags(minGridSize, blockSize, func,
      __tr_occupancy::fixed_smem{dynamicSMemSize}, blockSizeLimit, cudaOccupancyDefault);
}
template <class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxPotentialBlockSizeWithFlags(int *minGridSize, int *blockSize, T func,
    size_t dynamicSMemSize = 0, int blockSizeLimit = 0, unsigned int flags = 0) {
  return cudaOccupancyMaxPotentialBlockSizeVariableSMemWithFlags(minGridSize, blockSize, func,
      __tr_occupancy::fixed_smem{dynamicSMemSize}, blockSizeLimit, flags);
}
