// 1-D convolution with the filter in __constant__ memory (cudaMemcpyToSymbol) and a shared-memory
// tile with halo cells loaded by the first threads of the block.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

#define RADIUS 3
#define WIDTH (2 * RADIUS + 1)
#define BLOCK 128

__constant__ float filter[WIDTH];

__global__ void convolve(const float *in, float *out, int n)
{
    __shared__ float tile[BLOCK + 2 * RADIUS];
    int g = blockIdx.x * blockDim.x + threadIdx.x;
    int l = threadIdx.x + RADIUS;
    tile[l] = g < n ? in[g] : 0.0f;
    if (threadIdx.x < RADIUS) {
        int left = g - RADIUS, right = g + BLOCK;
        tile[l - RADIUS] = left >= 0 ? in[left] : 0.0f;
        tile[l + BLOCK] = right < n ? in[right] : 0.0f;
    }
    __syncthreads();
    if (g >= n) return;
    float acc = 0.0f;
    for (int k = -RADIUS; k <= RADIUS; ++k) acc += filter[k + RADIUS] * tile[l + k];
    out[g] = acc;
}

int main()
{
    const int n = 3000;
    float h_filter[WIDTH] = {0.05f, 0.1f, 0.2f, 0.3f, 0.2f, 0.1f, 0.05f};
    float *in = (float *)malloc(n * sizeof(float));
    float *out = (float *)malloc(n * sizeof(float));
    for (int i = 0; i < n; ++i) in[i] = sinf(i * 0.01f) + (i % 5) * 0.1f;
    cudaMemcpyToSymbol(filter, h_filter, sizeof(h_filter));
    float *din, *dout;
    cudaMalloc(&din, n * sizeof(float));
    cudaMalloc(&dout, n * sizeof(float));
    cudaMemcpy(din, in, n * sizeof(float), cudaMemcpyHostToDevice);
    convolve<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(din, dout, n);
    cudaMemcpy(out, dout, n * sizeof(float), cudaMemcpyDeviceToHost);
    int errors = 0;
    for (int i = 0; i < n; ++i) {
        float want = 0.0f;
        for (int k = -RADIUS; k <= RADIUS; ++k) {
            int j = i + k;
            want += h_filter[k + RADIUS] * (j >= 0 && j < n ? in[j] : 0.0f);
        }
        if (fabsf(out[i] - want) > 1e-5f) {
            if (errors < 5) printf("out[%d] = %f, expected %f\n", i, out[i], want);
            ++errors;
        }
    }
    cudaFree(din); cudaFree(dout);
    free(in); free(out);
    if (errors) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
