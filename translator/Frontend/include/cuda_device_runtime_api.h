/* The part of the CUDA runtime API device code calls (dynamic parallelism, conditional graph nodes).
   Our own text, written from the CUDA runtime API reference and the programming guide's "CUDA Dynamic
   Parallelism" chapter. Clang overloads on __host__/__device__, so these stand beside the host API.
   A launch from device code runs its child grid to completion at the launch (docs/ir/host.md), so
   device-side synchronization has nothing to wait for and device-side streams only order work that
   is already ordered. */
#pragma once
#include "host_defines.h"
#include "driver_types.h"

/* A conditional handle is the device address of the value (runtime/Native/Graphs/ConditionalNode.cs),
   so setting it is a store. */
static __device__ __forceinline__ void cudaGraphSetConditional(cudaGraphConditionalHandle handle, unsigned int value) {
  *(volatile unsigned int *)handle = value;
}

#if defined(__CUDA__)
extern "C++" {
/* Device-side memory is the device heap (malloc/free in device code). */
static __device__ __forceinline__ cudaError_t cudaMalloc(void **devPtr, size_t size) {
  *devPtr = malloc(size);
  return *devPtr || size == 0 ? cudaSuccess : cudaErrorMemoryAllocation;
}
static __device__ __forceinline__ cudaError_t cudaFree(void *devPtr) {
  free(devPtr);
  return cudaSuccess;
}
/* Child grids have completed when their launch returns. */
static __device__ __forceinline__ cudaError_t cudaDeviceSynchronize(void) { return cudaSuccess; }
static __device__ __forceinline__ cudaError_t cudaStreamCreateWithFlags(cudaStream_t *pStream, unsigned int flags) {
  *pStream = (cudaStream_t)0;
  return flags == cudaStreamNonBlocking ? cudaSuccess : cudaErrorInvalidValue;
}
static __device__ __forceinline__ cudaError_t cudaStreamDestroy(cudaStream_t stream) { return cudaSuccess; }
/* A device-side launch that fails stops the program with its diagnostic, so there is no error to report. */
static __device__ __forceinline__ cudaError_t cudaGetLastError(void) { return cudaSuccess; }
static __device__ __forceinline__ cudaError_t cudaPeekAtLastError(void) { return cudaSuccess; }
static __device__ __forceinline__ cudaError_t cudaGetDevice(int *device) {
  *device = 0;
  return cudaSuccess;
}
}
#endif
