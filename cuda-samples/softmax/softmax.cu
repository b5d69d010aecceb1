// Row softmax, one block per row: each thread strides over the row, warps reduce the row maximum
// and then the sum of exponentials with __shfl_xor_sync, and shared memory combines the warps.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

#define THREADS 128
#define WARPS (THREADS / 32)

__device__ float warpMax(float v)
{
    for (int m = 16; m > 0; m >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, m));
    return v;
}

__device__ float warpSum(float v)
{
    for (int m = 16; m > 0; m >>= 1) v += __shfl_xor_sync(0xffffffffu, v, m);
    return v;
}

// Reduces v over the block; every thread gets the result. isMax picks max or sum.
__device__ float blockReduce(float v, bool isMax, float *scratch)
{
    int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    v = isMax ? warpMax(v) : warpSum(v);
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    float r = scratch[0];
    for (int w = 1; w < WARPS; ++w) r = isMax ? fmaxf(r, scratch[w]) : r + scratch[w];
    __syncthreads(); // scratch is reused by the next reduction
    return r;
}

__global__ void softmaxRows(float *out, const float *in, int cols)
{
    __shared__ float scratch[WARPS];
    const float *row = in + (size_t)blockIdx.x * cols;
    float *dst = out + (size_t)blockIdx.x * cols;
    float m = -INFINITY;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, row[c]);
    m = blockReduce(m, true, scratch);
    float s = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) s += expf(row[c] - m);
    s = blockReduce(s, false, scratch);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) dst[c] = expf(row[c] - m) / s;
}

int main()
{
    const int rows = 24, cols = 300;
    const int n = rows * cols;
    float *h = (float *)malloc(n * sizeof(float));
    float *got = (float *)malloc(n * sizeof(float));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            h[r * cols + c] = (float)((r * 37 + c * 11) % 97) * 0.25f - 12.0f + (float)r * 3.0f;
    float *din, *dout;
    cudaMalloc(&din, n * sizeof(float));
    cudaMalloc(&dout, n * sizeof(float));
    cudaMemcpy(din, h, n * sizeof(float), cudaMemcpyHostToDevice);
    softmaxRows<<<rows, THREADS>>>(dout, din, cols);
    cudaMemcpy(got, dout, n * sizeof(float), cudaMemcpyDeviceToHost);

    int errors = 0;
    double worst = 0.0;
    for (int r = 0; r < rows; ++r) {
        double m = h[r * cols];
        for (int c = 1; c < cols; ++c) m = fmax(m, (double)h[r * cols + c]);
        double s = 0.0;
        for (int c = 0; c < cols; ++c) s += exp(h[r * cols + c] - m);
        double rowSum = 0.0;
        for (int c = 0; c < cols; ++c) {
            double want = exp(h[r * cols + c] - m) / s;
            double err = fabs(got[r * cols + c] - want);
            if (err > worst) worst = err;
            if (err > 1e-6 + 1e-4 * want) ++errors;
            rowSum += got[r * cols + c];
        }
        if (fabs(rowSum - 1.0) > 1e-4) ++errors;
    }
    cudaFree(din); cudaFree(dout);
    free(h); free(got);
    printf("%d rows of %d, worst absolute error %.2e\n", rows, cols, worst);
    if (errors) { printf("%d errors\nTest FAILED\n", errors); return 1; }
    printf("Test PASSED\n");
    return 0;
}
