// Warp collectives under a condition that is the same across each warp but not across the block:
// the second stage of a block reduction (if (warpId == 0) v = warpReduce(v);), a vote and a shuffle
// in both arms of an if/else, and a nested condition. opencl used to refuse these (TR0503).
#include <cstdio>

__device__ float warpReduce(float v) {
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffff, v, offset);
  return v;
}

__global__ void blockSum(const float *in, float *out, int n) {
  __shared__ float partial[32];
  int tid = threadIdx.x;
  int i = blockIdx.x * blockDim.x + tid;
  float v = i < n ? in[i] : 0.0f;
  int lane = tid % 32, warpId = tid / 32;
  v = warpReduce(v);
  if (lane == 0) partial[warpId] = v;
  __syncthreads();
  v = tid < blockDim.x / 32 ? partial[lane] : 0.0f;
  if (warpId == 0) v = warpReduce(v);
  if (tid == 0) out[blockIdx.x] = v;
}

// Even warps count their positive values with a ballot, odd warps take their neighbour's value;
// inside warp 0, a nested condition adds one more shuffle.
__global__ void warpRoles(const int *in, int *out) {
  int tid = threadIdx.x;
  int lane = tid % 32, warpId = tid / 32;
  int v = in[blockIdx.x * blockDim.x + tid];
  int r;
  if (warpId % 2 == 0) {
    unsigned yes = __ballot_sync(0xffffffff, v > 0);
    r = __popc(yes);
    if (warpId == 0) r += __shfl_sync(0xffffffff, v, 5);
  } else {
    r = __shfl_xor_sync(0xffffffff, v, 1) * 10;
  }
  out[blockIdx.x * blockDim.x + tid] = r + lane;
}

int main() {
  const int N = 1000, B = 256, G = (N + B - 1) / B;
  float h[N], sums[G];
  for (int i = 0; i < N; i++) h[i] = (float)(i % 13) - 4.0f;
  float *d, *o;
  cudaMalloc((void **)&d, sizeof h);
  cudaMalloc((void **)&o, sizeof sums);
  cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
  blockSum<<<G, B>>>(d, o, N);
  cudaMemcpy(sums, o, sizeof sums, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int b = 0; b < G; b++) {
    float s = 0.0f;
    for (int i = b * B; i < b * B + B && i < N; i++) s += h[i];
    printf("block %d sum %g (host %g)\n", b, sums[b], s);
    if (sums[b] != s) bad++;
  }

  const int M = 512;
  int x[M], y[M];
  for (int i = 0; i < M; i++) x[i] = (i * 7) % 11 - 5;
  int *dx, *dy;
  cudaMalloc((void **)&dx, sizeof x);
  cudaMalloc((void **)&dy, sizeof y);
  cudaMemcpy(dx, x, sizeof x, cudaMemcpyHostToDevice);
  warpRoles<<<M / 128, 128>>>(dx, dy);
  cudaMemcpy(y, dy, sizeof y, cudaMemcpyDeviceToHost);
  int wrong = 0;
  for (int i = 0; i < M; i++) {
    int t = i % 128, lane = t % 32, warpId = t / 32, base = i - lane, r;
    if (warpId % 2 == 0) {
      r = 0;
      for (int l = 0; l < 32; l++) r += x[base + l] > 0;
      if (warpId == 0) r += x[base + 5];
    } else {
      r = x[base + (lane ^ 1)] * 10;
    }
    if (y[i] != r + lane) wrong++;
  }
  printf("warpRoles: %d wrong\n", wrong);
  bad += wrong;
  cudaFree(d); cudaFree(o); cudaFree(dx); cudaFree(dy);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
