// What nvcc (and GCC, its host compiler) only warns about and clang rejects by default: narrowing in
// braced initializers, the `register` keyword under C++17. Such sources build and run as with nvcc.
#include <cstdio>

__global__ void fill(float2 *out, int3 *idx, double scale, size_t n) {
  register int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  double x = i * scale;
  float2 v = {x, x * 2};      // double -> float in braces
  int3 q = {n - i, i, 7};     // size_t -> int in braces
  out[i] = v;
  idx[i] = q;
}

int main() {
  const int n = 100;
  float2 *d;
  int3 *di;
  cudaMalloc((void **)&d, n * sizeof(float2));
  cudaMalloc((void **)&di, n * sizeof(int3));
  fill<<<2, 64>>>(d, di, 0.25, n);
  float2 h[n];
  int3 hi[n];
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  cudaMemcpy(hi, di, sizeof hi, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int i = 0; i < n; i++)
    if (h[i].x != (float)(i * 0.25) || h[i].y != (float)(i * 0.5) || hi[i].x != n - i || hi[i].y != i || hi[i].z != 7) bad++;
  printf("%.2f %.2f %d %d\n", h[n - 1].x, h[n - 1].y, hi[n - 1].x, hi[n - 1].z);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
