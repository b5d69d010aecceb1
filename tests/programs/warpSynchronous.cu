// Legacy warp-synchronous code: warp scans and reductions through volatile shared memory without
// __syncwarp(), relying on a warp's lanes running in lockstep (HeCBench split's scanwarp, the classic
// warpReduce of CUDA's reduction sample). Every result is checked against the host.
#include <cstdio>
#define WARP_SIZE 32

__device__ unsigned int scanwarp(unsigned int val, volatile unsigned int *sData, const int maxlevel) {
  int localId = threadIdx.x;
  int idx = 2 * localId - (localId & (WARP_SIZE - 1));
  sData[idx] = 0;
  idx += WARP_SIZE;
  sData[idx] = val;
  if (0 <= maxlevel) { sData[idx] += sData[idx - 1]; }
  if (1 <= maxlevel) { sData[idx] += sData[idx - 2]; }
  if (2 <= maxlevel) { sData[idx] += sData[idx - 4]; }
  if (3 <= maxlevel) { sData[idx] += sData[idx - 8]; }
  if (4 <= maxlevel) { sData[idx] += sData[idx - 16]; }
  return sData[idx] - val; // exclusive scan
}

__global__ void warpScan(const unsigned int *in, unsigned int *out) {
  __shared__ unsigned int sData[2 * 128];
  unsigned int v = in[blockIdx.x * blockDim.x + threadIdx.x];
  out[blockIdx.x * blockDim.x + threadIdx.x] = scanwarp(v, sData, 4);
}

__device__ void warpReduce(volatile int *s, int tid) {
  s[tid] += s[tid + 32];
  s[tid] += s[tid + 16];
  s[tid] += s[tid + 8];
  s[tid] += s[tid + 4];
  s[tid] += s[tid + 2];
  s[tid] += s[tid + 1];
}

// One warp per block: each lane adds two of the block's 64 values, then the warp reduces.
__global__ void blockSum(const int *in, int *out) {
  __shared__ int s[64];
  int tid = threadIdx.x;
  s[tid] = in[blockIdx.x * 64 + tid];
  s[tid + 32] = in[blockIdx.x * 64 + tid + 32];
  __syncthreads();
  warpReduce(s, tid);
  if (tid == 0) out[blockIdx.x] = s[0];
}

int main() {
  const int blocks = 3, threads = 128;
  unsigned int *in, *out;
  int *ints, *sums;
  cudaMallocManaged(&in, blocks * threads * sizeof(unsigned int));
  cudaMallocManaged(&out, blocks * threads * sizeof(unsigned int));
  cudaMallocManaged(&ints, blocks * threads * sizeof(int));
  cudaMallocManaged(&sums, blocks * threads / 64 * sizeof(int));
  for (int i = 0; i < blocks * threads; i++) { in[i] = (i * 7) % 5; ints[i] = (i * 13) % 11 - 3; }
  warpScan<<<blocks, threads>>>(in, out);
  blockSum<<<blocks * threads / 64, 32>>>(ints, sums);
  cudaDeviceSynchronize();
  int failures = 0;
  for (int w = 0; w < blocks * threads / 32; w++) {
    unsigned int run = 0;
    for (int l = 0; l < 32; l++) {
      int i = w * 32 + l;
      if (out[i] != run) { if (failures++ < 5) printf("scan[%d] = %u, expected %u\n", i, out[i], run); }
      run += in[i];
    }
  }
  for (int b = 0; b < blocks * threads / 64; b++) {
    int want = 0;
    for (int t = 0; t < 64; t++) want += ints[b * 64 + t];
    if (sums[b] != want) { failures++; printf("sum[%d] = %d, expected %d\n", b, sums[b], want); }
  }
  if (failures) { printf("FAILED\n"); return 1; }
  printf("PASSED\n");
  return 0;
}
