// memset and memcpy in device code: a private array cleared, a shared tile filled from global memory,
// a private value copied out, single bytes set (HeCBench fsm clears its per-thread table with memset;
// opencl refused that with TR0504).
#include <cstdio>
#include <cstring>
__global__ void k(int *out, const int *in) {
  int local[40];
  memset(local, 0, sizeof(local));
  local[threadIdx.x % 40] = 7;
  __shared__ int tile[64];
  memcpy(tile + threadIdx.x, in + threadIdx.x, sizeof(int));
  __syncthreads();
  int s = 0;
  for (int i = 0; i < 40; i++) s += local[i];
  memcpy(out + threadIdx.x, &s, sizeof(int));
  out[64 + threadIdx.x] = tile[63 - threadIdx.x];
  memset(out + 128 + threadIdx.x, 0x01, 1);
}
int main() {
  int *out, *in; cudaMallocManaged(&out, 192 * 4); cudaMallocManaged(&in, 64 * 4);
  for (int i = 0; i < 64; i++) in[i] = i * 3;
  for (int i = 0; i < 192; i++) out[i] = -1;
  k<<<1, 64>>>(out, in); cudaDeviceSynchronize();
  int bad = 0;
  for (int t = 0; t < 64; t++) {
    if (out[t] != 7) bad++;
    if (out[64 + t] != (63 - t) * 3) bad++;
    if (out[128 + t] != (int)0xffffff01) { bad++; printf("%x\n", out[128 + t]); }
  }
  printf(bad ? "FAILED %d\n" : "PASSED\n", bad); return bad != 0;
}
