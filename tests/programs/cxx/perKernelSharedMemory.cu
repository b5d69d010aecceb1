// Static shared memory is counted per kernel, as CUDA counts it: HeCBench scan instantiates its kernels
// for four element types and five block sizes, together far beyond 48 KiB of __shared__ arrays, and
// every launch failed with cudaErrorInvalidConfiguration (the program printed FAIL; the runtime had
// summed the shared arrays of all kernels). Each kernel here fits alone; together they do not.
#include <cstdio>
#include <vector>

template <typename T, int N>
__global__ void reverseBlock(T *data) {
  __shared__ T tile[N];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  for (int k = threadIdx.x; k < N; k += blockDim.x) tile[k] = data[blockIdx.x * N + k];
  __syncthreads();
  for (int k = threadIdx.x; k < N; k += blockDim.x) data[blockIdx.x * N + k] = tile[N - 1 - k];
  (void)i;
}

__device__ void helper(float *out) {
  __shared__ float inHelper[4096];  // 16 KiB, declared in a device function the kernel calls
  inHelper[threadIdx.x] = threadIdx.x;
  __syncthreads();
  out[threadIdx.x] = inHelper[blockDim.x - 1 - threadIdx.x];
}
__global__ void usesHelper(float *out) { helper(out); }

template <typename T, int N>
static int check() {
  std::vector<T> h(2 * N);
  for (int i = 0; i < 2 * N; i++) h[i] = (T)(i % 100);
  T *d;
  cudaMalloc(&d, h.size() * sizeof(T));
  cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice);
  reverseBlock<T, N><<<2, 128>>>(d);
  cudaError_t e = cudaGetLastError();
  std::vector<T> r(2 * N);
  cudaMemcpy(r.data(), d, r.size() * sizeof(T), cudaMemcpyDeviceToHost);
  cudaFree(d);
  int bad = 0;
  for (int b = 0; b < 2; b++)
    for (int k = 0; k < N; k++) bad += r[b * N + k] != h[b * N + N - 1 - k];
  cudaFuncAttributes a;
  cudaFuncGetAttributes(&a, reverseBlock<T, N>);
  printf("%zu-byte elements x %d: launch %d, wrong %d, sharedSizeBytes %zu\n", sizeof(T), N, (int)e, bad, a.sharedSizeBytes);
  return e != cudaSuccess || bad || a.sharedSizeBytes != sizeof(T) * N;
}

int main() {
  int failed = check<double, 4096>() + check<float, 8192>() + check<int, 4096>() + check<char, 16384>();
  float *d, h[256];
  cudaMalloc(&d, sizeof h);
  usesHelper<<<1, 256>>>(d);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  cudaFuncAttributes a;
  cudaFuncGetAttributes(&a, usesHelper);
  printf("helper: %g %g, sharedSizeBytes %zu\n", h[0], h[255], a.sharedSizeBytes);
  failed += h[0] != 255 || h[255] != 0 || a.sharedSizeBytes != 16384;
  printf("%s\n", failed ? "FAILED" : "PASSED");
  return failed != 0;
}
