/* cooperative_groups::reduce over a tile, with the operators CUDA offers (less gives the minimum,
   greater the maximum). Every thread of the tile receives the result: a butterfly of shfl_xor in
   log2(Size) steps. Float sums are therefore added in butterfly order; CUDA promises no order. */
#pragma once
#include "../cooperative_groups.h"

namespace cooperative_groups {

template <typename T> struct plus { __device__ T operator()(T a, T b) const { return a + b; } };
template <typename T> struct less { __device__ T operator()(T a, T b) const { return a < b ? a : b; } };
template <typename T> struct greater { __device__ T operator()(T a, T b) const { return a < b ? b : a; } };
template <typename T> struct bit_and { __device__ T operator()(T a, T b) const { return a & b; } };
template <typename T> struct bit_or { __device__ T operator()(T a, T b) const { return a | b; } };
template <typename T> struct bit_xor { __device__ T operator()(T a, T b) const { return a ^ b; } };

template <unsigned int Size, typename ParentT, typename T, typename Op>
__device__ T reduce(const thread_block_tile<Size, ParentT> &group, T value, Op op) {
  for (unsigned int offset = Size / 2; offset > 0; offset /= 2) value = op(value, group.shfl_xor(value, offset));
  return value;
}

} // namespace cooperative_groups
