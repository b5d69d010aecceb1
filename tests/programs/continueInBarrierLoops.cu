// Loops with __syncthreads() whose iterations some or all threads leave early with `continue`: a
// variable every thread assigns the same value (hoisted to run once per block on cpu) must not change
// for threads that skipped the assignment. Fuzz seed 155: a uniform `if (c) continue;` ahead of
// `v += ...; __syncthreads();` still ran the hoisted `v += ...` on cpu (wrong checksum, no diagnostic);
// with a lane-dependent `continue` after the last barrier, every thread got the others' increments.
#include <cstdio>

__global__ void loops(float *vs, int *ws, int *sums, int skip) {
  __shared__ int s[128];
  float v = 12.5f;
  int acc = 0;
  for (int i = 0; i < 3; i++) {
    if (skip) continue;                 // the same for every thread
    v = v + rintf(3.75f + (float)skip); // uniform value, skipped by everyone
    s[threadIdx.x] = i + (int)threadIdx.x;
    __syncthreads();
    acc += s[(threadIdx.x + 1) % blockDim.x];
    __syncthreads();
  }
  int w = 0;
  for (int i = 0; i < 4; i++) {
    s[threadIdx.x] = i;
    __syncthreads();
    acc += s[blockDim.x - 1 - threadIdx.x];
    __syncthreads();
    if (threadIdx.x & 1) continue;      // odd threads leave each iteration here
    w = w + 1;                          // the same value where it runs
  }
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  vs[t] = v;
  ws[t] = w;
  sums[t] = acc;
}

int main() {
  const int blocks = 2, threads = 128, n = blocks * threads;
  float *dv;
  int *dw, *ds;
  cudaMalloc((void **)&dv, n * sizeof(float));
  cudaMalloc((void **)&dw, n * sizeof(int));
  cudaMalloc((void **)&ds, n * sizeof(int));
  float v[n];
  int w[n], sums[n];
  int bad = 0;
  for (int skip = 0; skip <= 1; skip++) {
    loops<<<blocks, threads>>>(dv, dw, ds, skip);
    cudaMemcpy(v, dv, sizeof v, cudaMemcpyDeviceToHost);
    cudaMemcpy(w, dw, sizeof w, cudaMemcpyDeviceToHost);
    cudaMemcpy(sums, ds, sizeof sums, cudaMemcpyDeviceToHost);
    for (int t = 0; t < n; t++) {
      int lane = t % threads;
      float ev = skip ? 12.5f : 12.5f + 3 * 4.0f;
      int ew = (lane & 1) ? 0 : 4;
      int es = 0;
      if (!skip)
        for (int i = 0; i < 3; i++) es += i + (lane + 1) % threads;
      es += 0 + 1 + 2 + 3;
      if (v[t] != ev || w[t] != ew || sums[t] != es) {
        if (bad < 4) printf("skip %d thread %d: v %.2f (%.2f) w %d (%d) sum %d (%d)\n", skip, t, v[t], ev, w[t], ew, sums[t], es);
        bad++;
      }
    }
    printf("skip %d: v %.2f w %d %d sum %d\n", skip, v[0], w[0], w[1], sums[0]);
  }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
