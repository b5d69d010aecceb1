// <cuda/barrier> was missing (TR0401; NVIDIA's simpleAWBarrier): a __shared__ cuda::barrier of block
// scope initialized with the block's thread count, used with split arrive()/wait(std::move(token)),
// and arrive_and_wait() in a tree reduction.
#include <stdio.h>
#include <cuda/barrier>
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void blockSums(const int *x, int *out) {
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  __shared__ int s[128];
  if (threadIdx.x == 0) init(&bar, blockDim.x);
  cg::sync(cg::this_thread_block());
  s[threadIdx.x] = x[blockIdx.x * blockDim.x + threadIdx.x];
  auto token = bar.arrive();
  bar.wait(std::move(token));
  for (int k = blockDim.x / 2; k > 0; k /= 2) {
    if (threadIdx.x < k) s[threadIdx.x] += s[threadIdx.x + k];
    bar.arrive_and_wait();
  }
  if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}

int main() {
  int *x, *out;
  cudaMallocManaged(&x, 4 * 128 * sizeof(int));
  cudaMallocManaged(&out, 8 * sizeof(int));
  for (int i = 0; i < 512; i++) x[i] = i % 50;
  blockSums<<<4, 128>>>(x, out);
  cudaDeviceSynchronize();
  int ok = 1;
  for (int b = 0; b < 4; b++) {
    int whole = 0;
    for (int i = 0; i < 128; i++) whole += (b * 128 + i) % 50;
    printf("block %d: %d (want %d)\n", b, out[b], whole);
    if (out[b] != whole) ok = 0;
  }
  printf("%s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
