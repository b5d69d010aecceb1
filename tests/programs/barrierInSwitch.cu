// Barriers inside a switch on a block-uniform value (the fuzzer's most common cpu refusal, TR0380: the cpu
// device splits kernels at barriers through structured control flow and had no switch form). Such switches
// now become ifs that keep C's meaning: fall-through, a break under a condition, a default that is not last,
// and a continue of the loop around the switch. Every result is checked against the host.
#include <cstdio>

__device__ int stage(int mode, int *s, int round) {
  int t = threadIdx.x;
  int acc = 0;
  switch (mode) {
    case 0:
      s[t] = t + round;
      __syncthreads();
      acc += s[(t + 1) % blockDim.x];
      __syncthreads();
      // falls through
    case 1:
    case 2:
      s[t] = acc + mode;
      __syncthreads();
      acc += s[blockDim.x - 1 - t];
      __syncthreads();
      if (round > 1) break;
      acc += 1000;
      break;
    default:
      acc -= 7;
      __syncthreads();
    case 5:
      acc += 50;
      break;
  }
  return acc;
}

__global__ void switched(const int *modes, int *out, int rounds) {
  __shared__ int s[64];
  int total = 0;
  for (int r = 0; r < rounds; r++) {
    int mode = modes[(blockIdx.x + r) % 8];
    if (mode == 3) continue;
    total += stage(mode, s, r);
  }
  out[blockIdx.x * blockDim.x + threadIdx.x] = total;
}

static int hostStage(int mode, int t, int n, int round) {
  int acc = 0;
  bool entered = false;
  if (mode == 0) { acc += (t + 1) % n + round; entered = true; }
  if (entered || mode == 1 || mode == 2) {
    // s[n-1-t] was written by thread n-1-t with its own acc, computed the same way.
    int other = n - 1 - t, otherAcc = mode == 0 ? (other + 1) % n + round : 0;
    acc += otherAcc + mode;
    if (round <= 1) acc += 1000;
    return acc;
  }
  if (mode != 5) acc -= 7;
  return acc + 50;
}

int main() {
  const int blocks = 8, threads = 64, rounds = 4;
  int *modes, *out;
  cudaMallocManaged(&modes, 8 * sizeof(int));
  cudaMallocManaged(&out, blocks * threads * sizeof(int));
  int list[8] = {0, 1, 2, 3, 4, 5, 9, 0};
  for (int i = 0; i < 8; i++) modes[i] = list[i];
  switched<<<blocks, threads>>>(modes, out, rounds);
  cudaDeviceSynchronize();
  int failures = 0;
  for (int b = 0; b < blocks; b++)
    for (int t = 0; t < threads; t++) {
      int want = 0;
      for (int r = 0; r < rounds; r++) {
        int mode = list[(b + r) % 8];
        if (mode == 3) continue;
        want += hostStage(mode, t, threads, r);
      }
      int got = out[b * threads + t];
      if (got != want && failures++ < 10) printf("out[%d][%d] = %d, expected %d\n", b, t, got, want);
    }
  if (failures) { printf("FAILED\n"); return 1; }
  printf("PASSED\n");
  return 0;
}
