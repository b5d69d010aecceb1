/* bandwidth.c — bandwidth.cu's kernels (STREAM's copy, scale, add, triad on floats) as OpenMP loops, the
 * baseline the cpu device is compared with: same sizes, same passes, arrays first touched by the threads that
 * use them. Prints "NAME MILLISECONDS GBPS CHECK" lines. Usage: bandwidth-omp N */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define PASSES 10

/* Within STREAM's relative tolerance for floats: the values grow as 15^passes, and a contracted a = b + s * c
 * (one rounding) may differ from two roundings in the last place. */
static int agrees(float x, float expected) { float d = x - expected; return (d < 0 ? -d : d) <= 1e-6f * expected; }

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1L << 26;
    float *a = malloc(n * sizeof(float)), *b = malloc(n * sizeof(float)), *c = malloc(n * sizeof(float));
    if (!a || !b || !c) { printf("cannot allocate 3 x %ld floats\n", n); return 1; }
#pragma omp parallel for
    for (long i = 0; i < n; ++i) { a[i] = 1.0f; b[i] = 2.0f; c[i] = 0.0f; }
    const float s = 3.0f;
    double t[4] = {1e30, 1e30, 1e30, 1e30};
    for (int p = 0; p < PASSES; ++p) {
        double t0 = omp_get_wtime();
#pragma omp parallel for
        for (long i = 0; i < n; ++i) c[i] = a[i];
        double t1 = omp_get_wtime();
#pragma omp parallel for
        for (long i = 0; i < n; ++i) b[i] = s * c[i];
        double t2 = omp_get_wtime();
#pragma omp parallel for
        for (long i = 0; i < n; ++i) c[i] = a[i] + b[i];
        double t3 = omp_get_wtime();
#pragma omp parallel for
        for (long i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
        double t4 = omp_get_wtime();
        double d[4] = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
        for (int k = 0; k < 4; ++k) if (d[k] < t[k]) t[k] = d[k];
    }
    float ea = 1.0f, eb = 2.0f, ec = 0.0f;
    for (int p = 0; p < PASSES; ++p) { ec = ea; eb = s * ec; ec = ea + eb; ea = eb + s * ec; }
    const char *check = agrees(a[n / 2], ea) && agrees(b[n / 2], eb) && agrees(c[n / 2], ec) ? "ok" : "WRONG";
    const char *names[4] = {"copy", "scale", "add", "triad"};
    const double bytes[4] = {8.0 * n, 8.0 * n, 12.0 * n, 12.0 * n};
    for (int k = 0; k < 4; ++k) printf("%s %.3f %.2f %s\n", names[k], t[k] * 1000.0, bytes[k] / t[k] / 1e9, check);
    return 0;
}
