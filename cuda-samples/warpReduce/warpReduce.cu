// Warp-shuffle reduction: each warp sums with __shfl_down_sync, lane 0 adds the warp's total atomically.
// Also checks __shfl_sync broadcast, __shfl_xor_sync butterflies and __ballot_sync.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define FULL_MASK 0xffffffffu

__device__ float warpSum(float v)
{
    for (int offset = warpSize / 2; offset > 0; offset /= 2)
        v += __shfl_down_sync(FULL_MASK, v, offset);
    return v;
}

__global__ void sumKernel(const float *in, int n, float *total, int *checks)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x % warpSize;
    float v = i < n ? in[i] : 0.0f;
    float s = warpSum(v);
    if (lane == 0) atomicAdd(total, s);

    // Every lane learns lane 0's value by broadcast and the warp total by a butterfly.
    float first = __shfl_sync(FULL_MASK, v, 0);
    float all = v;
    for (int m = 16; m >= 1; m >>= 1) all += __shfl_xor_sync(FULL_MASK, all, m);
    unsigned int odd = __ballot_sync(FULL_MASK, lane & 1);
    int warpBase = i - lane;
    float expectFirst = warpBase < n ? in[warpBase] : 0.0f;
    if (first != expectFirst) atomicAdd(&checks[0], 1);
    if (all != __shfl_sync(FULL_MASK, s, 0)) atomicAdd(&checks[1], 1);
    if (odd != 0xaaaaaaaau) atomicAdd(&checks[2], 1);
}

int main()
{
    const int n = 4096;
    float *h = (float *)malloc(n * sizeof(float));
    double want = 0;
    for (int i = 0; i < n; ++i) {
        h[i] = (float)(i % 10);
        want += h[i];
    }
    float *din, *dtotal;
    int *dchecks;
    cudaMalloc(&din, n * sizeof(float));
    cudaMalloc(&dtotal, sizeof(float));
    cudaMalloc(&dchecks, 3 * sizeof(int));
    cudaMemcpy(din, h, n * sizeof(float), cudaMemcpyHostToDevice);
    cudaMemset(dtotal, 0, sizeof(float));
    cudaMemset(dchecks, 0, 3 * sizeof(int));
    sumKernel<<<n / 256, 256>>>(din, n, dtotal, dchecks);
    float total;
    int checks[3];
    cudaMemcpy(&total, dtotal, sizeof(float), cudaMemcpyDeviceToHost);
    cudaMemcpy(checks, dchecks, sizeof(checks), cudaMemcpyDeviceToHost);
    printf("sum %.1f (expected %.1f), check failures %d %d %d\n", total, want, checks[0], checks[1], checks[2]);
    cudaFree(din); cudaFree(dtotal); cudaFree(dchecks);
    free(h);
    if (total != (float)want || checks[0] || checks[1] || checks[2]) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
