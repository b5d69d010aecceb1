// A CUDA program of its own: each block sums its part with a shared-memory tree.
#include <cstdio>

__global__ void blockSums(const int *in, int *out)
{
    __shared__ int part[256];
    part[threadIdx.x] = in[blockIdx.x * 256 + threadIdx.x];
    __syncthreads();
    for (int s = 128; s > 0; s >>= 1) {
        if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[blockIdx.x] = part[0];
}

int main()
{
    const int blocks = 64, n = blocks * 256;
    int *in, *out;
    cudaMallocManaged(&in, n * sizeof(int));
    cudaMallocManaged(&out, blocks * sizeof(int));
    for (int i = 0; i < n; ++i) in[i] = i % 17;
    blockSums<<<blocks, 256>>>(in, out);
    cudaDeviceSynchronize();
    int bad = 0;
    for (int b = 0; b < blocks; ++b) {
        int want = 0;
        for (int i = 0; i < 256; ++i) want += (b * 256 + i) % 17;
        bad += out[b] != want;
    }
    printf(bad == 0 ? "Test PASSED\n" : "Test FAILED\n");
    return bad;
}
