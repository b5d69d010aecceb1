// Grid- and block-stride loops whose rounds the cpu device runs without testing each thread while every thread
// of the block goes on (one test of the last thread's counter, its counters in order): threads that returned
// before the loop, counters that wrap around (the last thread's below the first's), a `continue` in the body,
// a first round only part of the block runs, and such a loop inside a uniform loop and after another one, so
// rounds switch between all threads and some. Blocks of 1, 32, 100 and 256 threads.
#include <cstdio>

#define N 2500

__global__ void afterReturn(int n, int *y)
{
  if (threadIdx.x % 5 == 3) return;  // these threads' elements stay as they were
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) y[i] += 1;
}

// Starts near the top of unsigned int: threads from 128 on start past the wrap, below the first thread's start.
__global__ void wrappedStarts(unsigned int base, unsigned int limit, unsigned int step, int *rounds)
{
  int count = 0;
  for (unsigned int u = base + threadIdx.x; u < limit; u += step) count++;
  rounds[blockIdx.x * blockDim.x + threadIdx.x] = count;
}

__global__ void withContinue(int n, const int *x, long long *sums)
{
  long long s = 0;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    if (x[i] % 3 == 0) continue;
    s += x[i];
  }
  sums[blockIdx.x * blockDim.x + threadIdx.x] = s;
}

// The inner loop's bound changes with r: some rounds every thread runs, in others only part of the block.
__global__ void nestedBounds(int n, int *hits)
{
  for (int r = 0; r < 3; r++)
    for (int i = threadIdx.x; i < n - 17 * r; i += blockDim.x) atomicAdd(&hits[i], r + 1);
  for (int i = threadIdx.x; i < 40; i += blockDim.x) atomicAdd(&hits[N + i], 1);
}

static int failures = 0;
static void expect(bool ok, const char *what, int at)
{
  if (!ok && failures++ < 10) printf("mismatch in %s at %d\n", what, at);
}

int main()
{
  const int shapes[4] = {1, 32, 100, 256};
  int *y, *x, *rounds, *hits;
  long long *sums;
  cudaMallocManaged(&y, N * sizeof(int));
  cudaMallocManaged(&x, N * sizeof(int));
  cudaMallocManaged(&rounds, 3 * 256 * sizeof(int));
  cudaMallocManaged(&sums, 3 * 256 * sizeof(long long));
  cudaMallocManaged(&hits, (N + 40) * sizeof(int));
  for (int si = 0; si < 4; si++) {
    int b = shapes[si];

    for (int i = 0; i < N; i++) y[i] = i;
    afterReturn<<<3, b>>>(N, y);
    cudaDeviceSynchronize();
    for (int i = 0; i < N; i++) {
      int thread = (i % (3 * b)) % b;
      expect(y[i] == i + (thread % 5 == 3 ? 0 : 1), "afterReturn", i);
    }

    const unsigned int base = 0xFFFFFF80u, limit = 150000u, step = 100000u;
    wrappedStarts<<<3, b>>>(base, limit, step, rounds);
    cudaDeviceSynchronize();
    for (int t = 0; t < 3 * b; t++) {
      int count = 0;
      for (unsigned int u = base + (unsigned int)(t % b); u < limit; u += step) count++;
      expect(rounds[t] == count, "wrappedStarts", t);
    }

    for (int i = 0; i < N; i++) x[i] = (i * 7919) % 1000;
    withContinue<<<3, b>>>(N, x, sums);
    cudaDeviceSynchronize();
    for (int t = 0; t < 3 * b; t++) {
      long long s = 0;
      for (int i = t; i < N; i += 3 * b) if (x[i] % 3 != 0) s += x[i];
      expect(sums[t] == s, "withContinue", t);
    }

    for (int i = 0; i < N + 40; i++) hits[i] = 0;
    nestedBounds<<<2, b>>>(N, hits);
    cudaDeviceSynchronize();
    for (int i = 0; i < N; i++) {
      int want = 0;
      for (int r = 0; r < 3; r++) if (i < N - 17 * r) want += 2 * (r + 1);
      expect(hits[i] == want, "nestedBounds", i);
    }
    for (int i = 0; i < 40; i++) expect(hits[N + i] == 2, "nestedBounds (second loop)", i);
  }
  cudaFree(y);
  cudaFree(x);
  cudaFree(rounds);
  cudaFree(sums);
  cudaFree(hits);
  printf(failures == 0 ? "PASSED\n" : "FAILED\n");
  return failures == 0 ? 0 : 1;
}
