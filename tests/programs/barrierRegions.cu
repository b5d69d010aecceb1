// Kernels with __syncthreads whose threads carry values across a uniform assignment, leave early,
// and break out of loops between barriers; each result is checked against the host.
#include <cstdio>
#include <cstdlib>

// A per-thread value computed before, and used after, an assignment every thread agrees on (the cpu
// device runs that assignment once, between two loops over the block's threads).
__global__ void rotate(const int *in, int *out, int scale) {
  __shared__ int tile[256];
  int t = threadIdx.x;
  int m = scale * 2;
  tile[t] = in[blockIdx.x * blockDim.x + t] + m;
  __syncthreads();
  int u = threadIdx.x;
  out[blockIdx.x * blockDim.x + u] = tile[(u + 1) % blockDim.x];
}

// Threads past the end skip the search; the others search a window with a nested loop left through
// a flag and a break, then a tree reduction of the results with a halving uniform stride.
__global__ void windowSearch(const int *in, int *blockSums, int n, int key) {
  __shared__ int hits[256];
  int tid = blockIdx.x * blockDim.x + threadIdx.x;
  hits[threadIdx.x] = 0;
  __syncthreads();
  int window = 4;
  int hit = 0;
  for (int i = 0; i < window && !hit && tid < n; i++) {
    for (int j = 0; j < window; j++) {
      int at = tid + i * window + j;
      if (at >= n) break;
      if (in[at] == key) { hit = i * window + j + 1; break; }
    }
  }
  hits[threadIdx.x] = hit;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) hits[threadIdx.x] += hits[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) blockSums[blockIdx.x] = hits[0];
}

// A loop with a barrier in its body whose threads break out of an inner loop at different counts.
__global__ void stagedMax(const int *in, int *out, int stages) {
  __shared__ int best[128];
  int t = threadIdx.x;
  int mine = 0;
  for (int stage = 0; stage < stages; stage++) {
    int base = (blockIdx.x * stages + stage) * blockDim.x;
    int v = in[base + t];
    for (int k = 0; k < 16; k++) {
      if (v % 7 == 0) break;
      v += k;
    }
    best[t] = v > mine ? v : mine;
    __syncthreads();
    mine = best[(t + stage + 1) % blockDim.x];
    __syncthreads();
  }
  out[blockIdx.x * blockDim.x + t] = mine;
}

// The whole block returns when n is 0; the division after that must then never run (the cpu device
// once computed it once per block, as a uniform value, and stopped with a division by zero).
__global__ void guardedDivide(int *out, int n) {
  __shared__ int s[64];
  if (n == 0) return;
  int q = 100 / n;
  s[threadIdx.x] = q + threadIdx.x;
  __syncthreads();
  out[threadIdx.x] = s[(threadIdx.x + 1) % 64];
}

int main() {
  const int N = 1024;
  int *in = (int *)malloc(4 * N * sizeof(int));
  int *out = (int *)malloc(4 * N * sizeof(int));
  srand(11);
  for (int i = 0; i < 4 * N; i++) in[i] = rand() % 50;
  int *din, *dout;
  cudaMalloc((void **)&din, 4 * N * sizeof(int));
  cudaMalloc((void **)&dout, 4 * N * sizeof(int));
  cudaMemcpy(din, in, 4 * N * sizeof(int), cudaMemcpyHostToDevice);
  int bad = 0;

  rotate<<<N / 256, 256>>>(din, dout, 5);
  cudaMemcpy(out, dout, N * sizeof(int), cudaMemcpyDeviceToHost);
  int wrong = 0;
  for (int i = 0; i < N; i++) {
    int b = i / 256, u = i % 256;
    if (out[i] != in[b * 256 + (u + 1) % 256] + 10) wrong++;
  }
  printf("rotate: %d wrong\n", wrong);
  bad += wrong;

  const int n = 1000;
  windowSearch<<<(n + 255) / 256, 256>>>(din, dout, n, 7);
  cudaMemcpy(out, dout, 4 * sizeof(int), cudaMemcpyDeviceToHost);
  wrong = 0;
  for (int b = 0; b < 4; b++) {
    int sum = 0;
    for (int tid = b * 256; tid < b * 256 + 256 && tid < n; tid++) {
      int hit = 0;
      for (int i = 0; i < 4 && !hit; i++)
        for (int j = 0; j < 4; j++) {
          int at = tid + i * 4 + j;
          if (at >= n) break;
          if (in[at] == 7) { hit = i * 4 + j + 1; break; }
        }
      sum += hit;
    }
    if (out[b] != sum) wrong++;
    printf("windowSearch block %d: %d\n", b, out[b]);
  }
  bad += wrong;

  const int stages = 4;
  stagedMax<<<8, 128>>>(din, dout, stages);
  cudaMemcpy(out, dout, N * sizeof(int), cudaMemcpyDeviceToHost);
  wrong = 0;
  for (int b = 0; b < 8; b++) {
    int mine[128], best[128];
    for (int t = 0; t < 128; t++) mine[t] = 0;
    for (int stage = 0; stage < stages; stage++) {
      for (int t = 0; t < 128; t++) {
        int v = in[(b * stages + stage) * 128 + t];
        for (int k = 0; k < 16; k++) { if (v % 7 == 0) break; v += k; }
        best[t] = v > mine[t] ? v : mine[t];
      }
      for (int t = 0; t < 128; t++) mine[t] = best[(t + stage + 1) % 128];
    }
    for (int t = 0; t < 128; t++) if (out[b * 128 + t] != mine[t]) wrong++;
  }
  printf("stagedMax: %d wrong\n", wrong);
  bad += wrong;

  cudaMemset(dout, 0, 64 * sizeof(int));
  guardedDivide<<<1, 64>>>(dout, 0);
  guardedDivide<<<1, 64>>>(dout + 64, 7);
  cudaMemcpy(out, dout, 128 * sizeof(int), cudaMemcpyDeviceToHost);
  wrong = 0;
  for (int t = 0; t < 64; t++) if (out[t] != 0 || out[64 + t] != 14 + (t + 1) % 64) wrong++;
  printf("guardedDivide: %d wrong\n", wrong);
  bad += wrong;

  cudaFree(din); cudaFree(dout); free(in); free(out);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
