/* launch.cu's loop bodies on the host, per "launch": an OpenMP parallel for over the blocks (the team forks and
   joins each time, as an OpenMP offload region on the host does) and the same loop run serially. Prints
   "NAME-omp MICROSECONDS" and "NAME-serial MICROSECONDS" lines (gcc -O3 -march=native -fopenmp). */
#include <omp.h>
#include <stdio.h>

static volatile float sink;

static void block(int threads)
{
    float s[256];
    for (int t = 0; t < threads; ++t) s[t] = (float)t;
    sink += s[threads - 1];
}

#define TIME(name, reps, body)                                                      \
    do {                                                                            \
        body;                                                                       \
        double t0 = omp_get_wtime();                                                \
        for (int r = 0; r < (reps); ++r) body;                                      \
        printf("%s %.3f\n", name, (omp_get_wtime() - t0) * 1e6 / (reps));           \
    } while (0)

int main(void)
{
    TIME("empty-1x1-omp", 200000, ({ _Pragma("omp parallel for") for (int b = 0; b < 1; ++b) sink = b; }));
    TIME("empty-1x1-serial", 200000, ({ for (int b = 0; b < 1; ++b) sink = b; }));
    TIME("barrier-1x256-omp", 200000, ({ _Pragma("omp parallel for") for (int b = 0; b < 1; ++b) block(256); }));
    TIME("barrier-1x256-serial", 200000, ({ for (int b = 0; b < 1; ++b) block(256); }));
    TIME("empty-1024x256-omp", 20000, ({ _Pragma("omp parallel for") for (int b = 0; b < 1024; ++b) sink = b; }));
    TIME("empty-1024x256-serial", 20000, ({ for (int b = 0; b < 1024; ++b) sink = b; }));
    return 0;
}
