// Loops without barriers, which the cpu device runs in lockstep across a block's threads (one round of the
// loop for every thread, then the next round) instead of each thread's whole loop before the next thread's:
// grid- and block-stride loops (their counter read as the thread's start plus a block-wide offset), counters
// used after the loop, loops every thread leaves at its own round (condition, break, return), continue,
// nested loops, do-while, a counter that wraps, and a variable counted per thread inside a loop whose
// condition threads disagree on (it must not become one value for the block); two nested grid-stride loops
// starting at the same local, the outer counter read again after the inner loop (cpu read it wrong once). Blocks of 1, 32, 100 and 256
// threads and 16×8, so rounds end part-way through a block.
#include <cstdio>

#define N 3001

__global__ void gridStride(int n, const float *x, float *y)
{
  int tid = threadIdx.x;
  int start = blockIdx.x * blockDim.x + tid;
  for (int i = start; i < n; i += blockDim.x * gridDim.x)
    y[i] = 2.0f * x[i] + y[i];
}

__global__ void blockStride(int n, const int *x, long long *sums, int *rounds, int *last)
{
  long long s = 0;
  int count = 0;
  for (size_t k = threadIdx.x; k < (size_t)n; k += blockDim.x) {
    s += x[k + (size_t)blockIdx.x * n];
    count = count + 1;  // how many rounds this thread ran: differs between threads
  }
  int i;
  for (i = threadIdx.x; i < n; i += blockDim.x) {}
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  sums[t] = s;
  rounds[t] = count;
  last[t] = i;  // the counter after its loop
}

// Per-thread trip counts with break, continue and return; code after the loop runs for threads still there.
__global__ void collatz(int n, const int *start, int *steps, int *odd, int *after)
{
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= n) return;
  int v = start[t], s = 0, o = 0;
  while (v != 1) {
    s++;
    if (s > 500) break;
    if (v % 2 == 0) { v /= 2; continue; }
    o++;
    if (v == 27) return;  // steps[t] and after[t] stay as they were
    v = 3 * v + 1;
  }
  steps[t] = s;
  odd[t] = o;
  after[t] = t * 3;
}

__global__ void nested(int n, int reps, const int *x, int *out)
{
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    int acc = 0;
    for (int r = 0; r < reps; r++)       // the same count for every thread
      acc += x[i] * r;
    for (int k = 0; k < i % 7; k++)      // a count of its own
      acc += k;
    int j = i;
    do { acc ^= j; j >>= 1; } while (j > 0);
    out[i] = acc;
  }
}

__global__ void wrapping(unsigned int *out)
{
  unsigned int sum = 0;
  for (unsigned int u = 0xFFFFFFF0u + threadIdx.x; u != 0x10u + threadIdx.x; u += 1u)
    sum += u & 0xFFu;
  out[blockIdx.x * blockDim.x + threadIdx.x] = sum;
}

__global__ void underConditions(int mode, int n, int *out)
{
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (mode == 1) {                        // every thread agrees
    for (int i = threadIdx.x; i < n; i += blockDim.x) atomicAdd(&out[i % 64], 1);
  }
  if (t % 3 == 0) {                       // threads disagree
    for (int i = 0; i < t % 5; i++) atomicAdd(&out[64 + i], 1);
  }
}

__global__ void tile2d(int w, int h, int *img)
{
  for (int y = threadIdx.y; y < h; y += blockDim.y)
    for (int x = threadIdx.x; x < w; x += blockDim.x)
      img[blockIdx.x * w * h + y * w + x] += y * 1000 + x;
}

__global__ void sharedStart(int w, int h, int *img)
{
  int tid = threadIdx.x;
  int gid = blockIdx.x * blockDim.x + tid;
  for (int y = gid; y < h; y += blockDim.x * gridDim.x) {
    for (int x = gid; x < w; x += blockDim.x * gridDim.x) img[y * w + x] += 1;
    atomicAdd(&img[y * w], 1000);
  }
}

static int failures = 0;
static void expect(bool ok, const char *what, int at)
{
  if (!ok && failures++ < 10) printf("mismatch in %s at %d\n", what, at);
}

static int collatzSteps(int v, int *odd, int *returned)
{
  int s = 0, o = 0;
  *returned = 0;
  while (v != 1) {
    s++;
    if (s > 500) break;
    if (v % 2 == 0) { v /= 2; continue; }
    o++;
    if (v == 27) { *returned = 1; break; }
    v = 3 * v + 1;
  }
  *odd = o;
  return s;
}

int main()
{
  const int shapes[4] = {1, 32, 100, 256};
  float *x, *y;
  int *xi, *steps, *odd, *after, *out, *rounds, *last, *img;
  long long *sums;
  unsigned int *wrapped;
  cudaMallocManaged(&x, N * sizeof(float));
  cudaMallocManaged(&y, N * sizeof(float));
  cudaMallocManaged(&xi, 4 * N * sizeof(int));
  cudaMallocManaged(&steps, N * sizeof(int));
  cudaMallocManaged(&odd, N * sizeof(int));
  cudaMallocManaged(&after, N * sizeof(int));
  cudaMallocManaged(&out, N * sizeof(int));
  cudaMallocManaged(&rounds, 4 * 256 * sizeof(int));
  cudaMallocManaged(&last, 4 * 256 * sizeof(int));
  cudaMallocManaged(&sums, 4 * 256 * sizeof(long long));
  cudaMallocManaged(&wrapped, 4 * 256 * sizeof(unsigned int));
  cudaMallocManaged(&img, 3 * 37 * 21 * sizeof(int));
  for (int si = 0; si < 4; si++) {
    int b = shapes[si];
    for (int i = 0; i < N; i++) { x[i] = (float)(i % 17); y[i] = (float)i; }
    gridStride<<<3, b>>>(N, x, y);
    cudaDeviceSynchronize();
    for (int i = 0; i < N; i++) expect(y[i] == 2.0f * (float)(i % 17) + (float)i, "gridStride", i);

    for (int i = 0; i < 4 * N; i++) xi[i] = (i * 7919) % 1000 - 500;
    blockStride<<<4, b>>>(N, xi, sums, rounds, last);
    cudaDeviceSynchronize();
    for (int blk = 0; blk < 4; blk++)
      for (int t = 0; t < b; t++) {
        long long s = 0;
        int count = 0, i;
        for (i = t; i < N; i += b) { s += xi[i + blk * N]; count++; }
        expect(sums[blk * b + t] == s, "blockStride sum", blk * b + t);
        expect(rounds[blk * b + t] == count, "blockStride rounds", blk * b + t);
        expect(last[blk * b + t] == i, "blockStride counter after the loop", blk * b + t);
      }

    for (int i = 0; i < N; i++) { xi[i] = 1 + (i * 37) % 200; steps[i] = -1; odd[i] = -1; after[i] = -1; }
    collatz<<<(N + b - 1) / b, b>>>(N, xi, steps, odd, after);
    cudaDeviceSynchronize();
    for (int i = 0; i < N; i++) {
      int o, returned, s = collatzSteps(xi[i], &o, &returned);
      expect(steps[i] == (returned ? -1 : s), "collatz steps", i);
      expect(odd[i] == (returned ? -1 : o), "collatz odd steps", i);
      expect(after[i] == (returned ? -1 : i * 3), "collatz after the loop", i);
    }

    for (int i = 0; i < N; i++) xi[i] = i % 11;
    nested<<<2, b>>>(N, 5, xi, out);
    cudaDeviceSynchronize();
    for (int i = 0; i < N; i++) {
      int acc = 0;
      for (int r = 0; r < 5; r++) acc += xi[i] * r;
      for (int k = 0; k < i % 7; k++) acc += k;
      int j = i;
      do { acc ^= j; j >>= 1; } while (j > 0);
      expect(out[i] == acc, "nested", i);
    }

    wrapping<<<2, b>>>(wrapped);
    cudaDeviceSynchronize();
    for (int t = 0; t < 2 * b; t++) {
      unsigned int sum = 0, tid = (unsigned)(t % b);
      for (unsigned int u = 0xFFFFFFF0u + tid; u != 0x10u + tid; u += 1u) sum += u & 0xFFu;
      expect(wrapped[t] == sum, "wrapping counter", t);
    }

    for (int i = 0; i < 80; i++) out[i] = 0;
    underConditions<<<3, b>>>(1, 500, out);
    cudaDeviceSynchronize();
    int expected[80] = {0};
    for (int blk = 0; blk < 3; blk++)
      for (int tt = 0; tt < b; tt++) {
        int t = blk * b + tt;
        for (int i = tt; i < 500; i += b) expected[i % 64]++;
        if (t % 3 == 0) for (int i = 0; i < t % 5; i++) expected[64 + i]++;
      }
    for (int i = 0; i < 80; i++) expect(out[i] == expected[i], "underConditions", i);
  }

  {
    const int w = 300, h = 200, threads = 2 * 32;
    int *grid;
    cudaMallocManaged(&grid, w * h * sizeof(int));
    for (int i = 0; i < w * h; i++) grid[i] = 0;
    sharedStart<<<2, 32>>>(w, h, grid);
    cudaDeviceSynchronize();
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++) {
        int want = (x % threads == y % threads && x >= y % threads ? 1 : 0) + (x == 0 ? 1000 : 0);
        expect(grid[y * w + x] == want, "sharedStart", y * w + x);
      }
    cudaFree(grid);
  }

  for (int i = 0; i < 3 * 37 * 21; i++) img[i] = i;
  tile2d<<<3, dim3(16, 8)>>>(37, 21, img);
  cudaDeviceSynchronize();
  for (int i = 0; i < 3 * 37 * 21; i++) {
    int within = i % (37 * 21);
    expect(img[i] == i + (within / 37) * 1000 + within % 37, "tile2d", i);
  }

  if (failures) { printf("FAILED (%d mismatches)\n", failures); return 1; }
  printf("PASSED\n");
  return 0;
}
