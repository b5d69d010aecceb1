// A block-wide inclusive scan whose second stage runs only in some lanes of warp 0: each warp scans its
// values with full-mask shuffles, then the lanes of warp 0 that have a warp total (lane < number of warps)
// scan those totals with a mask and a width naming just them, under a condition the other lanes skip.
// cpu stopped here with TR0308 (lanes disagree on a condition guarding a warp operation).
#include <cstdio>

__global__ void blockScan(int *data, int *blockTotals) {
  __shared__ int totals[32];
  int tid = threadIdx.x, lane = tid % 32, warp = tid / 32, warps = blockDim.x / 32;
  int v = data[blockIdx.x * blockDim.x + tid];
  for (int d = 1; d < 32; d *= 2) {
    int other = __shfl_up_sync(0xffffffff, v, d, 32);
    if (lane >= d) v += other;
  }
  if (lane == 31) totals[warp] = v;
  __syncthreads();
  if (warp == 0 && lane < warps) {
    int t = totals[lane];
    unsigned mask = (1u << warps) - 1;
    for (int d = 1; d < warps; d *= 2) {
      int other = __shfl_up_sync(mask, t, d, warps);
      if (lane >= d) t += other;
    }
    totals[lane] = t;
  }
  __syncthreads();
  if (warp > 0) v += totals[warp - 1];
  data[blockIdx.x * blockDim.x + tid] = v;
  if (tid == blockDim.x - 1) blockTotals[blockIdx.x] = v;
}

// Lanes below a limit (a power of two) read neighbours among themselves; the others take no part.
__global__ void prefixOfFew(const int *in, int *out, int few) {
  int tid = threadIdx.x, lane = tid % 32;
  int v = in[blockIdx.x * blockDim.x + tid];
  int r = -1;
  if (lane < few) {
    unsigned mask = (1u << few) - 1;
    r = v + __shfl_down_sync(mask, v, 1, few) * 100;   // lane few-1 reads itself: the end of its segment
    r += __shfl_sync(mask, v, 0) * 10000;
  }
  out[blockIdx.x * blockDim.x + tid] = r;
}

int check(const char *what, int got, int want) {
  if (got == want) return 0;
  printf("%s: %d, expected %d\n", what, got, want);
  return 1;
}

int main() {
  int bad = 0;
  const int sizes[2] = {256, 128};
  for (int s = 0; s < 2; s++) {
    const int B = sizes[s], G = 3, N = B * G;
    int h[768], r[768], totals[3];
    for (int i = 0; i < N; i++) h[i] = (i * 7) % 5 + 1;
    int *d, *t;
    cudaMalloc((void **)&d, sizeof(int) * N);
    cudaMalloc((void **)&t, sizeof totals);
    cudaMemcpy(d, h, sizeof(int) * N, cudaMemcpyHostToDevice);
    blockScan<<<G, B>>>(d, t);
    cudaMemcpy(r, d, sizeof(int) * N, cudaMemcpyDeviceToHost);
    cudaMemcpy(totals, t, sizeof totals, cudaMemcpyDeviceToHost);
    for (int b = 0; b < G; b++) {
      int sum = 0;
      for (int k = 0; k < B; k++) {
        sum += h[b * B + k];
        bad += check("scan", r[b * B + k], sum);
      }
      bad += check("block total", totals[b], sum);
      printf("block size %d, block %d: total %d\n", B, b, totals[b]);
    }
    cudaFree(d);
    cudaFree(t);
  }

  const int M = 96;
  int x[M], y[M];
  for (int i = 0; i < M; i++) x[i] = i % 37;
  int *dx, *dy;
  cudaMalloc((void **)&dx, sizeof x);
  cudaMalloc((void **)&dy, sizeof y);
  cudaMemcpy(dx, x, sizeof x, cudaMemcpyHostToDevice);
  prefixOfFew<<<1, M>>>(dx, dy, 4);
  cudaMemcpy(y, dy, sizeof y, cudaMemcpyDeviceToHost);
  for (int i = 0; i < M; i++) {
    int lane = i % 32, base = i - lane;
    int want = lane < 4 ? x[i] + x[lane < 3 ? i + 1 : i] * 100 + x[base] * 10000 : -1;
    bad += check("few lanes", y[i], want);
  }
  printf("few lanes: lane 3 of warp 2 gives %d, lane 4 %d\n", y[67], y[68]);
  printf(bad == 0 ? "PASSED\n" : "FAILED\n");
  return bad == 0 ? 0 : 1;
}
