/* <cuda_pipeline.h>: the pipeline primitives and their C++ form, nvcuda::experimental::pipeline with
   memcpy_async of one object or an array. Copies are synchronous (see cuda_pipeline_primitives.h), so
   commit, wait_prior and arrive_on keep every promise without waiting. */
#pragma once
#include "cuda_pipeline_primitives.h"

namespace nvcuda {
namespace experimental {

class pipeline {
public:
  __device__ pipeline() {}
  __device__ void commit() { __pipeline_commit(); }
  __device__ void wait_prior(size_t prior) { __pipeline_wait_prior(prior); }
  template <size_t Prior> __device__ void wait_prior() { __pipeline_wait_prior(Prior); }
  __device__ void arrive_on(__mbarrier_t *bar) { __pipeline_arrive_on(bar); }
};

/* Copies an object of 4, 8 or 16 bytes. */
template <class T> __device__ void memcpy_async(T &dst, const T &src, pipeline &) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8 || sizeof(T) == 16, "memcpy_async copies objects of 4, 8 or 16 bytes");
  __pipeline_memcpy_async(&dst, &src, sizeof(T));
}
/* Copies the first min(DstN, SrcN) elements of an array. */
template <class T, size_t DstN, size_t SrcN> __device__ void memcpy_async(T (&dst)[DstN], const T (&src)[SrcN], pipeline &) {
  const size_t n = DstN < SrcN ? DstN : SrcN;
  for (size_t i = 0; i < n; i++) dst[i] = src[i];
}

} // namespace experimental
} // namespace nvcuda
