// Shuffles that read lanes taking no part, which CUDA leaves undefined and NVIDIA GPUs answer with 0:
// NVIDIA's reduction sample (reduce7) reduces its final warp under `if (tid < warps)` with the mask
// a ballot of that condition, so lane 0 reads lanes 16 and 8, outside the mask; a block of 20
// threads shuffles down by 16 from lanes past the end of the block. cpu and opencl give 0 there and
// warn once (TR0319); interp and --check stop with TR0308.
#include <cstdio>

__device__ int warpReduceSum(unsigned mask, int v) {
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(mask, v, offset);
  return v;
}

// The final stage of reduce7: one partial sum per warp in shared memory, reduced by the first lanes.
__global__ void blockSums(const int *in, int *out) {
  __shared__ int partial[32];
  unsigned tid = threadIdx.x;
  int v = in[blockIdx.x * blockDim.x + tid];
  v = warpReduceSum(0xffffffffu, v);
  if (tid % 32 == 0) partial[tid / 32] = v;
  __syncthreads();
  unsigned warps = blockDim.x / 32 > 0 ? blockDim.x / 32 : 1;
  unsigned ballot = __ballot_sync(0xffffffffu, tid < warps);
  if (tid < warps) {
    v = partial[tid];
    v = warpReduceSum(ballot, v);
  }
  if (tid == 0) out[blockIdx.x] = v;
}

// A partial warp: lanes past the end of the block are read as 0.
__global__ void shortBlockSum(const int *in, int *out) {
  int v = in[threadIdx.x];
  v = warpReduceSum(0xfffffu, v);
  if (threadIdx.x == 0) out[0] = v;
}

int main() {
  const int B = 256, G = 6, N = B * G, S = 20;
  int h[N], sums[G], shortSum = 0;
  for (int i = 0; i < N; i++) h[i] = (i * 7) % 23 - 9;
  int *d, *o;
  cudaMalloc((void **)&d, sizeof h);
  cudaMalloc((void **)&o, sizeof sums);
  cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
  blockSums<<<G, B>>>(d, o);
  cudaMemcpy(sums, o, sizeof sums, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int b = 0; b < G; b++) {
    int expected = 0;
    for (int i = 0; i < B; i++) expected += h[b * B + i];
    if (sums[b] != expected) {
      printf("block %d: %d, expected %d\n", b, sums[b], expected);
      bad++;
    }
  }
  shortBlockSum<<<1, S>>>(d, o);
  cudaMemcpy(&shortSum, o, sizeof(int), cudaMemcpyDeviceToHost);
  int expected = 0;
  for (int i = 0; i < S; i++) expected += h[i];
  if (shortSum != expected) {
    printf("block of %d: %d, expected %d\n", S, shortSum, expected);
    bad++;
  }
  cudaFree(d);
  cudaFree(o);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad ? 1 : 0;
}
