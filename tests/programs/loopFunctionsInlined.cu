// Device functions holding loops, called from kernels: the cpu device inlines them so their loops run in
// lockstep across the block's threads (HeCBench bezier-surface's BezierBlend ran once per thread in a call).
// Each shape the inliner must handle or leave alone: arguments every thread shares and per-thread ones, a
// return from inside a loop, reference and pointer parameters written in a loop, a local array, a callee
// with loops calling another, calls under && and in a loop's condition (these stay calls), a return inside a
// switch (stays a call), a __host__ __device__ function the host reference uses too. Every result is checked
// against the host. (Recursion stays a call too, but OpenCL has none: tests/Translate.Tests/Cpu/InlinerTests.)
#include <cstdio>
#include <cstdlib>
#include <cmath>

// bezier-surface's blend: a loop whose trip count every thread shares, then pow of a per-thread value.
__host__ __device__ float blend(int k, float mu, int n) {
  int nn = n, kn = k, nkn = n - k;
  float b = 1;
  while (nn >= 1) {
    b *= nn;
    nn--;
    if (kn > 1) { b /= (float)kn; kn--; }
    if (nkn > 1) { b /= (float)nkn; nkn--; }
  }
  if (k > 0) b *= powf(mu, (float)k);
  if (n - k > 0) b *= powf(1 - mu, (float)(n - k));
  return b;
}

// A return from inside a loop whose trip count depends on the thread.
__device__ int firstAbove(const int *a, int n, int start, int limit) {
  for (int i = start; i < n; i++) {
    if (a[i] > limit) return i;
    if (a[i] == 0) break;
  }
  return -1;
}

// Reference and pointer parameters written in a loop, with continue.
__device__ void sumAndCount(const int *a, int from, int to, int &sum, int *count) {
  for (int i = from; i < to; i++) {
    if (a[i] % 2) continue;
    sum += a[i];
    (*count)++;
  }
}

// A local array filled and read in loops.
__device__ int digitsReversed(int v) {
  int d[10];
  int n = 0;
  do { d[n++] = v % 10; v /= 10; } while (v > 0);
  int r = 0;
  for (int i = 0; i < n; i++) r = r * 10 + d[i];
  return r;
}

// A callee with a loop calling another.
__device__ int steps(int x) {
  int s = 0;
  while (x != 1 && s < 200) { x = (x % 2) ? 3 * x + 1 : x / 2; s++; }
  return s;
}
__device__ int mostSteps(int from, int count) {
  int best = 0;
  for (int i = 0; i < count; i++) {
    int s = steps(from + i);
    if (s > best) best = s;
  }
  return best;
}

// Two loops, the second's trip count left by the first.
__device__ int digitSum(int v) {
  int s = 0;
  while (v >= 100) { s += v % 10; v /= 10; }
  for (; v > 0; v /= 10) s += v % 10;
  return s;
}

// A return inside a switch inside a loop: calls of it stay calls.
__device__ int classify(const int *a, int n) {
  for (int i = 0; i < n; i++) {
    switch (a[i] % 4) {
      case 0: return i;
      case 3: if (a[i] > 50) return -i; break;
      default: break;
    }
  }
  return n;
}

__global__ void kernels(const int *a, int n, const float *mu, float *fout, int *iout) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= n) return;
  float f = 0;
  for (int k = 0; k <= 3; k++) f += blend(k, mu[t], 3) * blend(k, 0.25f, 3);
  fout[t] = f;
  int sum = 0, count = 0;
  sumAndCount(a, t, t + (t % 17), sum, &count);
  int r = firstAbove(a, n, t, 90) + digitsReversed(a[t] * 37 + t) + mostSteps(t + 1, t % 9);
  if (t % 3 == 0 && steps(t + 1) > 20) r += 1000;
  int x = t;
  while (steps(x + 1) < 10 && x < t + 50) x++;
  iout[t] = r + sum * 3 + count + digitSum(a[t] * 1001 + t) + classify(a + t, n - t > 8 ? 8 : n - t) + (x - t) * 7;
}

int firstAboveHost(const int *a, int n, int start, int limit) {
  for (int i = start; i < n; i++) {
    if (a[i] > limit) return i;
    if (a[i] == 0) break;
  }
  return -1;
}

int digitsReversedHost(int v) {
  int r = 0;
  do { r = r * 10 + v % 10; v /= 10; } while (v > 0);
  return r;
}

int stepsHost(int x) {
  int s = 0;
  while (x != 1 && s < 200) { x = (x % 2) ? 3 * x + 1 : x / 2; s++; }
  return s;
}

int digitSumHost(int v) {
  int s = 0;
  while (v > 0) { s += v % 10; v /= 10; }
  return s;
}

int classifyHost(const int *a, int n) {
  for (int i = 0; i < n; i++) {
    if (a[i] % 4 == 0) return i;
    if (a[i] % 4 == 3 && a[i] > 50) return -i;
  }
  return n;
}

int expected(const int *a, int n, int t) {
  int sum = 0, count = 0;
  for (int i = t; i < t + (t % 17); i++) if (a[i] % 2 == 0) { sum += a[i]; count++; }
  int most = 0;
  for (int i = 0; i < t % 9; i++) if (stepsHost(t + 1 + i) > most) most = stepsHost(t + 1 + i);
  int r = firstAboveHost(a, n, t, 90) + digitsReversedHost(a[t] * 37 + t) + most;
  if (t % 3 == 0 && stepsHost(t + 1) > 20) r += 1000;
  int x = t;
  while (stepsHost(x + 1) < 10 && x < t + 50) x++;
  return r + sum * 3 + count + digitSumHost(a[t] * 1001 + t) + classifyHost(a + t, n - t > 8 ? 8 : n - t) + (x - t) * 7;
}

int main() {
  const int N = 1000;
  int *a = (int *)malloc((N + 20) * sizeof(int));
  float *mu = (float *)malloc(N * sizeof(float));
  float *fout = (float *)malloc(N * sizeof(float));
  int *iout = (int *)malloc(N * sizeof(int));
  srand(11);
  for (int i = 0; i < N + 20; i++) a[i] = 1 + rand() % 100;
  a[500] = 0;
  for (int i = 0; i < N; i++) mu[i] = i / (float)(N - 1);
  int *da, *di;
  float *dmu, *df;
  cudaMalloc((void **)&da, (N + 20) * sizeof(int));
  cudaMalloc((void **)&dmu, N * sizeof(float));
  cudaMalloc((void **)&df, N * sizeof(float));
  cudaMalloc((void **)&di, N * sizeof(int));
  cudaMemcpy(da, a, (N + 20) * sizeof(int), cudaMemcpyHostToDevice);
  cudaMemcpy(dmu, mu, N * sizeof(float), cudaMemcpyHostToDevice);
  int bad = 0;
  int blocks[3] = {32, 100, 256};
  for (int b = 0; b < 3; b++) {
    int bs = blocks[b];
    cudaMemset(di, 0, N * sizeof(int));
    kernels<<<(N + bs - 1) / bs, bs>>>(da, N, dmu, df, di);
    cudaMemcpy(fout, df, N * sizeof(float), cudaMemcpyDeviceToHost);
    cudaMemcpy(iout, di, N * sizeof(int), cudaMemcpyDeviceToHost);
    int wrong = 0;
    for (int t = 0; t < N; t++) {
      float f = 0;
      for (int k = 0; k <= 3; k++) f += blend(k, mu[t], 3) * blend(k, 0.25f, 3);
      if (fabsf(fout[t] - f) > 1e-5f * (1 + fabsf(f))) wrong++;
      if (iout[t] != expected(a, N, t)) wrong++;
    }
    printf("<<<%d, %d>>>: %d wrong\n", (N + bs - 1) / bs, bs, wrong);
    bad += wrong;
  }
  cudaFree(da); cudaFree(dmu); cudaFree(df); cudaFree(di);
  free(a); free(mu); free(fout); free(iout);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
