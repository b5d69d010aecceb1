// After some threads returned, barriers inside loops and ifs whose conditions read memory: a while loop
// on a shared flag thread 0 sets, a for loop with bounds loaded from global memory, and an if on a loaded
// value. The threads that exited no longer hold a barrier up in CUDA; on opencl every work-item must reach
// each barrier, and the exited ones cannot compute these conditions (opencl refused them, TR0504): they now
// take the live threads' value (the same in all of them, as CUDA requires of a barrier's condition) through
// a block-wide or. Checked against the same computation on the host.
#include <cstdio>

#define T 128

__global__ void rounds(const int *in, int *out, int n) {
  __shared__ int done, total;
  __shared__ int vals[T];
  int t = threadIdx.x;
  if (t == 0) { done = 0; total = 0; }
  __syncthreads();
  if (t >= n) return;
  int round = 0;
  while (!done) {
    vals[t] = in[t] + round;
    __syncthreads();
    if (t == 0) {
      int s = 0;
      for (int j = 0; j < n; j++) s += vals[j];
      total += s;
      done = total > 5000;
    }
    __syncthreads();
    round++;
  }
  for (int r = in[0] % 3; r < in[1] % 5 + 2; r++) {
    vals[t] += r;
    __syncthreads();
  }
  if (in[2] > -1) {
    __syncthreads();
    out[t] = round * 100000 + total + vals[(t + 1) % n];
  }
}

int main() {
  const int n = 100;
  int *in, *out;
  cudaMallocManaged(&in, T * sizeof(int));
  cudaMallocManaged(&out, T * sizeof(int));
  for (int i = 0; i < T; i++) {
    in[i] = (i * 13 + 5) % 17;
    out[i] = -1;
  }
  rounds<<<1, T>>>(in, out, n);
  cudaDeviceSynchronize();
  // The host's run of the same rounds.
  int vals[T], total = 0, round = 0;
  for (;;) {
    int s = 0;
    for (int j = 0; j < n; j++) s += (vals[j] = in[j] + round);
    total += s;
    round++;
    if (total > 5000) break;
  }
  for (int r = in[0] % 3; r < in[1] % 5 + 2; r++)
    for (int j = 0; j < n; j++) vals[j] += r;
  int bad = 0;
  long sum = 0;
  for (int t = 0; t < T; t++) {
    int want = t < n ? round * 100000 + total + vals[(t + 1) % n] : -1;
    if (out[t] != want) {
      if (bad < 4) printf("thread %d: %d, expected %d\n", t, out[t], want);
      bad++;
    }
    sum += out[t];
  }
  printf("rounds %d, total %d, sum %ld, %d wrong\n", round, total, sum, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
