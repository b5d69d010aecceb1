/* Cooperative groups: the thread block, warp-sized and smaller tiles, and the grid.
   Written as ordinary inline device code over the built-ins the lifter already maps
   (__syncthreads, __syncwarp, __shfl_*_sync, __ballot_sync …), so a group call lifts like a user
   function and means exactly what the built-ins mean. A tile's mask names its own lanes and its
   shuffles use the tile size as width, so lanes never read across tiles.
   thread_group is the type-erased group (a block, or a tile of a run-time size up to 32), and
   coalesced_group the active lanes of a warp.
   grid_group::sync() is the IR's (grid-sync): it completes only in a cooperative launch
   (cudaLaunchCooperativeKernel); elsewhere the run stops with TR0317.
   Not offered: multi-grid groups, run-time tiles larger than a warp (tiled_partition traps),
   partitions by label. */
#pragma once
#include "cuda_runtime.h"

namespace cooperative_groups {

namespace __detail {
/* The thread's rank in its block: x fastest, as CUDA numbers threads into warps. */
__device__ inline unsigned int block_rank() { return (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x; }
__device__ inline unsigned int block_size() { return blockDim.x * blockDim.y * blockDim.z; }
/* Lifted by name to (grid-sync): every thread of the grid waits for every other. */
__device__ void __tr_grid_sync(void);
/* The lane of the rank-th set bit of mask (ranks count from the lowest lane). */
__device__ inline int lane_of_rank(unsigned int mask, unsigned int rank) {
  for (int lane = 0; lane < 32; lane++)
    if ((mask >> lane) & 1u) { if (rank == 0) return lane; rank--; }
  return 0;
}
} // namespace __detail

/* All threads of the block. */
class thread_block {
public:
  __device__ void sync() const { __syncthreads(); }
  __device__ unsigned int thread_rank() const { return __detail::block_rank(); }
  __device__ unsigned int size() const { return __detail::block_size(); }
  __device__ unsigned int num_threads() const { return __detail::block_size(); }
  __device__ dim3 group_index() const { return dim3(blockIdx.x, blockIdx.y, blockIdx.z); }
  __device__ dim3 thread_index() const { return dim3(threadIdx.x, threadIdx.y, threadIdx.z); }
  __device__ dim3 group_dim() const { return dim3(blockDim.x, blockDim.y, blockDim.z); }
  __device__ dim3 dim_threads() const { return dim3(blockDim.x, blockDim.y, blockDim.z); }
};

__device__ inline thread_block this_thread_block() { thread_block b; return b; }

/* A tile of Size consecutive threads of the block (Size a power of two, 1 to 32). Tiles never
   straddle a warp, so every tile operation is a warp operation on the tile's lanes. */
template <unsigned int Size, typename ParentT = void> class thread_block_tile {
  static_assert(Size >= 1 && Size <= 32 && (Size & (Size - 1)) == 0, "tile sizes are powers of two from 1 to 32");

public:
  __device__ unsigned int thread_rank() const { return __detail::block_rank() & (Size - 1); }
  /* constexpr, so the lifter writes the size as a constant and loops over it stay uniform. */
  __device__ static constexpr unsigned int size() { return Size; }
  __device__ static constexpr unsigned int num_threads() { return Size; }
  __device__ unsigned int meta_group_rank() const { return __detail::block_rank() / Size; }
  __device__ unsigned int meta_group_size() const { return (__detail::block_size() + Size - 1) / Size; }
  /* The lanes of this tile within its warp. */
  __device__ unsigned int __mask() const {
    return Size == 32 ? 0xffffffffu : ((1u << Size) - 1u) << (__detail::block_rank() & (32u - Size));
  }
  __device__ void sync() const { __syncwarp(__mask()); }
  template <typename T> __device__ T shfl(T var, int srcRank) const { return __shfl_sync(__mask(), var, srcRank, Size); }
  template <typename T> __device__ T shfl_down(T var, unsigned int delta) const { return __shfl_down_sync(__mask(), var, delta, Size); }
  template <typename T> __device__ T shfl_up(T var, unsigned int delta) const { return __shfl_up_sync(__mask(), var, delta, Size); }
  template <typename T> __device__ T shfl_xor(T var, unsigned int laneMask) const { return __shfl_xor_sync(__mask(), var, laneMask, Size); }
  __device__ int any(int predicate) const { return __any_sync(__mask(), predicate); }
  __device__ int all(int predicate) const { return __all_sync(__mask(), predicate); }
  /* Bit k is the predicate of the tile's thread of rank k. */
  __device__ unsigned int ballot(int predicate) const {
    return __ballot_sync(__mask(), predicate) >> (__detail::block_rank() & (32u - Size));
  }
};

/* Any group, its kind chosen at run time: the whole block, or a tile of Size (a power of two up to
   32) consecutive threads. Every thread of a group holds the same kind and size, so the branch in
   sync() is uniform over the group. */
class thread_group {
protected:
  unsigned int __tile; /* 0: the whole block; else the tile size */

public:
  __device__ thread_group(const thread_block &) { __tile = 0; }
  template <unsigned int Size, typename ParentT> __device__ thread_group(const thread_block_tile<Size, ParentT> &) { __tile = Size; }
  __device__ explicit thread_group(unsigned int tile) { __tile = tile; }
  __device__ unsigned int thread_rank() const { return __tile == 0 ? __detail::block_rank() : __detail::block_rank() & (__tile - 1); }
  __device__ unsigned int size() const { return __tile == 0 ? __detail::block_size() : __tile; }
  __device__ unsigned int num_threads() const { return size(); }
  __device__ unsigned int __mask() const {
    return __tile >= 32 ? 0xffffffffu : ((1u << __tile) - 1u) << (__detail::block_rank() & (32u - __tile));
  }
  __device__ void sync() const {
    if (__tile == 0) __syncthreads();
    else __syncwarp(__mask());
  }
};

__device__ inline void sync(const thread_group &g) { g.sync(); }

/* A tile whose size is known only at run time. */
__device__ inline thread_group tiled_partition(const thread_group &parent, unsigned int tileSize) {
  if (tileSize == 0 || tileSize > 32 || (tileSize & (tileSize - 1)) != 0) __trap();
  (void)parent;
  return thread_group(tileSize);
}

/* The lanes of the warp that are active where it is created; ranks count the active lanes below. */
class coalesced_group {
  unsigned int __active;

public:
  __device__ explicit coalesced_group(unsigned int mask) { __active = mask; }
  __device__ unsigned int thread_rank() const { return __popc(__active & ((1u << (__detail::block_rank() & 31u)) - 1u)); }
  __device__ unsigned int size() const { return __popc(__active); }
  __device__ unsigned int num_threads() const { return size(); }
  __device__ void sync() const { __syncwarp(__active); }
  __device__ int any(int predicate) const { return __any_sync(__active, predicate); }
  __device__ int all(int predicate) const { return __all_sync(__active, predicate); }
  __device__ unsigned int ballot(int predicate) const { return __ballot_sync(__active, predicate); }
  /* Shuffles address the group's threads by rank; out-of-range sources give the caller's own value. */
  template <typename T> __device__ T shfl(T var, unsigned int src_rank) const {
    return __shfl_sync(__active, var, __detail::lane_of_rank(__active, src_rank % size()));
  }
  template <typename T> __device__ T shfl_down(T var, unsigned int delta) const {
    unsigned int src = thread_rank() + delta;
    return __shfl_sync(__active, var, __detail::lane_of_rank(__active, src < size() ? src : thread_rank()));
  }
  template <typename T> __device__ T shfl_up(T var, unsigned int delta) const {
    unsigned int rank = thread_rank();
    return __shfl_sync(__active, var, __detail::lane_of_rank(__active, delta <= rank ? rank - delta : rank));
  }
};

__device__ inline coalesced_group coalesced_threads() { return coalesced_group(__activemask()); }

template <unsigned int Size, typename ParentT> __device__ thread_block_tile<Size> tiled_partition(const ParentT &) {
  thread_block_tile<Size> t;
  return t;
}

template <unsigned int Size, typename ParentT> __device__ void sync(const thread_block_tile<Size, ParentT> &g) { g.sync(); }
__device__ inline void sync(const thread_block &g) { g.sync(); }

/* The whole grid. is_valid() is true in every launch (a kernel cannot ask how it was launched
   here); sync() waits for the whole grid, which only a cooperative launch can give: in any other
   launch the run stops with TR0317 at the call instead of hanging. */
class grid_group {
public:
  __device__ bool is_valid() const { return true; }
  __device__ void sync() const { __detail::__tr_grid_sync(); }
  __device__ unsigned long long thread_rank() const {
    unsigned long long blockRank = (blockIdx.z * (unsigned long long)gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
    return blockRank * __detail::block_size() + __detail::block_rank();
  }
  __device__ unsigned long long size() const {
    return (unsigned long long)gridDim.x * gridDim.y * gridDim.z * __detail::block_size();
  }
  __device__ unsigned long long num_threads() const { return size(); }
  __device__ dim3 group_dim() const { return dim3(gridDim.x, gridDim.y, gridDim.z); }
};

__device__ inline grid_group this_grid() { grid_group g; return g; }
__device__ inline void sync(const grid_group &g) { g.sync(); }

} // namespace cooperative_groups
