// Tiled matrix multiplication C = A * B with __shared__ 2-D tiles, the tile size a template parameter.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

template <int TILE>
__global__ void matrixMul(const float *A, const float *B, float *C, int n)
{
    __shared__ float As[TILE][TILE];
    __shared__ float Bs[TILE][TILE];
    int tx = threadIdx.x, ty = threadIdx.y;
    int row = blockIdx.y * TILE + ty;
    int col = blockIdx.x * TILE + tx;
    float acc = 0.0f;
    for (int t = 0; t < n / TILE; ++t) {
        As[ty][tx] = A[row * n + t * TILE + tx];
        Bs[ty][tx] = B[(t * TILE + ty) * n + col];
        __syncthreads();
#pragma unroll
        for (int k = 0; k < TILE; ++k)
            acc += As[ty][k] * Bs[k][tx];
        __syncthreads();
    }
    C[row * n + col] = acc;
}

int main()
{
    const int n = 64;
    const int TILE = 16;
    size_t bytes = n * n * sizeof(float);
    float *A = (float *)malloc(bytes), *B = (float *)malloc(bytes), *C = (float *)malloc(bytes);
    for (int i = 0; i < n * n; ++i) {
        A[i] = (float)((i * 7) % 11) - 5.0f;
        B[i] = (float)((i * 3) % 5) * 0.25f;
    }
    float *dA, *dB, *dC;
    cudaMalloc(&dA, bytes);
    cudaMalloc(&dB, bytes);
    cudaMalloc(&dC, bytes);
    cudaMemcpy(dA, A, bytes, cudaMemcpyHostToDevice);
    cudaMemcpy(dB, B, bytes, cudaMemcpyHostToDevice);
    dim3 threads(TILE, TILE);
    dim3 grid(n / TILE, n / TILE);
    matrixMul<TILE><<<grid, threads>>>(dA, dB, dC, n);
    cudaDeviceSynchronize();
    cudaMemcpy(C, dC, bytes, cudaMemcpyDeviceToHost);

    int errors = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            float want = 0.0f;
            for (int k = 0; k < n; ++k) want += A[r * n + k] * B[k * n + c];
            if (fabsf(C[r * n + c] - want) > 1e-3f * (1.0f + fabsf(want))) {
                if (errors < 5) printf("C[%d][%d] = %f, expected %f\n", r, c, C[r * n + c], want);
                ++errors;
            }
        }
    cudaFree(dA); cudaFree(dB); cudaFree(dC);
    free(A); free(B); free(C);
    if (errors) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
