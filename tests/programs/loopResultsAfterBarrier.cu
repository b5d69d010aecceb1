// Values a loop computes with a trip count that differs by thread, read after a __syncthreads() that
// follows the loop: a linear search for each key's rank in a sorted shared array, a do-while count, and
// a float computed from the counter. Each thread's results are checked against the host. (On opencl,
// PoCL 3.1 shared one work-item's loop counter among all when it crossed a barrier: fuzz seed 61731.)
#include <cstdio>

#define N 256

__global__ void ranks(const int *sorted, const int *keys, int *rank, int *steps, float *scaled) {
  __shared__ int s[N];
  int t = threadIdx.x;
  s[t] = sorted[blockIdx.x * N + t];
  __syncthreads();
  int key = keys[blockIdx.x * N + t];
  int pos = 0;
  while (s[pos] < key && pos < N - 1) pos++;
  int count = 0;
  do {
    count++;
    if (s[count] == key) break;
  } while (count < t);
  float f = 0.5f * count;
  __syncthreads();
  s[t] = pos;  // the array is reused once every thread is done reading it
  __syncthreads();
  rank[blockIdx.x * N + t] = s[(t + 1) % N];
  steps[blockIdx.x * N + t] = count;
  scaled[blockIdx.x * N + t] = f;
}

int main() {
  const int blocks = 2, total = blocks * N;
  int *sorted, *keys, *rank, *steps;
  float *scaled;
  cudaMallocManaged(&sorted, total * sizeof(int));
  cudaMallocManaged(&keys, total * sizeof(int));
  cudaMallocManaged(&rank, total * sizeof(int));
  cudaMallocManaged(&steps, total * sizeof(int));
  cudaMallocManaged(&scaled, total * sizeof(float));
  for (int b = 0; b < blocks; b++)
    for (int i = 0; i < N; i++) {
      sorted[b * N + i] = 3 * i + b;
      keys[b * N + i] = (i * 37 + b * 11) % (3 * N + 5);
    }
  ranks<<<blocks, N>>>(sorted, keys, rank, steps, scaled);
  cudaDeviceSynchronize();
  int bad = 0;
  long sum = 0;
  for (int b = 0; b < blocks; b++)
    for (int t = 0; t < N; t++) {
      const int *s = sorted + b * N;
      int u = (t + 1) % N, key = keys[b * N + u], pos = 0;
      while (s[pos] < key && pos < N - 1) pos++;
      int count = 0, own = keys[b * N + t];
      do {
        count++;
        if (s[count] == own) break;
      } while (count < t);
      if (rank[b * N + t] != pos || steps[b * N + t] != count || scaled[b * N + t] != 0.5f * count) {
        if (bad < 4) printf("block %d thread %d: rank %d steps %d scaled %g, expected %d %d %g\n", b, t,
                            rank[b * N + t], steps[b * N + t], scaled[b * N + t], pos, count, 0.5f * count);
        bad++;
      }
      sum += rank[b * N + t] + steps[b * N + t];
    }
  printf("sum %ld, %d wrong\n", sum, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
