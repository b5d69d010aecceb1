// Benchmark kernels for the cpu device: each is launched once to warm up (and compile), then REPS
// times between two events; the program prints "NAME MILLISECONDS-PER-LAUNCH CHECK" lines.
// kernels.c holds the same algorithms as plain C with OpenMP (the baseline).
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <cuda_runtime.h>

#define REPS 5
#define N (1 << 23)
#define M 768
#define TILE 16
#define SW 2048
#define SH 2048
#define BINS 256

__global__ void vectorAdd(const float *a, const float *b, float *c, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}

__global__ void saxpy(int n, float alpha, const float *x, float *y)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = alpha * x[i] + y[i];
}

__global__ void matmul(const float *a, const float *b, float *c, int m)
{
    __shared__ float ta[TILE][TILE];
    __shared__ float tb[TILE][TILE];
    int row = blockIdx.y * TILE + threadIdx.y;
    int col = blockIdx.x * TILE + threadIdx.x;
    float sum = 0.0f;
    for (int t = 0; t < m / TILE; ++t) {
        ta[threadIdx.y][threadIdx.x] = a[row * m + t * TILE + threadIdx.x];
        tb[threadIdx.y][threadIdx.x] = b[(t * TILE + threadIdx.y) * m + col];
        __syncthreads();
        for (int k = 0; k < TILE; ++k) sum += ta[threadIdx.y][k] * tb[k][threadIdx.x];
        __syncthreads();
    }
    c[row * m + col] = sum;
}

__global__ void reduce(const float *in, float *out, int n)
{
    __shared__ float buf[256];
    int t = threadIdx.x;
    float s = 0.0f;
    for (int i = blockIdx.x * blockDim.x + t; i < n; i += blockDim.x * gridDim.x) s += in[i];
    buf[t] = s;
    __syncthreads();
    for (int k = 128; k > 0; k >>= 1) {
        if (t < k) buf[t] += buf[t + k];
        __syncthreads();
    }
    if (t == 0) out[blockIdx.x] = buf[0];
}

__global__ void stencil(const float *in, float *out, int w, int h)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x > 0 && y > 0 && x < w - 1 && y < h - 1)
        out[y * w + x] = 0.2f * (in[y * w + x] + in[y * w + x - 1] + in[y * w + x + 1] + in[(y - 1) * w + x] + in[(y + 1) * w + x]);
}

// A histogram in shared memory (one atomic per element on a block-private counter), merged into global bins.
__global__ void histogram(const float *in, unsigned int *bins, int n)
{
    __shared__ unsigned int local[BINS];
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) local[b] = 0;
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
        atomicAdd(&local[(int)in[i] & (BINS - 1)], 1u);
    __syncthreads();
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) atomicAdd(&bins[b], local[b]);
}

// European options priced by the Black-Scholes formula: logf, expf and sqrtf per option, the normal CDF by
// its classic five-term polynomial (expf again): math-library bound, as option pricing and particle codes are.
__device__ float normalCdf(float d)
{
    const float k = 1.0f / (1.0f + 0.2316419f * fabsf(d));
    const float poly = k * (0.319381530f + k * (-0.356563782f + k * (1.781477937f + k * (-1.821255978f + k * 1.330274429f))));
    const float tail = 0.398942280f * expf(-0.5f * d * d) * poly;
    return d > 0.0f ? 1.0f - tail : tail;
}

__global__ void blackScholes(const float *price, const float *strike, const float *years, float *call, float *put, float rate, float vol, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float s = price[i] + 5.0f, x = strike[i] + 1.0f, t = years[i] * 0.01f + 0.25f;
    float root = sqrtf(t);
    float d1 = (logf(s / x) + (rate + 0.5f * vol * vol) * t) / (vol * root);
    float d2 = d1 - vol * root;
    float discount = expf(-rate * t);
    call[i] = s * normalCdf(d1) - x * discount * normalCdf(d2);
    put[i] = x * discount * (1.0f - normalCdf(d2)) - s * (1.0f - normalCdf(d1));
}

// Minkowski distances of order p between rows of 8 and a fixed point (HeCBench minkowski's inner step):
// powf twice per element.
__global__ void minkowski(const float *rows, float *dist, float p, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float sum = 0.0f;
    for (int k = 0; k < 8; ++k) sum += powf(fabsf(rows[i * 8 + k] - 0.5f * k), p);
    dist[i] = powf(sum, 1.0f / p);
}

static float *deviceArray(int n, float scale)
{
    float *h = (float *)malloc(n * sizeof(float));
    for (int i = 0; i < n; ++i) h[i] = (float)(i % 97) * scale;
    float *d;
    cudaMalloc(&d, n * sizeof(float));
    cudaMemcpy(d, h, n * sizeof(float), cudaMemcpyHostToDevice);
    free(h);
    return d;
}

static float readBack(const float *d, int i)
{
    float v;
    cudaMemcpy(&v, d + i, sizeof(float), cudaMemcpyDeviceToHost);
    return v;
}

static cudaEvent_t start, stop;

static void begin() { cudaEventRecord(start, 0); }

static float end()
{
    cudaEventRecord(stop, 0);
    cudaEventSynchronize(stop);
    float ms = 0.0f;
    cudaEventElapsedTime(&ms, start, stop);
    return ms / REPS;
}

int main()
{
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    float *a = deviceArray(N, 1.0f), *b = deviceArray(N, 0.5f), *c = deviceArray(N, 0.0f);

    vectorAdd<<<N / 256, 256>>>(a, b, c, N);
    begin();
    for (int r = 0; r < REPS; ++r) vectorAdd<<<N / 256, 256>>>(a, b, c, N);
    printf("vectorAdd %f %f\n", end(), readBack(c, 1000));

    saxpy<<<N / 256, 256>>>(N, 2.0f, a, c);
    begin();
    for (int r = 0; r < REPS; ++r) saxpy<<<N / 256, 256>>>(N, 2.0f, a, c);
    printf("saxpy %f %f\n", end(), readBack(c, 1000));

    dim3 mblock(TILE, TILE), mgrid(M / TILE, M / TILE);
    matmul<<<mgrid, mblock>>>(a, b, c, M);
    begin();
    for (int r = 0; r < REPS; ++r) matmul<<<mgrid, mblock>>>(a, b, c, M);
    printf("matmul768 %f %f\n", end(), readBack(c, 1000));

    reduce<<<1024, 256>>>(a, c, N);
    begin();
    for (int r = 0; r < REPS; ++r) reduce<<<1024, 256>>>(a, c, N);
    float ms = end();
    float *partial = (float *)malloc(1024 * sizeof(float));
    cudaMemcpy(partial, c, 1024 * sizeof(float), cudaMemcpyDeviceToHost);
    double total = 0.0;
    for (int i = 0; i < 1024; ++i) total += partial[i];
    printf("reduction %f %f\n", ms, total);

    dim3 sblock(32, 8), sgrid(SW / 32, SH / 8);
    stencil<<<sgrid, sblock>>>(a, c, SW, SH);
    begin();
    for (int r = 0; r < REPS; ++r) stencil<<<sgrid, sblock>>>(a, c, SW, SH);
    printf("stencil %f %f\n", end(), readBack(c, 5000));

    unsigned int *bins, count;
    cudaMalloc(&bins, BINS * sizeof(unsigned int));
    cudaMemset(bins, 0, BINS * sizeof(unsigned int));
    histogram<<<1024, 256>>>(a, bins, N);
    begin();
    for (int r = 0; r < REPS; ++r) histogram<<<1024, 256>>>(a, bins, N);
    ms = end();
    cudaMemcpy(&count, bins + 5, sizeof(unsigned int), cudaMemcpyDeviceToHost);
    printf("histogram %f %u\n", ms, count);

    float *call = deviceArray(N, 0.0f), *put = deviceArray(N, 0.0f);
    blackScholes<<<N / 256, 256>>>(a, b, a, call, put, 0.02f, 0.3f, N);
    begin();
    for (int r = 0; r < REPS; ++r) blackScholes<<<N / 256, 256>>>(a, b, a, call, put, 0.02f, 0.3f, N);
    ms = end();
    printf("blackScholes %f %f\n", ms, readBack(call, 1000) + readBack(put, 1000));

    minkowski<<<N / 8 / 256, 256>>>(a, c, 1.5f, N / 8);
    begin();
    for (int r = 0; r < REPS; ++r) minkowski<<<N / 8 / 256, 256>>>(a, c, 1.5f, N / 8);
    printf("minkowski %f %f\n", end(), readBack(c, 1000));
    return 0;
}
