/* cooperative_groups::inclusive_scan and exclusive_scan (CUDA 11.x) over a tile of up to 32 threads or
   a coalesced group: thread of rank r receives op over the values of ranks 0..r (inclusive) or 0..r-1
   (exclusive; rank 0 receives T{} for plus, as CUDA documents it only for that operator). Tiles: the
   Hillis-Steele scan with shfl_up in log2(Size) steps; coalesced groups: rank-order folds. */
#pragma once
#include "reduce.h"

namespace cooperative_groups {

template <unsigned int Size, typename ParentT, typename T, typename Op>
__device__ T inclusive_scan(const thread_block_tile<Size, ParentT> &group, T value, Op op) {
  static_assert(Size <= 32, "scans here are of tiles of at most 32 threads");
  unsigned int rank = group.thread_rank();
  for (unsigned int offset = 1; offset < Size; offset *= 2) {
    T other = group.shfl_up(value, offset);
    if (rank >= offset) value = op(other, value);
  }
  return value;
}
template <typename T, typename Op> __device__ T inclusive_scan(const coalesced_group &group, T value, Op op) {
  unsigned int rank = group.thread_rank();
  T result = group.shfl(value, 0);
  for (unsigned int r = 1; r < group.size(); r++) {
    T v = group.shfl(value, r);
    if (r <= rank) result = op(result, v);
  }
  return result;
}
template <typename Group, typename T> __device__ T inclusive_scan(const Group &group, T value) { return inclusive_scan(group, value, plus<T>()); }

/* The exclusive scan: the inclusive scan of the rank below (T{} at rank 0). */
template <typename Group, typename T, typename Op> __device__ T exclusive_scan(const Group &group, T value, Op op) {
  T inclusive = inclusive_scan(group, value, op);
  T below = group.shfl_up(inclusive, 1);
  return group.thread_rank() == 0 ? T() : below;
}
template <typename Group, typename T> __device__ T exclusive_scan(const Group &group, T value) { return exclusive_scan(group, value, plus<T>()); }

} // namespace cooperative_groups
