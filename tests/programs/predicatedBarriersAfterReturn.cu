// __syncthreads_count, _and and _or after some threads of the block returned: the threads that exited
// take no part (they neither hold the barrier up nor count). opencl refused these (TR0503); the returned
// work-items now reach each one with a predicate that counts for nothing. Checked against the host.
#include <cstdio>

#define THREADS 128

__global__ void survivors(const int *in, int *out, int n) {
  int t = threadIdx.x, i = blockIdx.x * blockDim.x + t;
  if (i >= n) return;
  int v = in[i];
  int evens = __syncthreads_count(v % 2 == 0);
  int anyBig = __syncthreads_or(v > 95);
  int allPositive = __syncthreads_and(v >= 0);
  int allSmall = __syncthreads_and(v < 50);
  out[i] = evens * 1000 + anyBig * 100 + allPositive * 10 + allSmall;
}

int main() {
  const int n = 3 * THREADS + 37;  // the last block has 37 threads that stay
  int *in, *out;
  cudaMallocManaged(&in, 4 * THREADS * sizeof(int));
  cudaMallocManaged(&out, 4 * THREADS * sizeof(int));
  for (int i = 0; i < 4 * THREADS; i++) {
    in[i] = (i * 37) % 97;
    out[i] = -1;
  }
  survivors<<<4, THREADS>>>(in, out, n);
  cudaDeviceSynchronize();
  int bad = 0;
  long sum = 0;
  for (int b = 0; b < 4; b++) {
    int evens = 0, anyBig = 0, allPositive = 1, allSmall = 1;
    for (int t = 0; t < THREADS && b * THREADS + t < n; t++) {
      int v = in[b * THREADS + t];
      evens += v % 2 == 0;
      anyBig |= v > 95;
      allPositive &= v >= 0;
      allSmall &= v < 50;
    }
    for (int t = 0; t < THREADS; t++) {
      int i = b * THREADS + t;
      int want = i < n ? evens * 1000 + anyBig * 100 + allPositive * 10 + allSmall : -1;
      if (out[i] != want) {
        if (bad < 4) printf("block %d thread %d: %d, expected %d\n", b, t, out[i], want);
        bad++;
      }
      sum += out[i];
    }
  }
  printf("sum %ld, %d wrong\n", sum, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
