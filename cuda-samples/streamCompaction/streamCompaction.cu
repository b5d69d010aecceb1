// Stream compaction (keep the elements a predicate accepts, in order): flag and scan each block in
// shared memory, scan the block totals, then scatter. The total kept is also counted with atomicAdd
// and a per-block atomic counter, which must agree with the scan.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define BLOCK 256

__device__ bool keep(int v) { return v % 3 != 0 && v > -40; }

// Work-efficient (Blelloch) exclusive scan of one block's flags; writes each element's index within
// its block and the block's total.
__global__ void scanFlags(const int *in, int n, int *localIndex, int *blockTotals, int *atomicTotal)
{
    __shared__ int s[BLOCK];
    __shared__ int blockCount;
    int t = threadIdx.x;
    int i = blockIdx.x * BLOCK + t;
    if (t == 0) blockCount = 0;
    int flag = (i < n && keep(in[i])) ? 1 : 0;
    s[t] = flag;
    __syncthreads();
    if (flag) atomicAdd(&blockCount, 1);
    for (int d = 1; d < BLOCK; d <<= 1) { // up-sweep
        int k = (t + 1) * 2 * d - 1;
        if (k < BLOCK) s[k] += s[k - d];
        __syncthreads();
    }
    if (t == 0) {
        blockTotals[blockIdx.x] = s[BLOCK - 1];
        s[BLOCK - 1] = 0;
    }
    __syncthreads();
    for (int d = BLOCK / 2; d >= 1; d >>= 1) { // down-sweep
        int k = (t + 1) * 2 * d - 1;
        if (k < BLOCK) {
            int left = s[k - d];
            s[k - d] = s[k];
            s[k] += left;
        }
        __syncthreads();
    }
    if (i < n) localIndex[i] = s[t];
    if (t == 0) atomicAdd(atomicTotal, blockCount);
}

// Exclusive scan of the block totals into block offsets: thread 0 walks them in order, which is
// enough for a handful of blocks and keeps this step obviously right.
__global__ void scanBlockTotals(int *blockTotals, int blocks, int *total)
{
    if (threadIdx.x == 0) {
        int running = 0;
        for (int b = 0; b < blocks; ++b) {
            int c = blockTotals[b];
            blockTotals[b] = running;
            running += c;
        }
        *total = running;
    }
}

// Grid-stride scatter: any grid size covers all n elements.
__global__ void scatter(const int *in, int n, const int *localIndex, const int *blockOffsets, int *out)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
        if (keep(in[i])) out[blockOffsets[i / BLOCK] + localIndex[i]] = in[i];
}

int main()
{
    const int n = 5000;
    const int blocks = (n + BLOCK - 1) / BLOCK;
    int *h = (int *)malloc(n * sizeof(int));
    int *want = (int *)malloc(n * sizeof(int));
    int *got = (int *)malloc(n * sizeof(int));
    int wantCount = 0;
    for (int i = 0; i < n; ++i) {
        h[i] = (i * 7919) % 201 - 100;
        if (h[i] % 3 != 0 && h[i] > -40) want[wantCount++] = h[i];
    }
    int *din, *dIndex, *dTotals, *dCount, *dAtomic, *dout;
    cudaMalloc(&din, n * sizeof(int));
    cudaMalloc(&dIndex, n * sizeof(int));
    cudaMalloc(&dTotals, blocks * sizeof(int));
    cudaMalloc(&dCount, sizeof(int));
    cudaMalloc(&dAtomic, sizeof(int));
    cudaMalloc(&dout, n * sizeof(int));
    cudaMemcpy(din, h, n * sizeof(int), cudaMemcpyHostToDevice);
    cudaMemset(dAtomic, 0, sizeof(int));
    cudaMemset(dout, 0, n * sizeof(int));
    scanFlags<<<blocks, BLOCK>>>(din, n, dIndex, dTotals, dAtomic);
    scanBlockTotals<<<1, 32>>>(dTotals, blocks, dCount);
    scatter<<<4, 128>>>(din, n, dIndex, dTotals, dout);
    int count, atomicCount;
    cudaMemcpy(&count, dCount, sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(&atomicCount, dAtomic, sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(got, dout, n * sizeof(int), cudaMemcpyDeviceToHost);
    if (cudaGetLastError() != cudaSuccess) { printf("launch failed\nTest FAILED\n"); return 1; }

    int errors = 0;
    if (count != wantCount || atomicCount != wantCount) {
        printf("kept %d (atomic count %d), expected %d\n", count, atomicCount, wantCount);
        ++errors;
    }
    for (int i = 0; i < wantCount; ++i)
        if (got[i] != want[i]) {
            if (errors < 5) printf("out[%d] = %d, expected %d\n", i, got[i], want[i]);
            ++errors;
        }
    cudaFree(din); cudaFree(dIndex); cudaFree(dTotals); cudaFree(dCount); cudaFree(dAtomic); cudaFree(dout);
    free(h); free(want); free(got);
    if (errors) { printf("%d errors\nTest FAILED\n", errors); return 1; }
    printf("kept %d of %d\nTest PASSED\n", wantCount, n);
    return 0;
}
