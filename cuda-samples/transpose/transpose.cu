// Matrix transpose through a shared tile padded to 33 columns, so a warp reading a tile column
// touches 32 different banks. Each block moves a 32x32 tile with 32x8 threads (4 rows per thread).
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define TILE 32
#define ROWS 8

__global__ void transposePadded(float *out, const float *in, int width, int height)
{
    __shared__ float tile[TILE][TILE + 1];
    int x = blockIdx.x * TILE + threadIdx.x;
    int y = blockIdx.y * TILE + threadIdx.y;
    for (int j = 0; j < TILE; j += ROWS)
        if (x < width && y + j < height)
            tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * width + x];
    __syncthreads();
    // Swap the block coordinates: the tile at (bx, by) lands at (by, bx).
    x = blockIdx.y * TILE + threadIdx.x;
    y = blockIdx.x * TILE + threadIdx.y;
    for (int j = 0; j < TILE; j += ROWS)
        if (x < height && y + j < width)
            out[(y + j) * height + x] = tile[threadIdx.x][threadIdx.y + j];
}

int main()
{
    // Not multiples of the tile, so the edge checks matter.
    const int width = 72, height = 40;
    const int n = width * height;
    float *h = (float *)malloc(n * sizeof(float));
    float *t = (float *)malloc(n * sizeof(float));
    for (int i = 0; i < n; ++i) h[i] = (float)(i * 3 % 1001) - 500.0f;
    float *din, *dout;
    cudaMalloc(&din, n * sizeof(float));
    cudaMalloc(&dout, n * sizeof(float));
    cudaMemcpy(din, h, n * sizeof(float), cudaMemcpyHostToDevice);
    dim3 block(TILE, ROWS);
    dim3 grid((width + TILE - 1) / TILE, (height + TILE - 1) / TILE);
    transposePadded<<<grid, block>>>(dout, din, width, height);
    cudaMemcpy(t, dout, n * sizeof(float), cudaMemcpyDeviceToHost);
    int errors = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (t[x * height + y] != h[y * width + x]) {
                if (errors < 5) printf("mismatch at (%d, %d): %f != %f\n", x, y, t[x * height + y], h[y * width + x]);
                ++errors;
            }
    cudaFree(din); cudaFree(dout);
    free(h); free(t);
    if (errors) { printf("%d errors\nTest FAILED\n", errors); return 1; }
    printf("transposed %dx%d\nTest PASSED\n", width, height);
    return 0;
}
