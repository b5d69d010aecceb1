// A struct passed to a kernel holding pointers the kernel never follows: a host array (the struct keeps host and device
// copies side by side) and a field never set (held-out HeCBench d3q19-bgk: `lbm_vars d_vars` passed by value with its
// `u` member unset). CUDA passes the bytes as they are; opencl refused the launch (TR0508) and now passes such a pointer
// as null with warning TR0513, the used ones as buffers.
#include <cstdio>
#include <cstdlib>

struct Arrays {
  float *host;
  float *device;
  float *unset;
  int n;
};

__global__ void scale(Arrays a, float s) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < a.n) a.device[i] *= s;
}

int main() {
  const int n = 100;
  Arrays a;
  a.host = (float *)malloc(n * sizeof(float));
  a.unset = (float *)(size_t)0x5a5a5a5a0ull;
  a.n = n;
  for (int i = 0; i < n; i++) a.host[i] = (float)i;
  cudaMalloc(&a.device, n * sizeof(float));
  cudaMemcpy(a.device, a.host, n * sizeof(float), cudaMemcpyHostToDevice);
  scale<<<(n + 31) / 32, 32>>>(a, 3.0f);
  cudaError_t e = cudaDeviceSynchronize();
  cudaMemcpy(a.host, a.device, n * sizeof(float), cudaMemcpyDeviceToHost);
  int bad = e != cudaSuccess;
  for (int i = 0; i < n; i++)
    if (a.host[i] != 3.0f * i) bad++;
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad ? 1 : 0;
}
