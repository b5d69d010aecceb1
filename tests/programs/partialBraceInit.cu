// Brace lists that leave members out ({}, {7}, {1u, 2u}) value-initialize the rest (shfl_scan: TR0404).
#include <cstdio>
struct P { int a; float b; int2 c; };
__device__ uint4 pick(int k) { if (k > 3) return {}; uint4 r = {1u, 2u}; r.z = k; return r; }
__global__ void k(int *o) {
  P p = {7};
  P q{};
  uint4 u = pick(threadIdx.x);
  o[threadIdx.x * 6 + 0] = p.a + (int)p.b + p.c.x + p.c.y;
  o[threadIdx.x * 6 + 1] = q.a + (int)q.b + q.c.y;
  o[threadIdx.x * 6 + 2] = u.x; o[threadIdx.x * 6 + 3] = u.y; o[threadIdx.x * 6 + 4] = u.z; o[threadIdx.x * 6 + 5] = u.w;
}
int main() {
  int *d, h[48]; cudaMalloc(&d, sizeof h);
  k<<<1, 8>>>(d);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int t = 0; t < 8; t++) {
    int e[6] = {7, 0, t > 3 ? 0 : 1, t > 3 ? 0 : 2, t > 3 ? 0 : t, 0};
    for (int i = 0; i < 6; i++) if (h[t * 6 + i] != e[i]) bad++;
  }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
