// Ifs and a switch on block-uniform conditions with a __syncthreads() in one arm only, and stores under
// per-thread conditions: an if/else with stores in both arms under a flag computed before, two ifs in a row
// (the first holding the barrier), a switch with a barrier in one case, in a kernel and in a device function
// kept as a function. On opencl PoCL 3.1 ran the barrier arm's store in threads its condition excluded (every
// thread wrote), or in none, and lost a default arm's store (3 wrong in the device function); now switches holding
// barriers are ifs and every arm of such an if reaches a barrier, and one follows it. Every arm is taken by some
// block; checked against the host.
#include <cstdio>

#define T 128

__global__ void arms(const float *in, long *out) {
  __shared__ float s[T];
  int t = threadIdx.x, b = blockIdx.x;
  bool keep = t % 5 == 0;
  s[t] = in[b * T + t];
  if (in[b * T] == 0.0f) {
    __syncthreads();
    if (keep) out[b * T + t] = 5 + (long)s[(t + 1) % T];
  } else {
    if (keep) out[b * T + t] = 7;
  }
  __syncthreads();
  if (in[b * T + 1] > 0.0f) {
    if (!keep) out[b * T + t] += 100;
  } else {
    __syncthreads();
    if (!keep) out[b * T + t] += 1000 + (long)s[(t + 3) % T];
  }
}

__device__ __noinline__ void inARowInAFunction(const int *mode, long *out, int t, int b) {
  int v = mode[b];
  if (v == 0) {
    __syncthreads();
    if (t < 1) out[b * T + t] = 5;
  }
  if (v == 1) out[b * T + 100] = 7;
  switch (v) {
    case 2:
      __syncthreads();
      if (t < 2) out[b * T + t] += 9;
      break;
    default:
      if (t == 3) out[b * T + t] += 11;
  }
}

__global__ void inARowThroughAFunction(const int *mode, long *out) { inARowInAFunction(mode, out, threadIdx.x, blockIdx.x); }

__global__ void inARow(const int *mode, long *out) {
  int t = threadIdx.x, b = blockIdx.x;
  int v = mode[b];
  if (v == 0) {
    __syncthreads();
    if (t < 1) out[b * T + t] = 5;
  }
  if (v == 1) out[b * T + 100] = 7;
  switch (v) {
    case 2:
      __syncthreads();
      if (t < 2) out[b * T + t] += 9;
      break;
    default:
      if (t == 3) out[b * T + t] += 11;
  }
}

int main() {
  const int blocks = 4;
  float *in;
  long *out;
  cudaMallocManaged(&in, blocks * T * sizeof(float));
  cudaMallocManaged(&out, blocks * T * sizeof(long));
  for (int i = 0; i < blocks * T; i++) {
    in[i] = (float)(i % 7);
    out[i] = 0;
  }
  in[0 * T] = 0.0f; in[0 * T + 1] = 1.0f;   // block 0: first arms with and without a barrier
  in[1 * T] = 2.0f; in[1 * T + 1] = -1.0f;  // block 1: the other ones
  in[2 * T] = 0.0f; in[2 * T + 1] = -1.0f;
  in[3 * T] = 3.0f; in[3 * T + 1] = 2.0f;
  arms<<<blocks, T>>>(in, out);
  int *mode;
  long *row;
  cudaMallocManaged(&mode, blocks * sizeof(int));
  cudaMallocManaged(&row, blocks * T * sizeof(long));
  for (int b = 0; b < blocks; b++) mode[b] = b;
  for (int i = 0; i < blocks * T; i++) row[i] = 0;
  inARow<<<blocks, T>>>(mode, row);
  long *viaFunction;
  cudaMallocManaged(&viaFunction, blocks * T * sizeof(long));
  for (int i = 0; i < blocks * T; i++) viaFunction[i] = 0;
  inARowThroughAFunction<<<blocks, T>>>(mode, viaFunction);
  cudaDeviceSynchronize();
  int bad = 0;
  long sum = 0;
  for (int b = 0; b < blocks; b++)
    for (int t = 0; t < T; t++) {
      const float *s = in + b * T;
      bool keep = t % 5 == 0;
      long want = 0;
      if (s[0] == 0.0f) { if (keep) want = 5 + (long)s[(t + 1) % T]; }
      else if (keep) want = 7;
      if (s[1] > 0.0f) { if (!keep) want += 100; }
      else if (!keep) want += 1000 + (long)s[(t + 3) % T];
      if (out[b * T + t] != want) {
        if (bad < 4) printf("block %d thread %d: %ld, expected %ld\n", b, t, out[b * T + t], want);
        bad++;
      }
      sum += out[b * T + t];
    }
  for (int b = 0; b < blocks; b++)
    for (int t = 0; t < T; t++) {
      long want = 0;
      if (b == 0 && t < 1) want = 5;
      if (b == 1 && t == 100) want = 7;
      if (b == 2 && t < 2) want += 9;
      if (b != 2 && t == 3) want += 11;
      if (row[b * T + t] != want) {
        if (bad < 8) printf("in a row: block %d thread %d: %ld, expected %ld\n", b, t, row[b * T + t], want);
        bad++;
      }
      if (viaFunction[b * T + t] != want) {
        if (bad < 12) printf("in a function: block %d thread %d: %ld, expected %ld\n", b, t, viaFunction[b * T + t], want);
        bad++;
      }
      sum += row[b * T + t] + 2 * viaFunction[b * T + t];
    }
  printf("sum %ld, %d wrong\n", sum, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
