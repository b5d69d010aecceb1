// Loops every thread runs the same number of times, with a continue some threads take: what comes before
// the continue is reached by every thread in each iteration, so warp shuffles, a ballot and block barriers
// there are uniform (opencl refused them with TR0503/TR0504 as if the continue had left the loop; about
// one fuzz program in ten). Each thread's result is checked against the host.
#include <cstdio>

#define THREADS 128
#define ROUNDS 6

__device__ int scaled(int v, int r) { return v * (r + 1) - r; }

__global__ void warpSumsSkippingSome(const int *in, int *out, int rounds) {
  int t = threadIdx.x;
  int acc = 0;
  for (int r = 0; r < rounds; r++) {
    int v = in[r * THREADS + t];
    int s = __shfl_xor_sync(0xffffffff, scaled(v, r), 1);
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffff, s, o);
    s = __shfl_sync(0xffffffff, s, 0);
    unsigned odd = __ballot_sync(0xffffffff, v & 1);
    if ((v + r) % 3 == 0 && t != 200) continue;
    acc += s + __popc(odd);
  }
  out[t] = acc;
}

__global__ void neighboursSkippingSome(const int *in, int *out, int rounds) {
  __shared__ int sh[THREADS];
  int t = threadIdx.x;
  int acc = 0;
  int r = 0;
  do {
    sh[t] = in[r * THREADS + t];
    __syncthreads();
    int x = sh[(t + 1) % THREADS];
    __syncthreads();
    r++;
    if (x % 2 && t < 1000) continue;
    acc += x;
  } while (r < rounds);
  out[t] = acc;
}

int main() {
  int *in, *out;
  cudaMallocManaged(&in, ROUNDS * THREADS * sizeof(int));
  cudaMallocManaged(&out, 2 * THREADS * sizeof(int));
  for (int i = 0; i < ROUNDS * THREADS; i++) in[i] = (i * 7919) % 101;
  warpSumsSkippingSome<<<1, THREADS>>>(in, out, ROUNDS);
  neighboursSkippingSome<<<1, THREADS>>>(in, out + THREADS, ROUNDS);
  cudaDeviceSynchronize();
  int bad = 0;
  long sum = 0;
  for (int t = 0; t < THREADS; t++) {
    int acc = 0, acc2 = 0, w = t / 32 * 32;
    for (int r = 0; r < ROUNDS; r++) {
      const int *row = in + r * THREADS;
      int v = row[t];
      int s = 0;
      unsigned odd = 0;
      for (int l = 0; l < 32; l++) {
        s += row[w + (l ^ 1)] * (r + 1) - r;
        if (row[w + l] & 1) odd |= 1u << l;
      }
      if ((v + r) % 3 != 0) acc += s + __builtin_popcount(odd);
      int x = row[(t + 1) % THREADS];
      if (x % 2 == 0) acc2 += x;
    }
    if (out[t] != acc || out[THREADS + t] != acc2) {
      if (bad < 4) printf("thread %d: %d %d, expected %d %d\n", t, out[t], out[THREADS + t], acc, acc2);
      bad++;
    }
    sum += out[t] + out[THREADS + t];
  }
  printf("sum %ld, %d wrong\n", sum, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
