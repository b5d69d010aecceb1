// Warp collectives inside device functions that write memory, called under a thread-dependent condition
// (HeCBench filter, wedford, split). opencl exchanges warp values through work-group barriers, so every
// work-item must reach them; it refused these calls (TR0503) because running such a function for work-items
// outside the branch would write. The functions are now inlined and their statements if-converted; inside
// the branch, coalesced_threads() is the ballot of the branch's condition. Every result is checked against the host.
#include <cstdio>
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

// filter: one atomic per warp for the lanes that took the branch, each lane getting its own slot.
__device__ int atomicAggInc(int *counter) {
  auto g = cg::coalesced_threads();
  int base = 0;
  if (g.thread_rank() == 0) base = atomicAdd(counter, g.size());
  return g.shfl(base, 0) + g.thread_rank();
}

__global__ void keepPositive(const int *in, int *out, int *count, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && in[i] > 0) out[atomicAggInc(count)] = in[i];
}

// wedford: a reduction through reference parameters, run by the first warp only.
__device__ void warpSumInto(int &sum, int &items) {
  for (int offset = 16; offset > 0; offset /= 2) {
    sum += __shfl_down_sync(0xffffffffu, sum, offset);
    items += __shfl_down_sync(0xffffffffu, items, offset);
  }
}

__global__ void firstWarpSums(const int *in, int *out) {
  int sum = in[blockIdx.x * blockDim.x + threadIdx.x], items = 1;
  if (threadIdx.x / 32 == 0) warpSumInto(sum, items);
  if (threadIdx.x == 0) { out[2 * blockIdx.x] = sum; out[2 * blockIdx.x + 1] = items; }
}

// split: an inclusive scan of one warp through shared memory, by the lanes of the first warp.
__device__ int warpScan(int value, int *s) {
  int lane = threadIdx.x;
  s[lane] = value;
  __syncwarp();
  for (int d = 1; d < 32; d *= 2) {
    int add = lane >= d ? s[lane - d] : 0;
    __syncwarp();
    s[lane] += add;
    __syncwarp();
  }
  return s[lane];
}

__global__ void scanFirstWarp(const int *in, int *out) {
  __shared__ int s[32];
  __shared__ int data[128];
  data[threadIdx.x] = in[threadIdx.x];
  __syncthreads();
  if (threadIdx.x < 32) data[threadIdx.x] = warpScan(data[threadIdx.x], s);
  __syncthreads();
  out[threadIdx.x] = data[threadIdx.x];
}

int main() {
  const int n = 1000, threads = 128, blocks = (n + threads - 1) / threads;
  int *in, *out, *count;
  cudaMallocManaged(&in, blocks * threads * sizeof(int));
  cudaMallocManaged(&out, blocks * threads * sizeof(int));
  cudaMallocManaged(&count, sizeof(int));
  int failures = 0;

  for (int i = 0; i < blocks * threads; i++) in[i] = (i * 37) % 23 - 11;
  *count = 0;
  keepPositive<<<blocks, threads>>>(in, out, count, n);
  cudaDeviceSynchronize();
  long want = 0, got = 0;
  int kept = 0;
  for (int i = 0; i < n; i++) if (in[i] > 0) { kept++; want += in[i] * (long)in[i]; }
  for (int k = 0; k < *count && k < n; k++) got += out[k] * (long)out[k];
  if (*count != kept || got != want) { printf("keepPositive: %d kept (sum of squares %ld), expected %d (%ld)\n", *count, got, kept, want); failures++; }

  firstWarpSums<<<blocks, threads>>>(in, out);
  cudaDeviceSynchronize();
  for (int b = 0; b < blocks; b++) {
    int sum = 0;
    for (int t = 0; t < 32; t++) sum += in[b * threads + t];
    if (out[2 * b] != sum || out[2 * b + 1] != 32) {
      printf("firstWarpSums[%d] = %d over %d, expected %d over 32\n", b, out[2 * b], out[2 * b + 1], sum);
      failures++;
    }
  }

  scanFirstWarp<<<1, threads>>>(in, out);
  cudaDeviceSynchronize();
  int running = 0;
  for (int t = 0; t < threads; t++) {
    running += in[t];
    int expect = t < 32 ? running : in[t];
    if (out[t] != expect) { printf("scanFirstWarp[%d] = %d, expected %d\n", t, out[t], expect); failures++; }
  }

  if (failures) { printf("FAILED\n"); return 1; }
  printf("PASSED\n");
  return 0;
}
