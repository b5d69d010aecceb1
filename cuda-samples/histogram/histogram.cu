// 64-bin histogram: per-block counts in shared memory with shared atomics, merged with global atomics.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define BINS 64

__global__ void histogram(const unsigned char *data, int n, unsigned int *bins)
{
    __shared__ unsigned int local[BINS];
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) local[b] = 0;
    __syncthreads();
    int stride = blockDim.x * gridDim.x;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        atomicAdd(&local[data[i] % BINS], 1u);
    __syncthreads();
    for (int b = threadIdx.x; b < BINS; b += blockDim.x)
        if (local[b] != 0) atomicAdd(&bins[b], local[b]);
}

int main()
{
    const int n = 20000;
    unsigned char *data = (unsigned char *)malloc(n);
    unsigned int want[BINS] = {0};
    unsigned int seed = 12345u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        data[i] = (unsigned char)(seed >> 16);
        want[data[i] % BINS]++;
    }
    unsigned char *ddata;
    unsigned int *dbins;
    cudaMalloc(&ddata, n);
    cudaMalloc(&dbins, BINS * sizeof(unsigned int));
    cudaMemcpy(ddata, data, n, cudaMemcpyHostToDevice);
    cudaMemset(dbins, 0, BINS * sizeof(unsigned int));
    histogram<<<8, 128>>>(ddata, n, dbins);
    unsigned int got[BINS];
    cudaMemcpy(got, dbins, sizeof(got), cudaMemcpyDeviceToHost);
    int errors = 0;
    unsigned int total = 0;
    for (int b = 0; b < BINS; ++b) {
        total += got[b];
        if (got[b] != want[b]) {
            printf("bin %d: %u, expected %u\n", b, got[b], want[b]);
            ++errors;
        }
    }
    cudaFree(ddata);
    cudaFree(dbins);
    free(data);
    if (errors || total != (unsigned int)n) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
