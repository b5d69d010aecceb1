// Bitonic sort of key/value pairs in shared memory: each block sorts 512 keys with 256 threads
// (every thread owns one compare-exchange per step), __syncthreads between the steps of the
// nested size/stride loops. Even blocks sort ascending, odd blocks descending.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define N_PER_BLOCK 512

__device__ inline void compareExchange(unsigned int &keyA, unsigned int &valA, unsigned int &keyB, unsigned int &valB, bool ascending)
{
    if ((keyA > keyB) == ascending) {
        unsigned int k = keyA; keyA = keyB; keyB = k;
        unsigned int v = valA; valA = valB; valB = v;
    }
}

__global__ void bitonicSortShared(unsigned int *keys, unsigned int *vals)
{
    __shared__ unsigned int sk[N_PER_BLOCK];
    __shared__ unsigned int sv[N_PER_BLOCK];
    unsigned int *k = keys + blockIdx.x * N_PER_BLOCK;
    unsigned int *v = vals + blockIdx.x * N_PER_BLOCK;
    bool ascending = (blockIdx.x & 1) == 0;
    unsigned int t = threadIdx.x;
    sk[t] = k[t]; sv[t] = v[t];
    sk[t + N_PER_BLOCK / 2] = k[t + N_PER_BLOCK / 2];
    sv[t + N_PER_BLOCK / 2] = v[t + N_PER_BLOCK / 2];

    for (unsigned int size = 2; size <= N_PER_BLOCK; size <<= 1) {
        // Direction of this thread's bitonic run; the last merge uses the block's direction.
        bool dir = ascending != ((t & (size / 2)) != 0);
        for (unsigned int stride = size / 2; stride > 0; stride >>= 1) {
            __syncthreads();
            unsigned int pos = 2 * t - (t & (stride - 1));
            compareExchange(sk[pos], sv[pos], sk[pos + stride], sv[pos + stride], dir);
        }
    }
    __syncthreads();
    k[t] = sk[t]; v[t] = sv[t];
    k[t + N_PER_BLOCK / 2] = sk[t + N_PER_BLOCK / 2];
    v[t + N_PER_BLOCK / 2] = sv[t + N_PER_BLOCK / 2];
}

int main()
{
    const int blocks = 4;
    const int n = blocks * N_PER_BLOCK;
    unsigned int *keys = (unsigned int *)malloc(n * sizeof(unsigned int));
    unsigned int *vals = (unsigned int *)malloc(n * sizeof(unsigned int));
    unsigned int *gotK = (unsigned int *)malloc(n * sizeof(unsigned int));
    unsigned int *gotV = (unsigned int *)malloc(n * sizeof(unsigned int));
    unsigned int seed = 2024u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        keys[i] = (seed >> 16) % 1000u; // duplicates on purpose
        vals[i] = (unsigned int)i;
    }
    unsigned int *dk, *dv;
    cudaMalloc(&dk, n * sizeof(unsigned int));
    cudaMalloc(&dv, n * sizeof(unsigned int));
    cudaMemcpy(dk, keys, n * sizeof(unsigned int), cudaMemcpyHostToDevice);
    cudaMemcpy(dv, vals, n * sizeof(unsigned int), cudaMemcpyHostToDevice);
    bitonicSortShared<<<blocks, N_PER_BLOCK / 2>>>(dk, dv);
    cudaMemcpy(gotK, dk, n * sizeof(unsigned int), cudaMemcpyDeviceToHost);
    cudaMemcpy(gotV, dv, n * sizeof(unsigned int), cudaMemcpyDeviceToHost);

    // Each block is ordered in its direction, every value still carries its own key, and each
    // block holds a permutation of its original values.
    int errors = 0;
    for (int b = 0; b < blocks; ++b) {
        int base = b * N_PER_BLOCK;
        bool ascending = (b & 1) == 0;
        int seen[N_PER_BLOCK] = { 0 };
        for (int i = 0; i < N_PER_BLOCK; ++i) {
            unsigned int key = gotK[base + i], val = gotV[base + i];
            if (i > 0 && (ascending ? gotK[base + i - 1] > key : gotK[base + i - 1] < key)) ++errors;
            if (val < (unsigned int)base || val >= (unsigned int)(base + N_PER_BLOCK) || keys[val] != key) { ++errors; continue; }
            if (seen[val - base]++) ++errors;
        }
    }
    cudaFree(dk); cudaFree(dv);
    free(keys); free(vals); free(gotK); free(gotV);
    if (errors) { printf("%d errors\nTest FAILED\n", errors); return 1; }
    printf("sorted %d blocks of %d keys\nTest PASSED\n", blocks, N_PER_BLOCK);
    return 0;
}
