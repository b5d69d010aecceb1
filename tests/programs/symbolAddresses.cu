// cudaGetSymbolAddress in a whole (lifted) program: a __device__ array no kernel names, reached only through the
// pointer host code asked for (on opencl it had no storage of its own), and a __constant__ table read through one.
// The lifted subset lacked the call ("'cudaGetSymbolAddress' is not offered by Translate").
#include <cstdio>

__device__ float spare[4] = {1.0f, 2.0f, 3.0f, 4.0f};
__constant__ int weights[4] = {3, 5, 7, 11};

__global__ void doubleAll(float *v) { v[threadIdx.x] *= 2.0f; }

__global__ void weigh(const int *w, int *out) { out[threadIdx.x] = w[threadIdx.x] * (int)threadIdx.x; }

int main() {
  float *spareAddress;
  int *weightAddress, *out;
  cudaGetSymbolAddress((void **)&spareAddress, spare);
  cudaGetSymbolAddress((void **)&weightAddress, weights);
  cudaMalloc((void **)&out, 4 * sizeof(int));
  doubleAll<<<1, 4>>>(spareAddress);
  weigh<<<1, 4>>>(weightAddress, out);
  float h[4];
  int o[4];
  cudaMemcpyFromSymbol(h, spare, sizeof(h));
  cudaMemcpy(o, out, sizeof(o), cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int i = 0; i < 4; i++) {
    if (h[i] != 2.0f * (i + 1)) bad++;
    if (o[i] != (i == 0 ? 0 : i == 1 ? 5 : i == 2 ? 14 : 33)) bad++;
  }
  printf("spare %g %g %g %g, weighed %d %d %d %d\n", h[0], h[1], h[2], h[3], o[0], o[1], o[2], o[3]);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
