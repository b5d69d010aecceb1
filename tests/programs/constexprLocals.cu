// Held-out HeCBench hadamard: `constexpr int kLogN = cilog2(N);` in a kernel lifted the call of the recursive constexpr
// function, which opencl refused (TR0504, "OpenCL C has no recursion") though clang had evaluated it and every use folds:
// a const local clang evaluates is now its value. Around it: a const computed from one, a const float from an int, one
// whose address is taken, a const that is not a constant (a thread's own value), in a kernel and in host code.
#include <cstdio>

constexpr int cilog2(int val) { return val > 0 ? 1 + cilog2(val >> 1) : -1; }

template <int N>
__host__ __device__ int compute(int v)
{
    constexpr int kLog = cilog2(N);
    const int twice = kLog * 2;
    const float f = 3;
    const int *p = &kLog;
    const int dyn = v + 1;  // not a constant
    return *p * 1000 + twice * 100 + (int)f * 10 + dyn;
}

__global__ void kernel(int *out)
{
    out[threadIdx.x] = compute<64>((int)threadIdx.x) - compute<8>((int)threadIdx.x);
}

int main()
{
    const int threads = 32;
    int *d, h[threads];
    cudaMalloc((void **)&d, sizeof h);
    kernel<<<1, threads>>>(d);
    cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
    cudaFree(d);
    int failures = 0;
    // cilog2(64) = 6, cilog2(8) = 3: (6 - 3) * 1000 + (12 - 6) * 100 = 3600 for every thread.
    for (int i = 0; i < threads; i++)
        if (h[i] != 3600) { printf("thread %d: %d\n", i, h[i]); failures++; }
    if (compute<1024>(5) != 10000 + 2000 + 30 + 6) { printf("host: %d\n", compute<1024>(5)); failures++; }
    printf("%s\n", failures ? "FAILED" : "PASSED");
    return failures ? 1 : 0;
}
