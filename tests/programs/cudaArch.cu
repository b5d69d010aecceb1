// __CUDA_ARCH__ is defined in device code only, to the compute capability ×10 of the device compiled
// for (7.0 here: 700), and undefined in host code (nvcc's two passes). The lifter took every function
// from the host pass, so a kernel whose body sits under `#if __CUDA_ARCH__ >= 700` (NVIDIA's
// simpleAWBarrier) ran as an empty kernel, and __host__ __device__ functions ran their host path on the
// device: wrong results, no diagnostic.
#include <cstdio>

#ifdef __CUDA_ARCH__
#define ARCH_OR_MINUS_ONE __CUDA_ARCH__
#else
#define ARCH_OR_MINUS_ONE (-1)
#endif

// Called from both sides: each side must run its own path.
__host__ __device__ int side() {
#ifdef __CUDA_ARCH__
  return 1;  // device path
#else
  return 2;  // host path
#endif
}

__host__ __device__ int arch() { return ARCH_OR_MINUS_ONE; }

// Device variables are initialized as the device compilation sees them.
__device__ int deviceArch = ARCH_OR_MINUS_ONE;
__constant__ int constantSide[2] = {ARCH_OR_MINUS_ONE, ARCH_OR_MINUS_ONE + 1};

__global__ void fill(int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
#if __CUDA_ARCH__ >= 700
  if (i < n) out[i] = 3 * i;  // the real body
#endif
}

// An arch-dependent fast path: sm_70 takes the generic branch.
__device__ int halve(int v) {
#if __CUDA_ARCH__ >= 800
  return -1;
#elif __CUDA_ARCH__ >= 700
  return v / 2;
#else
  return -2;
#endif
}

__global__ void sides(int *out) {
  int t = threadIdx.x;
  out[t] = side() * 10000 + arch() + halve(2 * t) * 100000 + (deviceArch == constantSide[0] && constantSide[1] == 701 ? 0 : 7);
}

// Instantiated only by the host's launch scale<float><<<...>>>: lifted in its device view all the same.
template <typename T> __global__ void scale(T *x, T factor, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
#ifdef __CUDA_ARCH__
  if (i < n) x[i] = x[i] * factor;
#endif
}

int main() {
  const int n = 100;
  int bad = 0;
  int *out;
  cudaMallocManaged(&out, n * sizeof(int));
  for (int i = 0; i < n; i++) out[i] = -5;
  fill<<<4, 32>>>(out, n);
  cudaDeviceSynchronize();
  for (int i = 0; i < n; i++)
    if (out[i] != 3 * i) { if (bad++ < 5) printf("fill[%d] = %d, expected %d\n", i, out[i], 3 * i); }

  sides<<<1, 32>>>(out);
  cudaDeviceSynchronize();
  for (int t = 0; t < 32; t++)
    if (out[t] != t * 100000 + 10000 + 700) { if (bad++ < 10) printf("sides[%d] = %d, expected %d\n", t, out[t], t * 100000 + 10700); }

  // The host sees its own path of the same functions.
  if (side() != 2) { printf("host side() = %d, expected 2\n", side()); bad++; }
  if (arch() != -1) { printf("host arch() = %d, expected -1\n", arch()); bad++; }

  int fromDevice = 0;
  cudaMemcpyFromSymbol(&fromDevice, deviceArch, sizeof(int));
  if (fromDevice != 700) { printf("deviceArch = %d, expected 700\n", fromDevice); bad++; }

  float *x;
  cudaMallocManaged(&x, n * sizeof(float));
  for (int i = 0; i < n; i++) x[i] = (float)i;
  scale<float><<<4, 32>>>(x, 0.5f, n);
  cudaDeviceSynchronize();
  for (int i = 0; i < n; i++)
    if (x[i] != 0.5f * i) { if (bad++ < 15) printf("scale[%d] = %f, expected %f\n", i, x[i], 0.5f * i); }

  cudaFree(out);
  cudaFree(x);
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
