// Held-out HeCBench hadamard: `input_t x[kNChunks][kNElts] = {{0}};` with input_t = __nv_bfloat16 was refused (TR0404, "a
// brace list that leaves out the braces around each element"): a class with constructors of its own is no aggregate, so
// each element copy-initializes it through the converting constructor that C++ overload resolution picks (libclang shows
// the element as written, without the call). Exact matches, promotions (char and short to int, float to double), one
// arithmetic conversion, a const-reference parameter with a default argument, an explicit constructor passed over, half
// and bfloat16 (the rest of a row value-initialized), a 2-D array in a template, in a kernel and in host code.
#include <cstdio>
#include <cuda_fp16.h>
#include <cuda_bf16.h>

struct Fixed {
    int raw;
    __host__ __device__ Fixed(int v) : raw(v * 16) {}
    __host__ __device__ Fixed(double v) : raw((int)(v * 16.0) + 1) {}
};

struct Scaled {
    float v;
    __host__ __device__ Scaled(const float &x, float scale = 2.0f) : v(x * scale) {}
};

struct Tagged {
    int v;
    __host__ __device__ explicit Tagged(double) : v(-1) {}  // explicit: not a converting constructor
    __host__ __device__ Tagged(long long x) : v((int)x + 7) {}
};

template <typename T, int R, int C>
__host__ __device__ float sumZeroed(float last)
{
    T x[R][C] = {{0}};
    x[R - 1][C - 1] = T(last);
    float s = 0.0f;
    for (int r = 0; r < R; r++)
        for (int c = 0; c < C; c++) s += (float)x[r][c];
    return s;
}

__host__ __device__ int check(float got, float want)
{
    return got == want ? 0 : 1;
}

__host__ __device__ int run(int seed)
{
    int failures = 0;
    Fixed f[4] = {seed, 'a', 1.5f, (short)2};  // int; char -> int; float -> double; short -> int
    failures += check(f[0].raw, seed * 16) + check(f[1].raw, 97 * 16) + check(f[2].raw, 25) + check(f[3].raw, 32);
    Scaled s[2] = {1.25f, seed};               // const float& exact; int -> float, the only candidate
    failures += check(s[0].v, 2.5f) + check(s[1].v, seed * 2.0f);
    Tagged t[2] = {seed, 2.0};                 // int and double both reach long long: the explicit one is not a candidate
    failures += check(t[0].v, seed + 7) + check(t[1].v, 9);
    __half h[3] = {1, 0.5};                     // int; double; the rest zero
    failures += check(__half2float(h[0]) + __half2float(h[1]) + __half2float(h[2]), 1.5f);
    __nv_bfloat16 b[2][4] = {{0}, {seed}};
    failures += check(__bfloat162float(b[1][0]), (float)seed) + check(__bfloat162float(b[0][3]) + __bfloat162float(b[1][3]), 0.0f);
    failures += check(sumZeroed<__nv_bfloat16, 2, 4>(2.5f), 2.5f) + check(sumZeroed<__half, 3, 2>(0.75f), 0.75f);
    return failures;
}

__global__ void kernel(int *failures, int seed)
{
    failures[threadIdx.x] = run(seed + (int)threadIdx.x);
}

int main()
{
    const int threads = 32;
    int *d, h[threads];
    cudaMalloc((void **)&d, sizeof h);
    cudaMemset(d, 0x55, sizeof h);
    kernel<<<1, threads>>>(d, 3);
    cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
    cudaFree(d);
    int failures = run(11);
    if (failures) printf("host: %d failures\n", failures);
    for (int i = 0; i < threads; i++)
        if (h[i]) { printf("thread %d: %d failures\n", i, h[i]); failures += h[i]; }
    printf("%s\n", failures ? "FAILED" : "PASSED");
    return failures ? 1 : 0;
}
