// Kernels without barriers whose threads leave loops and the kernel early in different ways, run
// with several block shapes (1, 32, 100 and 256 threads, 16x16): each thread's result is checked
// against the same computation on the host.
#include <cstdio>
#include <cstdlib>

// Early return, then a loop nest left through a flag and break (the shape of issue 17's kernel),
// with a value computed from parameters alone between them.
__global__ void firstMatch(const int *data, const int *pattern, int *out, int n, int len, int plen) {
  int tid = blockIdx.x * blockDim.x + threadIdx.x;
  if (tid >= n) return;
  int last = len - plen;
  int found = -1;
  for (int i = tid; i <= last; i++) {
    bool ok = true;
    for (int j = 0; j < plen; j++) {
      if (data[i + j] != pattern[j]) { ok = false; break; }
    }
    if (ok) { found = i; break; }
  }
  out[tid] = found;
}

// Return from inside a nested loop, continue in the inner loop, and a break out of the outer loop
// through a flag set in the inner one.
__global__ void nestedExits(const int *data, int *out, int n, int limit) {
  int tid = blockIdx.x * blockDim.x + threadIdx.x;
  int sum = 0;
  int stop = 0;
  for (int i = 0; i < 8 && !stop; i++) {
    for (int j = 0; j < 8; j++) {
      int v = data[(tid * 7 + i * 8 + j) % n];
      if (v % 3 == 0) continue;
      sum += v;
      if (sum > limit) { stop = 1; break; }
      if (v == 13 && tid % 5 == 0) { out[tid] = -sum; return; }
    }
  }
  out[tid] = sum * 2 + stop;
}

// A grid-stride loop whose threads stop at different counts, with the block's share computed first.
__global__ void stridedCount(const int *data, int *out, int n, int threshold) {
  int stride = gridDim.x * gridDim.y * blockDim.x * blockDim.y;
  int per = (n + stride - 1) / stride;
  int tid = blockIdx.y * blockDim.x * blockDim.y * gridDim.x + blockIdx.x * blockDim.x * blockDim.y
            + threadIdx.y * blockDim.x + threadIdx.x;
  int count = 0;
  int k = 0;
  for (int i = tid; i < n; i += stride) {
    if (k++ >= per) break;
    if (data[i] > threshold) count++;
    if (data[i] == 0) break;
  }
  out[tid] = count;
}

int firstMatchHost(const int *data, const int *pattern, int tid, int len, int plen) {
  for (int i = tid; i <= len - plen; i++) {
    int ok = 1;
    for (int j = 0; j < plen; j++) if (data[i + j] != pattern[j]) { ok = 0; break; }
    if (ok) return i;
  }
  return -1;
}

int nestedExitsHost(const int *data, int tid, int n, int limit) {
  int sum = 0, stop = 0;
  for (int i = 0; i < 8 && !stop; i++) {
    for (int j = 0; j < 8; j++) {
      int v = data[(tid * 7 + i * 8 + j) % n];
      if (v % 3 == 0) continue;
      sum += v;
      if (sum > limit) { stop = 1; break; }
      if (v == 13 && tid % 5 == 0) return -sum;
    }
  }
  return sum * 2 + stop;
}

int main() {
  const int N = 1024, LEN = N + 8, P = 3;
  int *data = (int *)malloc(LEN * sizeof(int));
  int *out = (int *)malloc(N * sizeof(int));
  int pattern[P] = {1, 2, 1};
  srand(7);
  for (int i = 0; i < LEN; i++) data[i] = rand() % 4;
  int *dd, *dp, *dout;
  cudaMalloc((void **)&dd, LEN * sizeof(int));
  cudaMalloc((void **)&dp, P * sizeof(int));
  cudaMalloc((void **)&dout, N * sizeof(int));
  cudaMemcpy(dd, data, LEN * sizeof(int), cudaMemcpyHostToDevice);
  cudaMemcpy(dp, pattern, P * sizeof(int), cudaMemcpyHostToDevice);
  int bad = 0;
  int blocks[4] = {1, 32, 100, 256};
  for (int b = 0; b < 4; b++) {
    int bs = blocks[b];
    int grid = (N - 1 + bs - 1) / bs;
    cudaMemset(dout, 0, N * sizeof(int));
    firstMatch<<<grid, bs>>>(dd, dp, dout, N - 1, LEN, P);
    cudaMemcpy(out, dout, N * sizeof(int), cudaMemcpyDeviceToHost);
    int wrong = 0;
    for (int t = 0; t < N - 1; t++) if (out[t] != firstMatchHost(data, pattern, t, LEN, P)) wrong++;
    if (out[N - 1] != 0) wrong++;
    printf("firstMatch <<<%d, %d>>>: %d wrong\n", grid, bs, wrong);
    bad += wrong;
  }
  for (int i = 0; i < LEN; i++) data[i] = rand() % 20;
  cudaMemcpy(dd, data, LEN * sizeof(int), cudaMemcpyHostToDevice);
  for (int b = 0; b < 4; b++) {
    int bs = blocks[b];
    if (N % bs != 0) continue;
    nestedExits<<<N / bs, bs>>>(dd, dout, LEN, 150);
    cudaMemcpy(out, dout, N * sizeof(int), cudaMemcpyDeviceToHost);
    int wrong = 0;
    for (int t = 0; t < N; t++) if (out[t] != nestedExitsHost(data, t, LEN, 150)) wrong++;
    printf("nestedExits <<<%d, %d>>>: %d wrong\n", N / bs, bs, wrong);
    bad += wrong;
  }
  // 2-D blocks of 16x16 on a 2x2 grid: 1024 threads over 3000 elements.
  const int M = 3000;
  int *big = (int *)malloc(M * sizeof(int));
  for (int i = 0; i < M; i++) big[i] = i == 1500 ? 0 : 1 + rand() % 9;
  int *dbig;
  cudaMalloc((void **)&dbig, M * sizeof(int));
  cudaMemcpy(dbig, big, M * sizeof(int), cudaMemcpyHostToDevice);
  stridedCount<<<dim3(2, 2), dim3(16, 16)>>>(dbig, dout, M, 4);
  cudaMemcpy(out, dout, N * sizeof(int), cudaMemcpyDeviceToHost);
  int wrong = 0;
  for (int t = 0; t < N; t++) {
    int count = 0, k = 0;
    for (int i = t; i < M; i += N) {
      if (k++ >= (M + N - 1) / N) break;
      if (big[i] > 4) count++;
      if (big[i] == 0) break;
    }
    if (out[t] != count) wrong++;
  }
  printf("stridedCount <<<(2,2), (16,16)>>>: %d wrong\n", wrong);
  bad += wrong;
  cudaFree(dd); cudaFree(dp); cudaFree(dout); cudaFree(dbig);
  free(data); free(out); free(big);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
