#include <cuda_runtime.h>
#include "imagekernels.h"

__global__ void scaleKernel(const unsigned char *in, unsigned char *out, int n, int numerator, int denominator)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (unsigned char)min(255, in[i] * numerator / denominator);
}

void deviceScale(const unsigned char *in, unsigned char *out, int n, int numerator, int denominator)
{
    unsigned char *d_in, *d_out;
    cudaMalloc(&d_in, n);
    cudaMalloc(&d_out, n);
    cudaMemcpy(d_in, in, n, cudaMemcpyHostToDevice);
    scaleKernel<<<(n + 255) / 256, 256>>>(d_in, d_out, n, numerator, denominator);
    cudaMemcpy(out, d_out, n, cudaMemcpyDeviceToHost);
    cudaFree(d_in);
    cudaFree(d_out);
}
