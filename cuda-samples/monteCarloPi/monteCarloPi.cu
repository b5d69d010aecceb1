// Monte-Carlo estimate of pi: each thread draws points from a stateless integer hash of
// (thread, sample), counts those inside the unit quarter circle, the block sums its counts in
// dynamic shared memory (sized at launch), and thread 0 adds the block's count to a 64-bit total with atomicAdd. The host
// replays the same hash, so the count is checked exactly, and the estimate against pi.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

#define THREADS 128
#define SAMPLES_PER_THREAD 8

// A 32-bit integer hash (xorshift-multiply rounds); the same on host and device.
__host__ __device__ unsigned int hash32(unsigned int x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

// A point in [0, 1)^2 from sample number s; 24 bits per coordinate convert to float exactly.
__host__ __device__ bool insideCircle(unsigned int s)
{
    float x = (float)(hash32(2u * s) >> 8) * (1.0f / 16777216.0f);
    float y = (float)(hash32(2u * s + 1u) >> 8) * (1.0f / 16777216.0f);
    return x * x + y * y <= 1.0f;
}

__global__ void countInside(unsigned long long *total, unsigned int *perBlock)
{
    extern __shared__ unsigned int counts[];
    unsigned int tid = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned int c = 0;
    for (unsigned int k = 0; k < SAMPLES_PER_THREAD; ++k)
        if (insideCircle(tid * SAMPLES_PER_THREAD + k)) ++c;
    counts[threadIdx.x] = c;
    __syncthreads();
    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) counts[threadIdx.x] += counts[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        perBlock[blockIdx.x] = counts[0];
        atomicAdd(total, (unsigned long long)counts[0]);
    }
}

int main()
{
    const int blocks = 32;
    const unsigned int samples = blocks * THREADS * SAMPLES_PER_THREAD;
    unsigned long long *dTotal;
    unsigned int *dPerBlock;
    cudaMalloc(&dTotal, sizeof(unsigned long long));
    cudaMalloc(&dPerBlock, blocks * sizeof(unsigned int));
    cudaMemset(dTotal, 0, sizeof(unsigned long long));
    countInside<<<blocks, THREADS, THREADS * sizeof(unsigned int)>>>(dTotal, dPerBlock);
    unsigned long long total;
    unsigned int perBlock[blocks];
    cudaMemcpy(&total, dTotal, sizeof(total), cudaMemcpyDeviceToHost);
    cudaMemcpy(perBlock, dPerBlock, sizeof(perBlock), cudaMemcpyDeviceToHost);

    int errors = 0;
    unsigned long long want = 0, sumOfBlocks = 0;
    for (int b = 0; b < blocks; ++b) {
        unsigned int inBlock = 0;
        for (unsigned int s = (unsigned int)b * THREADS * SAMPLES_PER_THREAD; s < (unsigned int)(b + 1) * THREADS * SAMPLES_PER_THREAD; ++s)
            if (insideCircle(s)) ++inBlock;
        if (perBlock[b] != inBlock) ++errors;
        want += inBlock;
        sumOfBlocks += perBlock[b];
    }
    double pi = 4.0 * (double)total / (double)samples;
    printf("%u samples, %llu inside, pi ~ %.4f\n", samples, total, pi);
    if (total != want || sumOfBlocks != want) { printf("expected %llu inside\n", want); ++errors; }
    if (fabs(pi - 3.14159265358979) > 0.03) { printf("estimate too far from pi\n"); ++errors; }
    cudaFree(dTotal); cudaFree(dPerBlock);
    if (errors) { printf("%d errors\nTest FAILED\n", errors); return 1; }
    printf("Test PASSED\n");
    return 0;
}
