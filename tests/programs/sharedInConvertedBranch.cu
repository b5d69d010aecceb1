// Block reductions whose device functions keep their warp sums in a `static __shared__` array, inlined under a
// condition the block shares but no analysis can prove it does (a length read from memory, HeCBench logprob): the
// OpenCL preparation runs such a branch under a predicate, and wrapped the array's declaration in an if of its own,
// leaving every use outside it undeclared (TR0201 on opencl).
#include <cstdio>
template <typename T>
__device__ T blockSum(T val) {
  static __shared__ T shared[32];
  int lane = threadIdx.x & 31, wid = threadIdx.x >> 5;
  for (int m = 16; m > 0; m >>= 1) val += __shfl_xor_sync(0xffffffff, val, m, 32);
  if (lane == 0) shared[wid] = val;
  __syncthreads();
  val = (threadIdx.x < blockDim.x / 32) ? shared[lane] : (T)0;
  for (int m = 16; m > 0; m >>= 1) val += __shfl_xor_sync(0xffffffff, val, m, 32);
  return val;
}
template <typename T>
__device__ T blockMax(T val) {
  static __shared__ T shared[32];
  int lane = threadIdx.x & 31, wid = threadIdx.x >> 5;
  for (int m = 16; m > 0; m >>= 1) val = max(val, __shfl_xor_sync(0xffffffff, val, m, 32));
  if (lane == 0) shared[wid] = val;
  __syncthreads();
  val = (threadIdx.x < (blockDim.x / 32.f)) ? shared[lane] : -1e20f;
  for (int m = 16; m > 0; m >>= 1) val = max(val, __shfl_xor_sync(0xffffffff, val, m, 32));
  return val;
}
__global__ void k(const float* in, float* out, const int* lengths) {
  if (blockIdx.x < lengths[blockIdx.x] - 1) {
    float s = blockSum<float>(in[threadIdx.x]) + blockMax<float>(in[threadIdx.x]);
    if (threadIdx.x == 0) out[blockIdx.x] = s;
  }
}
int main() {
  float h[256], *d, *o, r;
  for (int i = 0; i < 256; i++) h[i] = i;
  cudaMalloc(&d, 1024); cudaMalloc(&o, 4);
  cudaMemcpy(d, h, 1024, cudaMemcpyHostToDevice);
  int* len; int hl = 5; cudaMalloc(&len, 4); cudaMemcpy(len, &hl, 4, cudaMemcpyHostToDevice);
  k<<<1, 256>>>(d, o, len);
  cudaMemcpy(&r, o, 4, cudaMemcpyDeviceToHost);
  printf("%g\n%s\n", r, r == 32640 + 255 ? "PASSED" : "FAILED");
  return r == 32640 + 255 ? 0 : 1;
}
