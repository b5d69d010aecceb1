/* The benchmark's baseline: kernels.cu's algorithms as plain C with OpenMP (gcc -O3 -march=native
   -fopenmp). Same sizes, same warm-up and repetitions, same output format. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define REPS 5
#define N (1 << 23)
#define M 768
#define TILE 16
#define SW 2048
#define SH 2048
#define BINS 256

static void vectorAdd(const float *a, const float *b, float *c, int n)
{
#pragma omp parallel for
    for (int i = 0; i < n; ++i) c[i] = a[i] + b[i];
}

static void saxpy(int n, float alpha, const float *x, float *y)
{
#pragma omp parallel for
    for (int i = 0; i < n; ++i) y[i] = alpha * x[i] + y[i];
}

/* Tiled like the kernel: a block of rows per thread, k blocked by TILE. */
static void matmul(const float *a, const float *b, float *c, int m)
{
#pragma omp parallel for
    for (int i = 0; i < m; ++i) {
        float row[M];
        for (int j = 0; j < m; ++j) row[j] = 0.0f;
        for (int t = 0; t < m; t += TILE)
            for (int k = t; k < t + TILE; ++k) {
                float aik = a[i * m + k];
                for (int j = 0; j < m; ++j) row[j] += aik * b[k * m + j];
            }
        for (int j = 0; j < m; ++j) c[i * m + j] = row[j];
    }
}

static double reduce(const float *in, int n)
{
    double total = 0.0;
    float s = 0.0f;
#pragma omp parallel for reduction(+ : s)
    for (int i = 0; i < n; ++i) s += in[i];
    total = s;
    return total;
}

static void stencil(const float *in, float *out, int w, int h)
{
#pragma omp parallel for
    for (int y = 1; y < h - 1; ++y)
        for (int x = 1; x < w - 1; ++x)
            out[y * w + x] = 0.2f * (in[y * w + x] + in[y * w + x - 1] + in[y * w + x + 1] + in[(y - 1) * w + x] + in[(y + 1) * w + x]);
}

/* Each thread counts into its own bins, then adds them to the shared ones (OpenMP's usual histogram). */
static void histogram(const float *in, unsigned int *bins, int n)
{
#pragma omp parallel
    {
        unsigned int local[BINS] = {0};
#pragma omp for
        for (int i = 0; i < n; ++i) local[(int)in[i] & (BINS - 1)]++;
        for (int b = 0; b < BINS; ++b)
        {
#pragma omp atomic
            bins[b] += local[b];
        }
    }
}

static float normalCdf(float d)
{
    const float k = 1.0f / (1.0f + 0.2316419f * fabsf(d));
    const float poly = k * (0.319381530f + k * (-0.356563782f + k * (1.781477937f + k * (-1.821255978f + k * 1.330274429f))));
    const float tail = 0.398942280f * expf(-0.5f * d * d) * poly;
    return d > 0.0f ? 1.0f - tail : tail;
}

static void blackScholes(const float *price, const float *strike, const float *years, float *call, float *put, float rate, float vol, int n)
{
#pragma omp parallel for
    for (int i = 0; i < n; ++i) {
        float s = price[i] + 5.0f, x = strike[i] + 1.0f, t = years[i] * 0.01f + 0.25f;
        float root = sqrtf(t);
        float d1 = (logf(s / x) + (rate + 0.5f * vol * vol) * t) / (vol * root);
        float d2 = d1 - vol * root;
        float discount = expf(-rate * t);
        call[i] = s * normalCdf(d1) - x * discount * normalCdf(d2);
        put[i] = x * discount * (1.0f - normalCdf(d2)) - s * (1.0f - normalCdf(d1));
    }
}

static void minkowski(const float *rows, float *dist, float p, int n)
{
#pragma omp parallel for
    for (int i = 0; i < n; ++i) {
        float sum = 0.0f;
        for (int k = 0; k < 8; ++k) sum += powf(fabsf(rows[i * 8 + k] - 0.5f * k), p);
        dist[i] = powf(sum, 1.0f / p);
    }
}

static float *array(int n, float scale)
{
    float *h = malloc(n * sizeof(float));
#pragma omp parallel for
    for (int i = 0; i < n; ++i) h[i] = (float)(i % 97) * scale;
    return h;
}

int main(void)
{
    float *a = array(N, 1.0f), *b = array(N, 0.5f), *c = array(N, 0.0f);
    double t0, total = 0.0;

    vectorAdd(a, b, c, N);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) vectorAdd(a, b, c, N);
    printf("vectorAdd %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, c[1000]);

    saxpy(N, 2.0f, a, c);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) saxpy(N, 2.0f, a, c);
    printf("saxpy %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, c[1000]);

    matmul(a, b, c, M);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) matmul(a, b, c, M);
    printf("matmul768 %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, c[1000]);

    total = reduce(a, N);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) total = reduce(a, N);
    printf("reduction %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, total);

    stencil(a, c, SW, SH);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) stencil(a, c, SW, SH);
    printf("stencil %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, c[5000]);

    unsigned int bins[BINS] = {0};
    histogram(a, bins, N);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) histogram(a, bins, N);
    printf("histogram %f %u\n", (omp_get_wtime() - t0) * 1000 / REPS, bins[5]);

    float *call = array(N, 0.0f), *put = array(N, 0.0f);
    blackScholes(a, b, a, call, put, 0.02f, 0.3f, N);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) blackScholes(a, b, a, call, put, 0.02f, 0.3f, N);
    printf("blackScholes %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, call[1000] + put[1000]);

    minkowski(a, c, 1.5f, N / 8);
    t0 = omp_get_wtime();
    for (int r = 0; r < REPS; ++r) minkowski(a, c, 1.5f, N / 8);
    printf("minkowski %f %f\n", (omp_get_wtime() - t0) * 1000 / REPS, c[1000]);
    return 0;
}
