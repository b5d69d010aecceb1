// Source nvcc accepts and clang rejects, with no clang switch for it (TR0416 warnings, read as nvcc reads it):
// a dependent member template called without `template` (HeCBench attentionMultiHeadKVCache's
// vec_cast<T, U>::cast<N>(...)) and `__shared__ alignas(16)` (NVIDIA globalToShmemAsyncCopy). Built as an
// executable, so the host compilation sees the same corrected text through the overlay.
#include <cstdio>

template <typename T> struct caster {
  template <int N> static __device__ void cast(float *d, const T *s) {
    for (int i = 0; i < N; i++) d[i] = s[i];
  }
};
template <typename T, int N> __device__ void convert(float *d, const T *s) { caster<T>::cast<N>(d, s); }

__global__ void k(float *p, const int *q) {
  __shared__ alignas(16) float a[64];
  a[threadIdx.x] = q[threadIdx.x];
  __syncthreads();
  convert<int, 2>(p + 2 * threadIdx.x, q + 2 * threadIdx.x);
  p[128 + threadIdx.x] = a[63 - threadIdx.x];
}

int main() {
  float *p;
  int *q;
  cudaMallocManaged(&p, 192 * sizeof(float));
  cudaMallocManaged(&q, 128 * sizeof(int));
  for (int i = 0; i < 128; i++) q[i] = i;
  k<<<1, 64>>>(p, q);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < 128; i++) bad += p[i] != i || (i < 64 && p[128 + i] != 63 - i);
  printf("%g %g\n", p[127], p[128]);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
