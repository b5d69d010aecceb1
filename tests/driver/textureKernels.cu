// Kernels of tests/driver/driverTextures.c, which loads them through the driver API: fetches through texture objects
// and writes through a surface object, the handles passed as CUtexObject and CUsurfObject (cuda.h's types).
#include <cuda.h>

// out[y][x] = the texture at ((x + dx) * sx, (y + dy) * sy): sx and sy scale to normalized coordinates when they are 1/size.
extern "C" __global__ void fetch2D(float *out, int width, int height, CUtexObject tex, float dx, float dy, float sx, float sy)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < width && y < height) out[y * width + x] = tex2D<float>(tex, (x + dx) * sx, (y + dy) * sy);
}

extern "C" __global__ void fetchLinear(float *out, int n, CUtexObject tex)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = tex1Dfetch<float>(tex, i);
}

extern "C" __global__ void writeSurface(CUsurfObject surface, int width, int height)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < width && y < height) surf2Dwrite(float(x * 10 + y), surface, x * (int)sizeof(float), y);
}
