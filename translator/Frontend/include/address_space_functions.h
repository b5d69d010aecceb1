/* Address-space conversions and queries (CUDA 11.1+): __cvta_generic_to_{global,shared,constant,local},
   their inverses, and __isGlobal/__isShared/__isConstant/__isLocal/__isGridConstant.

   Declared so that code naming them compiles (clang parses device functions in the host compilation
   too, where a typical use sits in a path the device compilation skips), but not offered in device
   code: the cpu device keeps every space in one address space and the opencl device has no generic
   pointers, so neither can answer exactly what a PTX window address or a space query would be. A
   call lifted from device code is TR0408 naming the function, never a guessed answer. */
#pragma once
#include <stddef.h>
#include "host_defines.h"

__device__ size_t __cvta_generic_to_global(const void *ptr);
__device__ size_t __cvta_generic_to_shared(const void *ptr);
__device__ size_t __cvta_generic_to_constant(const void *ptr);
__device__ size_t __cvta_generic_to_local(const void *ptr);
__device__ void *__cvta_global_to_generic(size_t rawbits);
__device__ void *__cvta_shared_to_generic(size_t rawbits);
__device__ void *__cvta_constant_to_generic(size_t rawbits);
__device__ void *__cvta_local_to_generic(size_t rawbits);
__device__ unsigned int __isGlobal(const void *ptr);
__device__ unsigned int __isShared(const void *ptr);
__device__ unsigned int __isConstant(const void *ptr);
__device__ unsigned int __isLocal(const void *ptr);
__device__ unsigned int __isGridConstant(const void *ptr);
