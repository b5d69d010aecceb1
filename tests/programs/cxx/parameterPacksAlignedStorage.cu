// Two idioms of Apex/PyTorch-style kernels (HeCBench axpby's multi_tensor_apply): a kernel template taking a
// parameter pack and forwarding it to a functor (`ArgTypes... args` → `callable(..., args...)`), which the lifter
// gave one name for every element of the pack (the IR did not type-check: TR0412); and vectorized copies through
// `std::aligned_storage<16, 16>::type`, a union aligned to 16 (TR0405: only alignments up to 8 were translated).
// Also a variadic device function expanded through its instantiations, and a pack of mixed types.
#include <cstdio>
#include <cstdint>
#include <type_traits>

template <typename T>
__device__ void copy4(T *dst, const T *src, int dstOffset, int srcOffset) {
  typedef typename std::aligned_storage<4 * sizeof(T), 4 * alignof(T)>::type Block;
  ((Block *)dst)[dstOffset] = ((const Block *)src)[srcOffset];
}

struct Axpby {
  __device__ void operator()(int i, const float *x, const float *y, float *out, float a, float b) const {
    float rx[4], ry[4], r[4];
    copy4(rx, x, 0, i);
    copy4(ry, y, 0, i);
    for (int k = 0; k < 4; k++) r[k] = a * rx[k] + b * ry[k];
    copy4(out, r, i, 0);
  }
};

struct Scale {
  __device__ void operator()(int i, double *v, int shift, short bias, double factor) const {
    v[i] = v[i] * factor + (double)(bias * (1 << shift));
  }
};

template <typename F, typename... Args>
__global__ void apply(int n, F f, Args... args) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) f(i, args...);
}

__device__ int total() { return 0; }
template <typename T, typename... Rest>
__device__ int total(T first, Rest... rest) { return (int)first + 2 * total(rest...); }

__global__ void sums(int *out, int a, char b, long long c, unsigned short d) {
  out[threadIdx.x] = total(a + (int)threadIdx.x, b, c, d);
}

int main() {
  const int N = 4096;
  float *x, *y, *out;
  double *v;
  int *s;
  cudaMallocManaged(&x, N * sizeof(float));
  cudaMallocManaged(&y, N * sizeof(float));
  cudaMallocManaged(&out, N * sizeof(float));
  cudaMallocManaged(&v, N * sizeof(double));
  cudaMallocManaged(&s, 64 * sizeof(int));
  for (int i = 0; i < N; i++) { x[i] = i * 0.5f; y[i] = 1000 - i; out[i] = -1; v[i] = i; }
  apply<<<(N / 4 + 127) / 128, 128>>>(N / 4, Axpby(), (const float *)x, (const float *)y, out, 2.0f, 0.25f);
  apply<<<(N + 255) / 256, 256>>>(N, Scale(), v, 3, (short)-5, 0.5);
  sums<<<1, 64>>>(s, 10, (char)3, 100000LL, (unsigned short)7);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < N; i++) {
    if (out[i] != 2.0f * (i * 0.5f) + 0.25f * (1000 - i)) bad++;
    if (v[i] != i * 0.5 + (double)(-5 * 8)) bad++;
  }
  for (int t = 0; t < 64; t++)
    if (s[t] != (10 + t) + 2 * (3 + 2 * (100000 + 2 * 7))) bad++;
  printf("axpby %g %g, scale %g, total %d: %d wrong\n", out[1], out[N - 1], v[N - 1], s[63], bad);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
