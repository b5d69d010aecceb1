// Inclusive prefix sum: a Hillis-Steele scan per block in shared memory (double-buffered), then a
// second kernel adds each block's offset, computed by scanning the block totals on the host.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define BLOCK 256

__global__ void scanBlocks(const int *in, int *out, int *blockSums, int n)
{
    __shared__ int buffer[2][BLOCK];
    int tid = threadIdx.x;
    int i = blockIdx.x * BLOCK + tid;
    int src = 0;
    buffer[src][tid] = i < n ? in[i] : 0;
    __syncthreads();
    for (int offset = 1; offset < BLOCK; offset <<= 1) {
        int dst = 1 - src;
        int v = buffer[src][tid];
        if (tid >= offset) v += buffer[src][tid - offset];
        buffer[dst][tid] = v;
        src = dst;
        __syncthreads();
    }
    if (i < n) out[i] = buffer[src][tid];
    if (tid == BLOCK - 1) blockSums[blockIdx.x] = buffer[src][tid];
}

__global__ void addOffsets(int *out, const int *offsets, int n)
{
    int i = blockIdx.x * BLOCK + threadIdx.x;
    if (i < n && blockIdx.x > 0) out[i] += offsets[blockIdx.x - 1];
}

int main()
{
    const int n = 5000;
    const int blocks = (n + BLOCK - 1) / BLOCK;
    int *h = (int *)malloc(n * sizeof(int));
    int *result = (int *)malloc(n * sizeof(int));
    int *sums = (int *)malloc(blocks * sizeof(int));
    for (int i = 0; i < n; ++i) h[i] = (i * 37) % 7 - 2;
    int *din, *dout, *dsums;
    cudaMalloc(&din, n * sizeof(int));
    cudaMalloc(&dout, n * sizeof(int));
    cudaMalloc(&dsums, blocks * sizeof(int));
    cudaMemcpy(din, h, n * sizeof(int), cudaMemcpyHostToDevice);
    scanBlocks<<<blocks, BLOCK>>>(din, dout, dsums, n);
    cudaMemcpy(sums, dsums, blocks * sizeof(int), cudaMemcpyDeviceToHost);
    for (int b = 1; b < blocks; ++b) sums[b] += sums[b - 1];
    cudaMemcpy(dsums, sums, blocks * sizeof(int), cudaMemcpyHostToDevice);
    addOffsets<<<blocks, BLOCK>>>(dout, dsums, n);
    cudaMemcpy(result, dout, n * sizeof(int), cudaMemcpyDeviceToHost);
    int errors = 0, running = 0;
    for (int i = 0; i < n; ++i) {
        running += h[i];
        if (result[i] != running) {
            if (errors < 5) printf("out[%d] = %d, expected %d\n", i, result[i], running);
            ++errors;
        }
    }
    cudaFree(din); cudaFree(dout); cudaFree(dsums);
    free(h); free(result); free(sums);
    if (errors) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
