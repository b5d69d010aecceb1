// SAXPY with a grid-stride loop: y = a*x + y, launched with dim3 grid and block.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

__global__ void saxpy(int n, float a, const float *__restrict__ x, float *__restrict__ y)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
        y[i] = a * x[i] + y[i];
}

int main()
{
    const int n = 1 << 14;
    const size_t bytes = n * sizeof(float);
    float *x = (float *)malloc(bytes);
    float *y = (float *)malloc(bytes);
    for (int i = 0; i < n; ++i) {
        x[i] = (float)i;
        y[i] = 2.0f;
    }
    float *dx, *dy;
    cudaMalloc(&dx, bytes);
    cudaMalloc(&dy, bytes);
    cudaMemcpy(dx, x, bytes, cudaMemcpyHostToDevice);
    cudaMemcpy(dy, y, bytes, cudaMemcpyHostToDevice);

    dim3 block(128);
    dim3 grid(16); // fewer threads than elements: each thread strides
    saxpy<<<grid, block>>>(n, 3.0f, dx, dy);
    cudaError_t err = cudaGetLastError();
    if (err != cudaSuccess) {
        printf("launch failed: %s\n", cudaGetErrorString(err));
        return 1;
    }
    cudaMemcpy(y, dy, bytes, cudaMemcpyDeviceToHost);

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        float want = 3.0f * i + 2.0f;
        if (y[i] != want) {
            if (errors < 5) printf("y[%d] = %f, expected %f\n", i, y[i], want);
            ++errors;
        }
    }
    cudaFree(dx);
    cudaFree(dy);
    free(x);
    free(y);
    if (errors) {
        printf("Test FAILED (%d errors)\n", errors);
        return 1;
    }
    printf("Test PASSED\n");
    return 0;
}
