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
   shuffles on tiles larger than a warp (a static_assert). */
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
/* Shuffles of any trivially copyable T, as CUDA's groups offer them: types the __shfl_*_sync overloads
   take go directly; any other (a struct such as uint4) travels as 4-byte words, one shuffle each. */
template <typename T> T __declval();
template <typename T, typename = void> struct has_native_shuffle { static constexpr bool value = false; };
template <typename T> struct has_native_shuffle<T, decltype((void)__shfl_sync(0u, __declval<T>(), 0, 32))> {
  static constexpr bool value = true;
};
enum shuffle_kind { shuffle_index, shuffle_up, shuffle_down, shuffle_xor };
template <shuffle_kind K> struct shuffle_op;
template <> struct shuffle_op<shuffle_index> {
  template <typename T> __device__ static T run(unsigned int m, T v, unsigned int a, int w) { return __shfl_sync(m, v, (int)a, w); }
};
template <> struct shuffle_op<shuffle_up> {
  template <typename T> __device__ static T run(unsigned int m, T v, unsigned int a, int w) { return __shfl_up_sync(m, v, a, w); }
};
template <> struct shuffle_op<shuffle_down> {
  template <typename T> __device__ static T run(unsigned int m, T v, unsigned int a, int w) { return __shfl_down_sync(m, v, a, w); }
};
template <> struct shuffle_op<shuffle_xor> {
  template <typename T> __device__ static T run(unsigned int m, T v, unsigned int a, int w) { return __shfl_xor_sync(m, v, (int)a, w); }
};
template <bool Native> struct shuffle_any;
template <> struct shuffle_any<true> {
  template <shuffle_kind K, typename T> __device__ static T run(unsigned int m, T v, unsigned int a, int w) {
    return shuffle_op<K>::run(m, v, a, w);
  }
};
template <> struct shuffle_any<false> {
  template <shuffle_kind K, typename T> __device__ static T run(unsigned int m, T v, unsigned int a, int w) {
    unsigned int words[(sizeof(T) + 3) / 4] = {};
    __builtin_memcpy(words, &v, sizeof(T));
    for (unsigned int i = 0; i < (sizeof(T) + 3) / 4; i++) words[i] = shuffle_op<K>::run(m, words[i], a, w);
    T r;
    __builtin_memcpy(&r, words, sizeof(T));
    return r;
  }
};
template <shuffle_kind K, typename T> __device__ T shuffle(unsigned int mask, T var, unsigned int arg, int width) {
  return shuffle_any<has_native_shuffle<T>::value>::template run<K>(mask, var, arg, width);
}

/* A tile's synchronization: a warp's lanes for tiles up to 32 threads; a larger tile spans warps, and
   its threads wait at a block barrier, which is stronger than the tile's own: the same result whenever
   every tile of the block synchronizes at the same point, and otherwise a reported divergent barrier
   (TR0307), never a silent one. */
template <bool SpansWarps> struct tile_sync;
template <> struct tile_sync<false> { __device__ static void run(unsigned int mask) { __syncwarp(mask); } };
template <> struct tile_sync<true> { __device__ static void run(unsigned int) { __syncthreads(); } };
} // namespace __detail

/* Scratch memory for tiles larger than a warp (CUDA 11.x asked for it; accepted and not needed here). */
template <unsigned int MaxBlockSize = 1024, unsigned int TileCommunicationSize = 8> struct block_tile_memory {
  char __reserved[8];
};

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
template <unsigned int MaxBlockSize, unsigned int TileCommunicationSize>
__device__ inline thread_block this_thread_block(block_tile_memory<MaxBlockSize, TileCommunicationSize> &) { thread_block b; return b; }

/* A tile of Size consecutive threads of the block (Size a power of two, 1 to 1024). Tiles of up to 32
   never straddle a warp, so every tile operation is a warp operation on the tile's lanes; larger tiles
   (CUDA 11+) offer synchronization, ranks and the cg::reduce/scan algorithms, not shuffles. */
template <unsigned int Size, typename ParentT = void> class thread_block_tile {
  static_assert(Size >= 1 && Size <= 1024 && (Size & (Size - 1)) == 0, "tile sizes are powers of two from 1 to 1024");

public:
  __device__ unsigned int thread_rank() const { return __detail::block_rank() & (Size - 1); }
  /* constexpr, so the lifter writes the size as a constant and loops over it stay uniform. */
  __device__ static constexpr unsigned int size() { return Size; }
  __device__ static constexpr unsigned int num_threads() { return Size; }
  __device__ unsigned int meta_group_rank() const { return __detail::block_rank() / Size; }
  __device__ unsigned int meta_group_size() const { return (__detail::block_size() + Size - 1) / Size; }
  /* The lanes of this tile within its warp. */
  __device__ unsigned int __mask() const {
    return Size >= 32 ? 0xffffffffu : ((1u << (Size & 31u)) - 1u) << (__detail::block_rank() & (32u - Size));
  }
  __device__ void sync() const { __detail::tile_sync<(Size > 32)>::run(__mask()); }
  template <typename T> __device__ T shfl(T var, int srcRank) const {
    static_assert(Size <= 32, "shuffles need a tile of at most 32 threads");
    return __detail::shuffle<__detail::shuffle_index>(__mask(), var, (unsigned int)srcRank, Size);
  }
  template <typename T> __device__ T shfl_down(T var, unsigned int delta) const {
    static_assert(Size <= 32, "shuffles need a tile of at most 32 threads");
    return __detail::shuffle<__detail::shuffle_down>(__mask(), var, delta, Size);
  }
  template <typename T> __device__ T shfl_up(T var, unsigned int delta) const {
    static_assert(Size <= 32, "shuffles need a tile of at most 32 threads");
    return __detail::shuffle<__detail::shuffle_up>(__mask(), var, delta, Size);
  }
  template <typename T> __device__ T shfl_xor(T var, unsigned int laneMask) const {
    static_assert(Size <= 32, "shuffles need a tile of at most 32 threads");
    return __detail::shuffle<__detail::shuffle_xor>(__mask(), var, laneMask, Size);
  }
  template <typename T> __device__ unsigned int match_any(T value) const { return __match_any_sync(__mask(), value) >> (__detail::block_rank() & (32u - Size)); }
  template <typename T> __device__ unsigned int match_all(T value, int &pred) const {
    return __match_all_sync(__mask(), value, &pred) >> (__detail::block_rank() & (32u - Size));
  }
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

/* The lanes of the warp that are active where it is created (or a partition of a group by label);
   ranks count the group's lanes below. */
class coalesced_group {
  unsigned int __active;
  unsigned int __meta_rank, __meta_size;

public:
  __device__ explicit coalesced_group(unsigned int mask, unsigned int metaRank = 0, unsigned int metaSize = 1) {
    __active = mask;
    __meta_rank = metaRank;
    __meta_size = metaSize;
  }
  __device__ unsigned int __mask() const { return __active; }
  __device__ unsigned int meta_group_rank() const { return __meta_rank; }
  __device__ unsigned int meta_group_size() const { return __meta_size; }
  __device__ unsigned int thread_rank() const { return __popc(__active & ((1u << (__detail::block_rank() & 31u)) - 1u)); }
  __device__ unsigned int size() const { return __popc(__active); }
  __device__ unsigned int num_threads() const { return size(); }
  __device__ void sync() const { __syncwarp(__active); }
  __device__ int any(int predicate) const { return __any_sync(__active, predicate); }
  __device__ int all(int predicate) const { return __all_sync(__active, predicate); }
  __device__ unsigned int ballot(int predicate) const { return __ballot_sync(__active, predicate); }
  /* Shuffles address the group's threads by rank; out-of-range sources give the caller's own value. */
  template <typename T> __device__ T shfl(T var, unsigned int src_rank) const {
    return __detail::shuffle<__detail::shuffle_index>(__active, var, (unsigned int)__detail::lane_of_rank(__active, src_rank % size()), 32);
  }
  template <typename T> __device__ T shfl_down(T var, unsigned int delta) const {
    unsigned int src = thread_rank() + delta;
    return __detail::shuffle<__detail::shuffle_index>(__active, var,
        (unsigned int)__detail::lane_of_rank(__active, src < size() ? src : thread_rank()), 32);
  }
  template <typename T> __device__ T shfl_up(T var, unsigned int delta) const {
    unsigned int rank = thread_rank();
    return __detail::shuffle<__detail::shuffle_index>(__active, var,
        (unsigned int)__detail::lane_of_rank(__active, delta <= rank ? rank - delta : rank), 32);
  }
  template <typename T> __device__ unsigned int match_any(T value) const { return __match_any_sync(__active, value); }
  template <typename T> __device__ unsigned int match_all(T value, int &pred) const { return __match_all_sync(__active, value, &pred); }
};

__device__ inline coalesced_group coalesced_threads() { return coalesced_group(__activemask()); }

namespace __detail {
__device__ inline unsigned int warp_mask_of(const coalesced_group &g) { return g.__mask(); }
template <unsigned int Size, typename P> __device__ unsigned int warp_mask_of(const thread_block_tile<Size, P> &g) {
  static_assert(Size <= 32, "partitions are of groups within a warp");
  return g.__mask();
}
} // namespace __detail

/* The threads of a group with the same label (CUDA 11): one group per distinct label, numbered by
   their lowest lane. */
template <typename Group, typename Label> __device__ coalesced_group labeled_partition(const Group &parent, Label label) {
  unsigned int parentMask = __detail::warp_mask_of(parent);
  unsigned int mine = __match_any_sync(parentMask, label);
  /* Groups that start below ours: lanes that lead their label (no lower lane with the same label). */
  unsigned int leaders = 0;
  for (int lane = 0; lane < 32; lane++)
    if ((parentMask >> lane) & 1u) {
      unsigned int theirs = __shfl_sync(parentMask, mine, lane);
      if ((theirs & ((1u << lane) - 1u)) == 0) leaders |= 1u << lane;
    }
  unsigned int lowest = mine & (0u - mine);
  return coalesced_group(mine, __popc(leaders & (lowest - 1u)), __popc(leaders));
}
/* The threads of a group whose predicate agrees with the caller's: group 1 holds the true ones. */
template <typename Group> __device__ coalesced_group binary_partition(const Group &parent, bool predicate) {
  unsigned int parentMask = __detail::warp_mask_of(parent);
  unsigned int trues = __ballot_sync(parentMask, predicate) & parentMask;
  unsigned int mine = predicate ? trues : (parentMask & ~trues);
  return coalesced_group(mine, predicate ? 1u : 0u, 2u);
}

template <unsigned int Size, typename ParentT> __device__ thread_block_tile<Size> tiled_partition(const ParentT &) {
  thread_block_tile<Size> t;
  return t;
}

/* CUDA 11 offered tiles larger than a warp under cooperative_groups::experimental, with scratch
   memory passed to this_thread_block; CUDA 12 keeps those names. The same functions here. */
namespace experimental {
using cooperative_groups::block_tile_memory;
using cooperative_groups::this_thread_block;
using cooperative_groups::tiled_partition;
} // namespace experimental

template <unsigned int Size, typename ParentT> __device__ void sync(const thread_block_tile<Size, ParentT> &g) { g.sync(); }
__device__ inline void sync(const thread_block &g) { g.sync(); }
__device__ inline void sync(const coalesced_group &g) { g.sync(); }

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

/* invoke_one: fn(args...) run by one thread of the group (its rank 0, which CUDA leaves the choice of);
   invoke_one_broadcast: that call's result, given to every thread of the group (a warp-sized group: through a shuffle). */
template <typename Group, typename Fn, typename... Args> __device__ void invoke_one(const Group &g, Fn &&fn, Args &&...args) {
  if (g.thread_rank() == 0) fn(args...);
  g.sync();
}
template <typename Group, typename Fn, typename... Args>
__device__ auto invoke_one_broadcast(const Group &g, Fn &&fn, Args &&...args) -> decltype(fn(args...)) {
  decltype(fn(args...)) result{};
  if (g.thread_rank() == 0) result = fn(args...);
  return g.shfl(result, 0);
}

} // namespace cooperative_groups
