// __CUDA_ARCH__ in a program whose host code is C++ (build mode): clang compiles the host code in its host
// view (__CUDA_ARCH__ undefined) and the lifted device code must come from the device view (700). Before,
// both came from the host view: the kernel templates below ran empty and Accumulator<T>::step took its
// host path on the device.
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>

template <typename T> struct Accumulator {
  T total;
  __host__ __device__ void step(T v) {
#ifdef __CUDA_ARCH__
    total += 2 * v;  // device path
#else
    total += v;      // host path
#endif
  }
};

__host__ __device__ constexpr int sideCode() {
#ifdef __CUDA_ARCH__
  return __CUDA_ARCH__;
#else
  return -1;
#endif
}

// Instantiated only by the host's launches below.
template <typename T> __global__ void accumulate(const T *in, T *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
#if __CUDA_ARCH__ >= 700
  if (i < n) {
    Accumulator<T> a{0};
    a.step(in[i]);
    a.step(in[i]);
    out[i] = a.total + sideCode();
  }
#endif
}

template <typename T> static int check(const char *what) {
  const int n = 200;
  std::vector<T> in(n), out(n, T(-9));
  for (int i = 0; i < n; i++) in[i] = T(i);
  T *din, *dout;
  cudaMalloc(&din, n * sizeof(T));
  cudaMalloc(&dout, n * sizeof(T));
  cudaMemcpy(din, in.data(), n * sizeof(T), cudaMemcpyHostToDevice);
  cudaMemcpy(dout, out.data(), n * sizeof(T), cudaMemcpyHostToDevice);
  accumulate<T><<<(n + 63) / 64, 64>>>(din, dout, n);
  cudaMemcpy(out.data(), dout, n * sizeof(T), cudaMemcpyDeviceToHost);
  cudaFree(din);
  cudaFree(dout);
  int bad = 0;
  for (int i = 0; i < n; i++) {
    T want = T(4 * i + 700);
    if (out[i] != want && bad++ < 5) printf("%s[%d] = %g, expected %g\n", what, i, (double)out[i], (double)want);
  }
  // The same functions on the host take their host path.
  Accumulator<T> h{0};
  h.step(T(3));
  if (h.total != T(3) || sideCode() != -1) { printf("%s host path: %g, %d\n", what, (double)h.total, sideCode()); bad++; }
  return bad;
}

int main() {
  int bad = check<int>("int") + check<float>("float") + check<double>("double");
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
