// Kernels whose body ends in `if (i < n) { … loop … }`: the cpu device rewrites that tail as `if (!(i < n)) return; …`
// (GuardedTails) so the loop runs in lockstep across the block, then counts once whether every thread still runs.
// Partial last blocks (n not a multiple of the block), an else arm, nested guards, a `for (…; k = j++)` step whose
// counters the block shares, a loop each thread leaves at its own round, a count kept per thread, an early return
// inside the guarded part, and a uniform loop after a divergent return.
#include <cstdio>

#define V 37

__global__ void crossings(int n, const float2 *pts, const float2 *poly, int *inside)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int c = 0;
    float2 p = pts[i];
    int k = V - 1;
    for (int j = 0; j < V; k = j++) {
      float2 a = poly[j], b = poly[k];
      float slope = (b.x - a.x) / (b.y - a.y);
      if (((a.y > p.y) != (b.y > p.y)) && (p.x < slope * (p.y - a.y) + a.x)) c = !c;
    }
    inside[i] = c;
  }
}

__global__ void withElse(int n, const int *x, int *y)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) {
    if (i < n + 5) y[i] = -7;  // the else arm runs where the loop does not
  } else {
    int s = 0;
    for (int r = 0; r < 40; r++) s += (x[i] + r) % 7;
    y[i] = s;
  }
}

__global__ void nested(int n, int m, const int *x, int *y)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int base = x[i];
    if (base % 3 != 0) {
      int t = base;
      for (int r = 0; r < m; r++) t = t * 3 % 1009 + r;
      y[i] = t;
    }
  }
}

__global__ void ownRounds(int n, const int *x, int *y, int *rounds)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = x[i], count = 0;
    while (v != 1 && count < 500) {  // each thread leaves at its own round
      v = (v & 1) ? 3 * v + 1 : v / 2;
      count = count + 1;
    }
    if (count == 0) return;          // a return inside the guarded part
    y[i] = v;
    rounds[i] = count;
  }
}

__global__ void afterReturn(int n, int iters, int *y)
{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int acc = i;
  for (int r = 0; r < iters; r++) acc = acc * 5 % 10007;  // uniform loop after a divergent return
  y[i] = acc;
}

static int collatz(int v, int *count)
{
  int c = 0;
  while (v != 1 && c < 500) { v = (v & 1) ? 3 * v + 1 : v / 2; c++; }
  *count = c;
  return v;
}

int main()
{
  const int n = 1000, block = 128, grid = (n + block - 1) / block, total = grid * block;
  float2 *pts, *poly;
  int *x, *y, *inside, *rounds;
  cudaMallocManaged(&pts, n * sizeof(float2));
  cudaMallocManaged(&poly, V * sizeof(float2));
  cudaMallocManaged(&x, total * sizeof(int));
  cudaMallocManaged(&y, total * sizeof(int));
  cudaMallocManaged(&inside, n * sizeof(int));
  cudaMallocManaged(&rounds, n * sizeof(int));
  for (int i = 0; i < n; i++) { pts[i].x = (i % 40) / 20.0f - 1.0f; pts[i].y = (i / 40) / 12.5f - 1.0f; x[i] = (i * 7919) % 1000 + 1; }
  for (int j = 0; j < V; j++) {
    float r = (j % 2) ? 0.9f : 0.45f, a = 6.2831853f * j / V;
    poly[j].x = r * cosf(a); poly[j].y = r * sinf(a);
  }
  int bad = 0;

  crossings<<<grid, block>>>(n, pts, poly, inside);
  cudaDeviceSynchronize();
  for (int i = 0; i < n; i++) {
    int c = 0;
    for (int j = 0, k = V - 1; j < V; k = j++) {
      float2 a = poly[j], b = poly[k], p = pts[i];
      float slope = (b.x - a.x) / (b.y - a.y);
      if (((a.y > p.y) != (b.y > p.y)) && (p.x < slope * (p.y - a.y) + a.x)) c = !c;
    }
    if (inside[i] != c) bad++;
  }
  int in = 0;
  for (int i = 0; i < n; i++) in += inside[i];
  printf("crossings: %d inside\n", in);

  for (int i = 0; i < total; i++) y[i] = 0;
  withElse<<<grid, block>>>(n, x, y);
  cudaDeviceSynchronize();
  for (int i = 0; i < total; i++) {
    int want = 0;
    if (i >= n) want = i < n + 5 ? -7 : 0;
    else for (int r = 0; r < 40; r++) want += (x[i] + r) % 7;
    if (y[i] != want) bad++;
  }

  for (int i = 0; i < total; i++) y[i] = -1;
  nested<<<grid, block>>>(n, 25, x, y);
  cudaDeviceSynchronize();
  for (int i = 0; i < total; i++) {
    int want = -1;
    if (i < n && x[i] % 3 != 0) { want = x[i]; for (int r = 0; r < 25; r++) want = want * 3 % 1009 + r; }
    if (y[i] != want) bad++;
  }

  for (int i = 0; i < n; i++) { y[i] = -1; rounds[i] = -1; }
  ownRounds<<<grid, block>>>(n, x, y, rounds);
  cudaDeviceSynchronize();
  long long sumRounds = 0;
  for (int i = 0; i < n; i++) {
    int c, v = collatz(x[i], &c);
    int wantY = c == 0 ? -1 : v, wantR = c == 0 ? -1 : c;
    if (y[i] != wantY || rounds[i] != wantR) bad++;
    if (rounds[i] > 0) sumRounds += rounds[i];
  }
  printf("ownRounds: %lld rounds\n", sumRounds);

  for (int i = 0; i < total; i++) y[i] = -1;
  afterReturn<<<grid, block>>>(n, 33, y);
  cudaDeviceSynchronize();
  for (int i = 0; i < total; i++) {
    int want = -1;
    if (i < n) { want = i; for (int r = 0; r < 33; r++) want = want * 5 % 10007; }
    if (y[i] != want) bad++;
  }

  printf("%d mismatches\n", bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad ? 1 : 0;
}
