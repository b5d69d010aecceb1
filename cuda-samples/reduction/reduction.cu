// Shared-memory tree reduction, as a template over the block size, with __syncthreads in the loop.
// Each block writes one partial sum; the host adds the partial sums.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

template <unsigned int BLOCK, typename T>
__global__ void reduceSum(const T *in, T *partial, unsigned int n)
{
    __shared__ T sdata[BLOCK];
    unsigned int tid = threadIdx.x;
    unsigned int i = blockIdx.x * (BLOCK * 2) + tid;
    T sum = 0;
    if (i < n) sum += in[i];
    if (i + BLOCK < n) sum += in[i + BLOCK];
    sdata[tid] = sum;
    __syncthreads();
    for (unsigned int s = BLOCK / 2; s > 0; s >>= 1) {
        if (tid < s) sdata[tid] += sdata[tid + s];
        __syncthreads();
    }
    if (tid == 0) partial[blockIdx.x] = sdata[0];
}

template <unsigned int BLOCK, typename T>
static T reduceOnDevice(const T *host, unsigned int n)
{
    unsigned int blocks = (n + BLOCK * 2 - 1) / (BLOCK * 2);
    T *din, *dpartial;
    cudaMalloc(&din, n * sizeof(T));
    cudaMalloc(&dpartial, blocks * sizeof(T));
    cudaMemcpy(din, host, n * sizeof(T), cudaMemcpyHostToDevice);
    reduceSum<BLOCK, T><<<blocks, BLOCK>>>(din, dpartial, n);
    T *partial = (T *)malloc(blocks * sizeof(T));
    cudaMemcpy(partial, dpartial, blocks * sizeof(T), cudaMemcpyDeviceToHost);
    T total = 0;
    for (unsigned int b = 0; b < blocks; ++b) total += partial[b];
    free(partial);
    cudaFree(din);
    cudaFree(dpartial);
    return total;
}

int main()
{
    const unsigned int n = 10000;
    int *ints = (int *)malloc(n * sizeof(int));
    double *doubles = (double *)malloc(n * sizeof(double));
    long long wantInt = 0;
    double wantDouble = 0;
    for (unsigned int i = 0; i < n; ++i) {
        ints[i] = (int)(i % 97) - 40;
        doubles[i] = 0.5 * (i % 13);
        wantInt += ints[i];
        wantDouble += doubles[i];
    }
    int gotInt = reduceOnDevice<128, int>(ints, n);
    double gotDouble = reduceOnDevice<64, double>(doubles, n);
    free(ints);
    free(doubles);
    printf("int sum %d (expected %lld), double sum %.1f (expected %.1f)\n", gotInt, wantInt, gotDouble, wantDouble);
    if (gotInt != wantInt || gotDouble != wantDouble) {
        printf("Test FAILED\n");
        return 1;
    }
    printf("Test PASSED\n");
    return 0;
}
