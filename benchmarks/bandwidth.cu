// Memory bandwidth of the cpu device on arrays far larger than the last-level cache: STREAM's four kernels
// (copy, scale, add, triad) on floats, N per array from the command line (run.sh picks N so that three arrays
// are at least four times the last-level cache). Each kernel runs 10 times; the best time counts, as in STREAM.
// Prints "NAME MILLISECONDS GBPS CHECK" lines; bytes counted as STREAM counts them (reads and writes, no
// write-allocate). bandwidth.c is the same in C with OpenMP (the baseline).
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define PASSES 10

// Within STREAM's relative tolerance for floats: the values grow as 15^passes, and a contracted a = b + s * c
// (one rounding) may differ from two roundings in the last place.
static int agrees(float x, float expected) { float d = x - expected; return (d < 0 ? -d : d) <= 1e-6f * expected; }
#define BLOCK 256

__global__ void fill(float *a, float *b, float *c, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) { a[i] = 1.0f; b[i] = 2.0f; c[i] = 0.0f; }
}

__global__ void copy(const float *a, float *c, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i];
}

__global__ void scale(float *b, const float *c, float s, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) b[i] = s * c[i];
}

__global__ void add(const float *a, const float *b, float *c, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}

__global__ void triad(float *a, const float *b, const float *c, float s, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) a[i] = b[i] + s * c[i];
}

static cudaEvent_t start, stop;

static float best(float ms, float so_far) { return ms < so_far ? ms : so_far; }

static float elapsed()
{
    float ms = 0.0f;
    cudaEventRecord(stop, 0);
    cudaEventSynchronize(stop);
    cudaEventElapsedTime(&ms, start, stop);
    return ms;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1L << 26;
    unsigned grid = (unsigned)((n + BLOCK - 1) / BLOCK);
    float *a, *b, *c;
    if (cudaMalloc(&a, n * sizeof(float)) != cudaSuccess || cudaMalloc(&b, n * sizeof(float)) != cudaSuccess ||
        cudaMalloc(&c, n * sizeof(float)) != cudaSuccess) {
        printf("cannot allocate 3 x %ld floats\n", n);
        return 1;
    }
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    fill<<<grid, BLOCK>>>(a, b, c, n);
    cudaDeviceSynchronize();
    const float s = 3.0f;
    float t[4] = {1e30f, 1e30f, 1e30f, 1e30f};
    for (int p = 0; p < PASSES; ++p) {
        cudaEventRecord(start, 0); copy<<<grid, BLOCK>>>(a, c, n); t[0] = best(elapsed(), t[0]);
        cudaEventRecord(start, 0); scale<<<grid, BLOCK>>>(b, c, s, n); t[1] = best(elapsed(), t[1]);
        cudaEventRecord(start, 0); add<<<grid, BLOCK>>>(a, b, c, n); t[2] = best(elapsed(), t[2]);
        cudaEventRecord(start, 0); triad<<<grid, BLOCK>>>(a, b, c, s, n); t[3] = best(elapsed(), t[3]);
    }
    // After PASSES rounds from a = 1, b = 2: the values STREAM's own check derives.
    float ea = 1.0f, eb = 2.0f, ec = 0.0f;
    for (int p = 0; p < PASSES; ++p) { ec = ea; eb = s * ec; ec = ea + eb; ea = eb + s * ec; }
    float ha, hb, hc;
    cudaMemcpy(&ha, a + n / 2, sizeof(float), cudaMemcpyDeviceToHost);
    cudaMemcpy(&hb, b + n / 2, sizeof(float), cudaMemcpyDeviceToHost);
    cudaMemcpy(&hc, c + n / 2, sizeof(float), cudaMemcpyDeviceToHost);
    const char *check = agrees(ha, ea) && agrees(hb, eb) && agrees(hc, ec) ? "ok" : "WRONG";
    const char *names[4] = {"copy", "scale", "add", "triad"};
    const double bytes[4] = {8.0 * n, 8.0 * n, 12.0 * n, 12.0 * n};
    for (int k = 0; k < 4; ++k) printf("%s %.3f %.2f %s\n", names[k], t[k], bytes[k] / (t[k] / 1000.0) / 1e9, check);
    return 0;
}
