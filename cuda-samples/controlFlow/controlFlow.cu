// C++ control flow and conversions, computed by one __host__ __device__ function on both sides and
// compared: switch with fall-through, do-while, break/continue, ?:, comma, ++/-- in expressions,
// compound assignments across types, unsigned arithmetic, enums, constexpr, pointer arithmetic,
// 2-D local arrays, references, and an atomicCAS loop.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

enum Mode { MODE_ADD = 1, MODE_MUL = 2, MODE_XOR = 4 };
constexpr int kRounds = 5;

__host__ __device__ void swapInts(int &a, int &b)
{
    int t = a;
    a = b;
    b = t;
}

__host__ __device__ int classify(int v)
{
    int r = 0;
    switch (v & 7) {
    case 0:
        r += 1;
    case 1: // falls through from 0
        r += 10;
        break;
    case 2:
    case 3:
        r = -5;
        break;
    case 4: {
        int k = v >> 3;
        r = k * 2;
        break;
    }
    default:
        r = 100;
    }
    return r;
}

__host__ __device__ long long mix(int seed)
{
    unsigned int u = (unsigned int)seed * 2654435761u;
    int grid[3][4];
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c) grid[r][c] = r * 4 + c + seed % 5;
    long long acc = 0;
    int i = 0;
    do {
        if (i == 2) { ++i; continue; }
        acc += grid[i % 3][(i * 3) % 4];
        i++;
    } while (i < 7);
    for (int k = 0, j = 10; k < j; k++, j--) {
        if (k == 3) break;
        acc += k * j;
    }
    int x = seed, y = seed / 3;
    if (x < y) swapInts(x, y);
    acc += x - y;
    int p = 0;
    int q = p++;
    q += ++p; // q is 0 + 2, p is 2
    acc += q + p;
    acc += (seed & 1) ? classify(seed) : classify(seed + 1);
    Mode m = (seed % 3 == 0) ? MODE_MUL : MODE_XOR;
    acc = m == MODE_MUL ? acc * 3 : acc ^ 0x55;
    unsigned char small = (unsigned char)(seed * 37);
    small += 200; // wraps modulo 256
    acc += small;
    short s = -7;
    s *= 3.5; // computed in double, truncated to short
    acc += s;
    acc += u >> 28;
    acc += (unsigned int)(-seed) / 7u % 1000u;
    float f = seed * 0.25f;
    f /= 2;
    acc += (int)f;
    double d = 1e10;
    acc += (long long)(d / (seed + 1));
    int arr[6] = {1, 2, 3};
    int *ptr = arr + 1, *end = &arr[5];
    acc += end - ptr;
    acc += ptr < end ? *ptr++ : -1;
    acc += *ptr;
    for (int r = 0; r < kRounds; ++r) acc = (acc << 1) ^ (acc >> 3);
    return acc;
}

__device__ int lockedMax(int *where, int value)
{
    int old = *where, assumed;
    do {
        assumed = old;
        old = atomicCAS(where, assumed, value > assumed ? value : assumed);
    } while (old != assumed);
    return old;
}

__global__ void compute(long long *out, int *best, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        out[i] = mix(i);
        lockedMax(best, (int)(out[i] % 100000));
    }
}

int main()
{
    const int n = 300;
    long long *dout;
    int *dbest;
    cudaMalloc(&dout, n * sizeof(long long));
    cudaMalloc(&dbest, sizeof(int));
    int zero = 0;
    cudaMemcpy(dbest, &zero, sizeof(int), cudaMemcpyHostToDevice);
    compute<<<(n + 63) / 64, 64>>>(dout, dbest, n);
    long long *out = (long long *)malloc(n * sizeof(long long));
    int best;
    cudaMemcpy(out, dout, n * sizeof(long long), cudaMemcpyDeviceToHost);
    cudaMemcpy(&best, dbest, sizeof(int), cudaMemcpyDeviceToHost);
    int errors = 0, wantBest = 0;
    for (int i = 0; i < n; ++i) {
        long long want = mix(i);
        int candidate = (int)(want % 100000);
        wantBest = candidate > wantBest ? candidate : wantBest;
        if (out[i] != want) {
            if (errors < 5) printf("mix(%d) = %lld on the device, %lld on the host\n", i, out[i], want);
            ++errors;
        }
    }
    if (best != wantBest) { printf("max %d, expected %d\n", best, wantBest); ++errors; }
    cudaFree(dout);
    cudaFree(dbest);
    free(out);
    if (errors) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
