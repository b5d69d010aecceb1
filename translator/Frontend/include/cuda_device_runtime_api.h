/* The part of the CUDA runtime API device code calls. Our own text, written from the CUDA runtime API
   reference. cudaGraphSetConditional: a conditional handle is the device address of the value
   (runtime/Native/Graphs/ConditionalNode.cs allocates it), so setting it is a store. */
#pragma once
#include "host_defines.h"
#include "driver_types.h"

static __device__ __forceinline__ void cudaGraphSetConditional(cudaGraphConditionalHandle handle, unsigned int value) {
  *(volatile unsigned int *)handle = value;
}
