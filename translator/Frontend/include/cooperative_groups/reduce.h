/* cooperative_groups::reduce over a tile or a coalesced group, with the operators CUDA offers (less
   gives the minimum, greater the maximum). Every thread of the group receives the same result.
   - tiles of up to 32 threads: a butterfly of shfl_xor in log2(Size) steps;
   - tiles spanning warps: each warp's butterfly, then the tile's warp results folded in warp order
     through shared memory between two block barriers (so every tile of the block must reduce at the
     same point, as with the tile's sync());
   - coalesced groups: the members' values folded in rank order.
   Float sums are therefore added in that order; CUDA promises no order. */
#pragma once
#include "../cooperative_groups.h"

namespace cooperative_groups {

template <typename T> struct plus { __device__ T operator()(T a, T b) const { return a + b; } };
template <typename T> struct less { __device__ T operator()(T a, T b) const { return a < b ? a : b; } };
template <typename T> struct greater { __device__ T operator()(T a, T b) const { return a < b ? b : a; } };
template <typename T> struct bit_and { __device__ T operator()(T a, T b) const { return a & b; } };
template <typename T> struct bit_or { __device__ T operator()(T a, T b) const { return a | b; } };
template <typename T> struct bit_xor { __device__ T operator()(T a, T b) const { return a ^ b; } };

namespace __detail {
template <bool SpansWarps> struct tile_reduce;
template <> struct tile_reduce<false> {
  template <unsigned int Size, typename P, typename T, typename Op>
  __device__ static T run(const thread_block_tile<Size, P> &group, T value, Op op) {
    for (unsigned int offset = Size / 2; offset > 0; offset /= 2) value = op(value, group.shfl_xor(value, offset));
    return value;
  }
};
template <> struct tile_reduce<true> {
  template <unsigned int Size, typename P, typename T, typename Op>
  __device__ static T run(const thread_block_tile<Size, P> &group, T value, Op op) {
    __shared__ T partials[32];
    for (unsigned int offset = 16; offset > 0; offset /= 2) value = op(value, shuffle<shuffle_xor>(0xffffffffu, value, offset, 32));
    unsigned int warp = block_rank() / 32;
    if ((block_rank() & 31u) == 0) partials[warp] = value;
    __syncthreads();
    unsigned int first = group.meta_group_rank() * (Size / 32);
    T result = partials[first];
    for (unsigned int w = 1; w < Size / 32; w++) result = op(result, partials[first + w]);
    __syncthreads();
    return result;
  }
};
} // namespace __detail

template <unsigned int Size, typename ParentT, typename T, typename Op>
__device__ T reduce(const thread_block_tile<Size, ParentT> &group, T value, Op op) {
  return __detail::tile_reduce<(Size > 32)>::run(group, value, op);
}

template <typename T, typename Op> __device__ T reduce(const coalesced_group &group, T value, Op op) {
  T result = group.shfl(value, 0);
  for (unsigned int rank = 1; rank < group.size(); rank++) result = op(result, group.shfl(value, rank));
  return result;
}

} // namespace cooperative_groups
