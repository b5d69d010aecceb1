// Phases of a kernel each run or skipped as a whole block, by flags the host passes: each writes shared memory,
// waits at a __syncthreads() inside its if and reads a neighbour's element. PoCL's work-group compiler replicates
// the code after each if holding a barrier, so its compile time doubled with each phase (eight: minutes, before
// the barriers came out of the ifs: the flat-barriers pass). Checked against the host.
#include <cstdio>

#define PHASES 8

__global__ void phases(const int *in, int *out, unsigned flags) {
  __shared__ int s[256];
  int tid = threadIdx.x, n = blockDim.x;
  int v = in[blockIdx.x * n + tid];
  for (int p = 0; p < PHASES; p++) {
    if ((flags >> p) & 1) {
      s[tid] = v * (p + 1);
      __syncthreads();
      v += s[(tid + p + 1) % n];
      __syncthreads();
    }
  }
  out[blockIdx.x * n + tid] = v;
}

// The same phases written out one after another, as unrolled code has them.
__global__ void unrolled(const int *in, int *out, unsigned flags) {
  __shared__ int s[256];
  int tid = threadIdx.x, n = blockDim.x;
  int v = in[blockIdx.x * n + tid];
#define PHASE(p) if ((flags >> p) & 1) { s[tid] = v * (p + 1); __syncthreads(); v += s[(tid + p + 1) % n]; __syncthreads(); }
  PHASE(0) PHASE(1) PHASE(2) PHASE(3) PHASE(4) PHASE(5) PHASE(6) PHASE(7)
  out[blockIdx.x * n + tid] = v;
}

int main() {
  const int blocks = 2, threads = 96;
  const unsigned flags = 0xb5;  // phases 0, 2, 4, 5 and 7
  int *in, *out, *again;
  cudaMallocManaged(&in, blocks * threads * sizeof(int));
  cudaMallocManaged(&out, blocks * threads * sizeof(int));
  cudaMallocManaged(&again, blocks * threads * sizeof(int));
  for (int i = 0; i < blocks * threads; i++) in[i] = (i * 7919) % 1000 - 300;
  phases<<<blocks, threads>>>(in, out, flags);
  unrolled<<<blocks, threads>>>(in, again, flags);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int b = 0; b < blocks; b++) {
    int v[threads], s[threads];
    for (int t = 0; t < threads; t++) v[t] = in[b * threads + t];
    for (int p = 0; p < PHASES; p++) {
      if (!((flags >> p) & 1)) continue;
      for (int t = 0; t < threads; t++) s[t] = v[t] * (p + 1);
      for (int t = 0; t < threads; t++) v[t] += s[(t + p + 1) % threads];
    }
    for (int t = 0; t < threads; t++) {
      int i = b * threads + t;
      if (out[i] != v[t] || again[i] != v[t]) {
        if (bad < 4) printf("block %d thread %d: %d and %d, expected %d\n", b, t, out[i], again[i], v[t]);
        bad++;
      }
    }
  }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
