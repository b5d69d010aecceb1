#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>
__global__ void ga(const char *__restrict__ target, const char *__restrict__ query, char *__restrict__ out,
                   unsigned length, int qlen, int clen, int thr, int pos) {
  unsigned tid = blockIdx.x * blockDim.x + threadIdx.x;
  if (tid > length) return;
  bool match = false;
  int max_length = qlen - clen;
  for (int i = 0; i <= max_length; i++) {
    int distance = 0;
    for (int j = 0; j < clen; j++) {
      if (target[pos + tid + j] != query[i + j]) distance++;
    }
    if (distance < thr) { match = true; break; }
  }
  if (match) out[tid] = 1;
}
int main() {
  const int T = 4096, Q = 8, C = 4, B = 1024;
  char *t = (char*)malloc(T), *q = (char*)malloc(Q), *r = (char*)malloc(B), *h = (char*)malloc(B);
  const char seq[4] = {'A','C','T','G'};
  srand(123);
  for (int i = 0; i < T; i++) t[i] = seq[rand() % 4];
  for (int i = 0; i < Q; i++) q[i] = seq[rand() % 4];
  char *dt, *dq, *dr;
  cudaMalloc((void**)&dt, T); cudaMalloc((void**)&dq, Q); cudaMalloc((void**)&dr, B);
  cudaMemcpy(dt, t, T, cudaMemcpyHostToDevice); cudaMemcpy(dq, q, Q, cudaMemcpyHostToDevice);
  cudaMemset(dr, 0, B);
  ga<<<4, 256>>>(dt, dq, dr, B - 1, Q, C, 1, 0);
  cudaDeviceSynchronize();
  cudaMemcpy(h, dr, B, cudaMemcpyDeviceToHost);
  int bad = 0, ones = 0;
  for (int tid = 0; tid < B - 1; tid++) {
    int match = 0;
    for (int i = 0; i <= Q - C && !match; i++) { int d = 0; for (int j = 0; j < C; j++) if (t[tid + j] != q[i + j]) d++; if (d < 1) match = 1; }
    if (match) ones++;
    if (h[tid] != match) bad++;
  }
  printf("ones %d bad %d\n", ones, bad);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
