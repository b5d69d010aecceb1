// Warp collectives inside switch cases: a switch on the warp's index (the same for a warp's lanes, not for
// the block) choosing a sum, a maximum or a ballot, with a fall-through and a default; and a switch on a
// block-uniform value holding a shuffle of the lower half-warp under `if (lane < 16)`. opencl refused
// these (TR0503: its collectives go through work-group barriers, and switches were never if-converted).
// Each thread's result is checked against the host.
#include <cstdio>

#define THREADS 256

__device__ int warpSum(int v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffff, v, o);
  return v;
}

__device__ int warpMax(int v) {
  for (int o = 16; o > 0; o >>= 1) v = max(v, __shfl_xor_sync(0xffffffff, v, o));
  return v;
}

__global__ void byWarp(const int *in, int *out, int mode) {
  int t = threadIdx.x, lane = t % 32, warp = t / 32;
  int v = in[t];
  int r = -1;
  switch ((warp + mode) % 4) {
    case 0:
      r = warpSum(v);
      break;
    case 1:
      v += 1000;  // falls through to the maximum
    case 2:
      r = warpMax(v);
      break;
    default:
      r = __popc(__ballot_sync(0xffffffff, v % 3 == 0)) + lane;
  }
  switch (mode) {
    case 1:
      if (lane < 16) r += __shfl_down_sync(0x0000ffff, v, 1, 16);
      break;
    default:
      r -= 1;
  }
  out[t] = r;
}

int main() {
  int *in, *out;
  cudaMallocManaged(&in, THREADS * sizeof(int));
  cudaMallocManaged(&out, 2 * THREADS * sizeof(int));
  for (int i = 0; i < THREADS; i++) in[i] = (i * 7919 + 13) % 211;
  byWarp<<<1, THREADS>>>(in, out, 0);
  byWarp<<<1, THREADS>>>(in, out + THREADS, 1);
  cudaDeviceSynchronize();
  int bad = 0;
  long sum = 0;
  for (int mode = 0; mode < 2; mode++)
    for (int t = 0; t < THREADS; t++) {
      int lane = t % 32, warp = t / 32, w = warp * 32;
      int kind = (warp + mode) % 4, r;
      if (kind == 0) {
        r = 0;
        for (int l = 0; l < 32; l++) r += in[w + l];
      } else if (kind == 1 || kind == 2) {
        r = -(1 << 30);
        for (int l = 0; l < 32; l++) r = max(r, in[w + l] + (kind == 1 ? 1000 : 0));
      } else {
        r = lane;
        for (int l = 0; l < 32; l++) r += in[w + l] % 3 == 0;
      }
      if (mode == 1) {
        if (lane < 16) {
          int src = lane % 16 + 1 < 16 ? t + 1 : t;  // width 16: the last lane of the half keeps its own
          r += in[src] + (kind == 1 ? 1000 : 0);
        }
      } else {
        r -= 1;
      }
      if (out[mode * THREADS + t] != r) {
        if (bad < 4) printf("mode %d thread %d: %d, expected %d\n", mode, t, out[mode * THREADS + t], r);
        bad++;
      }
      sum += out[mode * THREADS + t];
    }
  printf("sum %ld, %d wrong\n", sum, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
