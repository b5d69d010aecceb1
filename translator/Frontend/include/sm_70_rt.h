/* Warp match (compute capability 7.0) and warp reduce (8.0) intrinsics. Our own text, written from
   the CUDA C++ Programming Guide's definitions, as ordinary device code over __shfl_sync: each lane
   reads the value of every lane of the mask in lane order, so the result is the same on every device
   and every lane of the mask agrees on it. Only lanes named in mask are read (the loop's condition
   is the same for all of them). */
#pragma once
#include "device_functions.h"

namespace __tr_warp {
/* Bits of the lanes in mask whose value equals the caller's. */
template <typename T> __device__ inline unsigned int match_any(unsigned int mask, T value) {
  unsigned int same = 0;
  for (int lane = 0; lane < 32; lane++)
    if ((mask >> lane) & 1u) {
      T theirs = __shfl_sync(mask, value, lane);
      same |= (theirs == value ? 1u : 0u) << lane;
    }
  return same;
}
template <typename T, typename Op> __device__ inline T reduce(unsigned int mask, T value, Op op) {
  bool first = true;
  T result = value;
  for (int lane = 0; lane < 32; lane++)
    if ((mask >> lane) & 1u) {
      T v = __shfl_sync(mask, value, lane);
      result = first ? v : op(result, v);
      first = false;
    }
  return result;
}
template <typename T> struct add { __device__ T operator()(T a, T b) const { return a + b; } };
template <typename T> struct min { __device__ T operator()(T a, T b) const { return b < a ? b : a; } };
template <typename T> struct max { __device__ T operator()(T a, T b) const { return a < b ? b : a; } };
struct bit_and { __device__ unsigned int operator()(unsigned int a, unsigned int b) const { return a & b; } };
struct bit_or { __device__ unsigned int operator()(unsigned int a, unsigned int b) const { return a | b; } };
struct bit_xor { __device__ unsigned int operator()(unsigned int a, unsigned int b) const { return a ^ b; } };
} // namespace __tr_warp

#define __TR_MATCH(T)                                                                                        \
  __device__ inline unsigned int __match_any_sync(unsigned int mask, T value) { return __tr_warp::match_any(mask, value); } \
  __device__ inline unsigned int __match_all_sync(unsigned int mask, T value, int *pred) {                   \
    bool all = __tr_warp::match_any(mask, value) == mask;                                                    \
    *pred = all;                                                                                             \
    return all ? mask : 0u;                                                                                  \
  }
__TR_MATCH(int)
__TR_MATCH(unsigned int)
__TR_MATCH(long)
__TR_MATCH(unsigned long)
__TR_MATCH(long long)
__TR_MATCH(unsigned long long)
__TR_MATCH(float)
__TR_MATCH(double)
#undef __TR_MATCH

__device__ inline unsigned int __reduce_add_sync(unsigned int mask, unsigned int value) { return __tr_warp::reduce(mask, value, __tr_warp::add<unsigned int>()); }
__device__ inline int __reduce_add_sync(unsigned int mask, int value) { return (int)__reduce_add_sync(mask, (unsigned int)value); }
__device__ inline unsigned int __reduce_min_sync(unsigned int mask, unsigned int value) { return __tr_warp::reduce(mask, value, __tr_warp::min<unsigned int>()); }
__device__ inline int __reduce_min_sync(unsigned int mask, int value) { return __tr_warp::reduce(mask, value, __tr_warp::min<int>()); }
__device__ inline unsigned int __reduce_max_sync(unsigned int mask, unsigned int value) { return __tr_warp::reduce(mask, value, __tr_warp::max<unsigned int>()); }
__device__ inline int __reduce_max_sync(unsigned int mask, int value) { return __tr_warp::reduce(mask, value, __tr_warp::max<int>()); }
__device__ inline unsigned int __reduce_and_sync(unsigned int mask, unsigned int value) { return __tr_warp::reduce(mask, value, __tr_warp::bit_and()); }
__device__ inline unsigned int __reduce_or_sync(unsigned int mask, unsigned int value) { return __tr_warp::reduce(mask, value, __tr_warp::bit_or()); }
__device__ inline unsigned int __reduce_xor_sync(unsigned int mask, unsigned int value) { return __tr_warp::reduce(mask, value, __tr_warp::bit_xor()); }
