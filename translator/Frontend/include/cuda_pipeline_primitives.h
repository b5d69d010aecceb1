/* The pipeline primitives (CUDA 11): one thread's asynchronous copies into shared memory, grouped by
   __pipeline_commit() and waited for by __pipeline_wait_prior(N).

   Copies are synchronous here: __pipeline_memcpy_async has written its bytes when it returns, so a
   wait has nothing left to wait for and an arrive-on (a barrier arrival once the thread's copies
   complete) is due at once, where it adds and removes one pending arrival: no change. Everything the
   wait promises holds; only code that reads a destination before its wait (a race in CUDA) could tell. */
#pragma once
#include <stddef.h>
#include "cuda_runtime.h"

/* The memory of an arrive-wait barrier, as the barrier primitives name it. */
typedef unsigned long long __mbarrier_t;

/* Copies size_and_align bytes (4, 8 or 16; both addresses aligned to it) of which the last zfill are
   zeros instead of source bytes. */
__device__ inline void __pipeline_memcpy_async(void *__restrict__ dst_shared, const void *__restrict__ src_global,
                                               size_t size_and_align, size_t zfill = 0) {
  if ((size_and_align != 4 && size_and_align != 8 && size_and_align != 16) || zfill > size_and_align) {
    printf("__pipeline_memcpy_async: size_and_align must be 4, 8 or 16 and zfill at most that (got %d and %d)\n",
           (int)size_and_align, (int)zfill);
    __trap();
  }
  unsigned char *d = (unsigned char *)dst_shared;
  const unsigned char *s = (const unsigned char *)src_global;
  size_t copied = size_and_align - zfill;
  for (size_t i = 0; i < copied; i++) d[i] = s[i];
  for (size_t i = copied; i < size_and_align; i++) d[i] = 0;
}
__device__ inline void __pipeline_commit() {}
__device__ inline void __pipeline_wait_prior(size_t prior) { (void)prior; }
__device__ inline void __pipeline_arrive_on(__mbarrier_t *bar) { (void)bar; }
