// Cooperative groups: a block reduction through thread_block, tiled_partition<32> and shfl_down,
// cg::reduce with plus / less / greater per warp, and 8-thread tiles checking shfl, shfl_up,
// shfl_xor, ballot, any and all against values read straight from memory. The block is 64x4
// threads, so thread_rank() linearizes a 2-D index, and the last block is partial.
#include <cstdio>
#include <cstdlib>
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

namespace cg = cooperative_groups;

#define TILE 8

__device__ int valueAt(const int *in, int n, long long i) { return i < n ? in[i] : 0; }

__global__ void groupReduce(const int *in, int n, int *blockSums, int *warpMin, int *warpMax, int *checks)
{
    __shared__ int warpSums[32];
    cg::thread_block block = cg::this_thread_block();
    cg::thread_block_tile<32> warp = cg::tiled_partition<32>(block);
    cg::thread_block_tile<TILE> tile = cg::tiled_partition<TILE>(block);

    dim3 t = block.thread_index();
    if (block.thread_rank() != t.y * blockDim.x + t.x) atomicAdd(&checks[0], 1);
    long long i = (long long)block.group_index().x * block.size() + block.thread_rank();
    int v = valueAt(in, n, i);

    // Warp sum with shfl_down: lane 0 ends with the total.
    int s = v;
    for (unsigned int offset = warp.size() / 2; offset > 0; offset /= 2) s += warp.shfl_down(s, offset);
    int all = cg::reduce(warp, v, cg::plus<int>());
    if (warp.shfl(s, 0) != all) atomicAdd(&checks[1], 1);
    int lo = cg::reduce(warp, v, cg::less<int>());
    int hi = cg::reduce(warp, v, cg::greater<int>());
    long long warpIndex = (long long)block.group_index().x * warp.meta_group_size() + warp.meta_group_rank();
    if (warp.thread_rank() == 0) {
        warpSums[warp.meta_group_rank()] = s;
        warpMin[warpIndex] = lo;
        warpMax[warpIndex] = hi;
    }
    block.sync();
    if (block.thread_rank() == 0) {
        int total = 0;
        for (unsigned int w = 0; w < warp.meta_group_size(); ++w) total += warpSums[w];
        blockSums[block.group_index().x] = total;
    }

    // 8-thread tiles: every collective checked against the tile's values read from memory.
    long long base = i - tile.thread_rank();
    int tileSum = 0, prefix = 0;
    unsigned int odd = 0;
    for (int k = 0; k < TILE; ++k) {
        int x = valueAt(in, n, base + k);
        tileSum += x;
        if (k <= (int)tile.thread_rank()) prefix += x;
        if (x & 1) odd |= 1u << k;
    }
    if (cg::reduce(tile, v, cg::plus<int>()) != tileSum) atomicAdd(&checks[2], 1);
    int scan = v;
    for (unsigned int d = 1; d < tile.size(); d *= 2) {
        int y = tile.shfl_up(scan, d);
        if (tile.thread_rank() >= d) scan += y;
    }
    if (scan != prefix) atomicAdd(&checks[3], 1);
    unsigned int mirror = TILE - 1 - tile.thread_rank();
    if (tile.shfl(v, mirror) != valueAt(in, n, base + mirror)) atomicAdd(&checks[4], 1);
    if (tile.shfl_xor(v, 1) != valueAt(in, n, base + (tile.thread_rank() ^ 1))) atomicAdd(&checks[4], 1);
    if (tile.ballot(v & 1) != odd) atomicAdd(&checks[5], 1);
    int anyOdd = tile.any(v & 1), allOdd = tile.all(v & 1);
    if (anyOdd != (odd != 0) || allOdd != (odd == (1u << TILE) - 1)) atomicAdd(&checks[5], 1);
    tile.sync();
}

int main()
{
    const dim3 threads(64, 4);
    const int perBlock = 256, warpsPerBlock = perBlock / 32;
    const int n = perBlock * 16 - 37;
    const int blocks = (n + perBlock - 1) / perBlock;
    const int padded = blocks * perBlock;
    int *h = (int *)malloc(padded * sizeof(int));
    for (int i = 0; i < padded; ++i) h[i] = i < n ? (int)((i * 7919u) % 1000u) + 1 : 0;

    int *din, *dsums, *dmin, *dmax, *dchecks;
    cudaMalloc(&din, n * sizeof(int));
    cudaMalloc(&dsums, blocks * sizeof(int));
    cudaMalloc(&dmin, blocks * warpsPerBlock * sizeof(int));
    cudaMalloc(&dmax, blocks * warpsPerBlock * sizeof(int));
    cudaMalloc(&dchecks, 6 * sizeof(int));
    cudaMemcpy(din, h, n * sizeof(int), cudaMemcpyHostToDevice);
    cudaMemset(dchecks, 0, 6 * sizeof(int));
    groupReduce<<<blocks, threads>>>(din, n, dsums, dmin, dmax, dchecks);
    if (cudaGetLastError() != cudaSuccess) { printf("launch failed\nTest FAILED\n"); return 1; }

    int *sums = (int *)malloc(blocks * sizeof(int));
    int *mins = (int *)malloc(blocks * warpsPerBlock * sizeof(int));
    int *maxs = (int *)malloc(blocks * warpsPerBlock * sizeof(int));
    int checks[6];
    cudaMemcpy(sums, dsums, blocks * sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(mins, dmin, blocks * warpsPerBlock * sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(maxs, dmax, blocks * warpsPerBlock * sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(checks, dchecks, sizeof(checks), cudaMemcpyDeviceToHost);

    int wrong = 0;
    long long grand = 0;
    for (int b = 0; b < blocks; ++b) {
        int want = 0;
        for (int k = 0; k < perBlock; ++k) want += h[b * perBlock + k];
        grand += sums[b];
        if (sums[b] != want) { if (wrong < 5) printf("block %d: sum %d, expected %d\n", b, sums[b], want); ++wrong; }
    }
    for (int w = 0; w < blocks * warpsPerBlock; ++w) {
        int lo = h[w * 32], hi = h[w * 32];
        for (int k = 1; k < 32; ++k) {
            int x = h[w * 32 + k];
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        if (mins[w] != lo || maxs[w] != hi) { if (wrong < 5) printf("warp %d: min %d max %d, expected %d %d\n", w, mins[w], maxs[w], lo, hi); ++wrong; }
    }
    printf("%d blocks of %dx%d, total %lld, check failures %d %d %d %d %d %d\n", blocks, threads.x, threads.y, grand,
           checks[0], checks[1], checks[2], checks[3], checks[4], checks[5]);
    for (int c = 0; c < 6; ++c) if (checks[c]) ++wrong;
    cudaFree(din); cudaFree(dsums); cudaFree(dmin); cudaFree(dmax); cudaFree(dchecks);
    free(h); free(sums); free(mins); free(maxs);
    if (wrong) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
