/* cooperative_groups::memcpy_async and wait (CUDA 11): a group copies bytes, typically global to
   shared memory. Here the copy completes before the call returns (each thread of the group copies its
   share, strided by rank), and wait()/wait_prior() synchronize the group, so everything the group
   copied is visible to all its threads afterwards: what CUDA guarantees after the wait, with no
   overlap of copy and computation. */
#pragma once
#include "../cooperative_groups.h"

namespace cuda {
/* A size with an alignment promise (libcu++); only the size matters to a synchronous copy. */
template <unsigned long long Alignment> struct aligned_size_t {
  unsigned long long value;
  __host__ __device__ constexpr explicit aligned_size_t(unsigned long long size) : value(size) {}
  __host__ __device__ constexpr operator unsigned long long() const { return value; }
};
} // namespace cuda

namespace cooperative_groups {

namespace __detail {
/* The calling thread alone, for copies one thread makes (cuda::memcpy_async). */
struct one_thread {
  __device__ unsigned int thread_rank() const { return 0; }
  __device__ unsigned int size() const { return 1; }
};
template <typename Group> __device__ void copy_bytes(const Group &group, void *dst, const void *src, unsigned long long bytes) {
  unsigned int rank = group.thread_rank(), count = group.size();
  if ((((unsigned long long)dst | (unsigned long long)src | bytes) & 3u) == 0) {
    unsigned int *d = (unsigned int *)dst;
    const unsigned int *s = (const unsigned int *)src;
    for (unsigned long long i = rank; i < bytes / 4; i += count) d[i] = s[i];
  } else {
    char *d = (char *)dst;
    const char *s = (const char *)src;
    for (unsigned long long i = rank; i < bytes; i += count) d[i] = s[i];
  }
}
} // namespace __detail

template <typename Group> __device__ void memcpy_async(const Group &group, void *dst, const void *src, unsigned long long bytes) {
  __detail::copy_bytes(group, dst, src, bytes);
}
template <typename Group, unsigned long long Alignment>
__device__ void memcpy_async(const Group &group, void *dst, const void *src, cuda::aligned_size_t<Alignment> bytes) {
  __detail::copy_bytes(group, dst, src, bytes.value);
}
/* Element counts: copies min(dstCount, srcCount) elements. */
template <typename Group, typename T>
__device__ void memcpy_async(const Group &group, T *dst, unsigned long long dstCount, const T *src, unsigned long long srcCount) {
  __detail::copy_bytes(group, dst, src, (dstCount < srcCount ? dstCount : srcCount) * sizeof(T));
}

template <typename Group> __device__ void wait(const Group &group) { group.sync(); }
template <unsigned int NumStages, typename Group> __device__ void wait_prior(const Group &group) { group.sync(); }

} // namespace cooperative_groups
