/* stream.c — this machine's memory bandwidth as STREAM's triad measures it: a[i] = b[i] + s * c[i]
 * over three arrays of doubles, together at least twice the last-level cache (STREAM asks for 4
 * times per array; measured here, 384 MiB and 6 GiB in all gave the same figure within noise, and
 * the larger run takes 35 s) and at least 2^24 elements each, all cores through OpenMP, best of 10 passes after the arrays are touched by
 * the same threads. Bytes counted as STREAM does: 24 per element (two reads and a write; the
 * write-allocate read is not counted). Prints "triad GBPS ARRAY_MIB LLC_MIB". With an argument N: N doubles per
 * array instead (run.sh measures it at the size of its bandwidth kernels too, since this VM's figure moves with
 * the size and over minutes).
 * Written for this benchmark; the method is McCalpin's STREAM. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PASSES 10

int main(int argc, char **argv)
{
    long llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
    if (llc <= 0) llc = sysconf(_SC_LEVEL2_CACHE_SIZE);
    long N = 1L << 24;
    while (3 * N * (long)sizeof(double) < 2 * llc) N *= 2;
    if (argc > 1) N = atol(argv[1]);
    double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double)), *c = malloc(N * sizeof(double));
    if (!a || !b || !c) return 1;
#pragma omp parallel for
    for (long i = 0; i < N; ++i) { a[i] = 0.0; b[i] = 1.0; c[i] = 2.0; }
    const double s = 3.0;
    double best = 1e30;
    for (int p = 0; p < PASSES; ++p) {
        double t0 = omp_get_wtime();
#pragma omp parallel for
        for (long i = 0; i < N; ++i) a[i] = b[i] + s * c[i];
        double t = omp_get_wtime() - t0;
        if (t < best) best = t;
    }
    if (a[N / 2] != 7.0) return 1; /* the work was done */
    printf("triad %.2f %ld %ld\n", 24.0 * N / best / 1e9, N * (long)sizeof(double) >> 20, llc >> 20);
    return 0;
}
