// Variables every thread of a block agrees on, changed between warp shuffles: each warp must start
// from the block's value, and a change under a condition only some warps take stays theirs.
#include <cstdio>

// The shuffle distance is set before a barrier and halved between two shuffles.
__global__ void halvingOffsets(int *out, int offset) {
  int o = offset;
  __syncthreads();
  int v = threadIdx.x * 3 + blockIdx.x;
  v += __shfl_down_sync(0xffffffff, v, o);
  o = o / 2;
  v += __shfl_down_sync(0xffffffff, v, o);
  out[blockIdx.x * blockDim.x + threadIdx.x] = v * 100 + o;
}

// Only warp 0 changes its distance; the other warps keep theirs.
__global__ void firstWarpOnly(int *out) {
  int o = 16;
  __syncthreads();
  int v = threadIdx.x;
  int warp = threadIdx.x / 32;
  if (warp == 0) {
    o = 8;
    v += __shfl_xor_sync(0xffffffff, v, o);
  }
  out[blockIdx.x * blockDim.x + threadIdx.x] = v * 100 + o;
}

int main() {
  const int B = 128, G = 2, N = B * G;
  int h[N], *d;
  cudaMalloc((void **)&d, sizeof h);
  int bad = 0;

  halvingOffsets<<<G, B>>>(d, 16);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  for (int b = 0; b < G; b++)
    for (int w = 0; w < B / 32; w++) {
      int v[32], v2[32];
      for (int l = 0; l < 32; l++) v[l] = (w * 32 + l) * 3 + b;
      for (int l = 0; l < 32; l++) v2[l] = v[l] + (l + 16 < 32 ? v[l + 16] : v[l]);
      for (int l = 0; l < 32; l++) {
        int r = v2[l] + (l + 8 < 32 ? v2[l + 8] : v2[l]);
        if (h[b * B + w * 32 + l] != r * 100 + 8) bad++;
      }
    }
  printf("halvingOffsets: %d wrong, first %d last %d\n", bad, h[0], h[N - 1]);

  int before = bad;
  firstWarpOnly<<<G, B>>>(d);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  for (int i = 0; i < N; i++) {
    int t = i % B;
    int expect = t < 32 ? (t + (t ^ 8)) * 100 + 8 : t * 100 + 16;
    if (h[i] != expect) bad++;
  }
  printf("firstWarpOnly: %d wrong, first %d last %d\n", bad - before, h[0], h[N - 1]);

  cudaFree(d);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
