// Warp collectives inside loops whose trip count depends on the thread: grid-stride loops around
// coalesced_threads() (warp-aggregated atomics, NVIDIA warpAggregatedAtomicsCG), around
// binary_partition and reduce (NVIDIA binaryPartitionCG), one left by continue and break, per-thread while and
// do-while loops, and such a loop under a thread-dependent if. opencl refused all of them (TR0503); each result checked here is
// the same however the lanes are grouped (a group's leader adds the group's size or sum once).
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cstdio>
namespace cg = cooperative_groups;

// Keeps the odd values, each at a slot one atomic per warp hands out.
__global__ void filterOdd(const int *in, int *out, int *count, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    if (in[i] % 2 != 0) {
      cg::coalesced_group active = cg::coalesced_threads();
      int base = 0;
      if (active.thread_rank() == 0) base = atomicAdd(count, active.size());
      base = active.shfl(base, 0);
      out[base + active.thread_rank()] = in[i];
    }
  }
}

// Sums odd and even values apart: each warp splits by parity and reduces each part. The whole tile
// must take part in binary_partition, so n is a multiple of the grid's threads.
__global__ void paritySums(const int *in, int *sums, int n) {
  cg::thread_block_tile<32> tile = cg::tiled_partition<32>(cg::this_thread_block());
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int v = in[i];
    cg::coalesced_group part = cg::binary_partition(tile, v & 1);
    int s = cg::reduce(part, v, cg::plus<int>());
    if (part.thread_rank() == 0) atomicAdd(&sums[v & 1], s);
  }
}

// Counts, a group at a time, the values each thread meets before its first one below -45, zeros skipped.
__global__ void countUntilSentinel(const int *in, int *count, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int v = in[i];
    if (v == 0) continue;
    if (v < -45) break;
    cg::coalesced_group g = cg::coalesced_threads();
    if (g.thread_rank() == 0) atomicAdd(count, g.size());
  }
}

// Thread t iterates t % 7 times (while) and t % 5 + 1 times (do-while), the second loop only for
// threads with t % 3 != 0; each iteration's group adds its size, so the totals count iterations.
__global__ void perThreadLoops(int *totals) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  int k = 0;
  while (k < t % 7) {
    cg::coalesced_group g = cg::coalesced_threads();
    if (g.thread_rank() == 0) atomicAdd(&totals[0], g.size());
    k++;
  }
  if (t % 3 != 0) {
    int j = 0;
    do {
      unsigned lanes = __activemask();
      int first = __ffs(lanes) - 1;
      int sum = 0;
      for (int l = 0; l < 32; l++)
        if (lanes & (1u << l)) sum += __shfl_sync(lanes, j + 1, l);
      if ((int)(threadIdx.x % 32) == first) atomicAdd(&totals[1], sum);
      j++;
    } while (j < t % 5 + 1);
  }
}

int main() {
  const int N = 5000, B = 256, G = 4;
  int h[N];
  for (int i = 0; i < N; i++) h[i] = (i * 37) % 101 - 50;
  int *in, *out, *count, *sums;
  cudaMalloc((void **)&in, sizeof h);
  cudaMalloc((void **)&out, sizeof h);
  cudaMalloc((void **)&count, sizeof(int));
  cudaMalloc((void **)&sums, 2 * sizeof(int));
  cudaMemcpy(in, h, sizeof h, cudaMemcpyHostToDevice);
  cudaMemset(count, 0, sizeof(int));
  cudaMemset(sums, 0, 2 * sizeof(int));
  int bad = 0;

  filterOdd<<<G, B>>>(in, out, count, N);
  int kept = 0, got[N];
  cudaMemcpy(&kept, count, sizeof(int), cudaMemcpyDeviceToHost);
  cudaMemcpy(got, out, sizeof got, cudaMemcpyDeviceToHost);
  // The kept values in any order: compare how often each value occurs.
  int want[101] = {0}, seen[101] = {0}, odd = 0;
  for (int i = 0; i < N; i++)
    if (h[i] % 2 != 0) { want[h[i] + 50]++; odd++; }
  for (int i = 0; i < kept && i < N; i++)
    if (got[i] >= -50 && got[i] <= 50) seen[got[i] + 50]++;
  int differ = kept != odd;
  for (int v = 0; v < 101; v++) differ += want[v] != seen[v];
  printf("filterOdd: kept %d of %d odd values, %d counts differ\n", kept, odd, differ);
  bad += differ;

  const int M = 4 * G * B;
  paritySums<<<G, B>>>(in, sums, M);
  int s[2], e[2] = {0, 0};
  cudaMemcpy(s, sums, sizeof s, cudaMemcpyDeviceToHost);
  for (int i = 0; i < M; i++) e[h[i] & 1] += h[i];
  printf("paritySums: even %d (host %d), odd %d (host %d)\n", s[0], e[0], s[1], e[1]);
  bad += (s[0] != e[0]) + (s[1] != e[1]);

  int *met, m = 0, mh = 0;
  cudaMalloc((void **)&met, sizeof(int));
  cudaMemset(met, 0, sizeof(int));
  countUntilSentinel<<<G, B>>>(in, met, N);
  cudaMemcpy(&m, met, sizeof(int), cudaMemcpyDeviceToHost);
  for (int t = 0; t < G * B; t++)
    for (int i = t; i < N; i += G * B) {
      if (h[i] == 0) continue;
      if (h[i] < -45) break;
      mh++;
    }
  printf("countUntilSentinel: %d (host %d)\n", m, mh);
  bad += m != mh;
  cudaFree(met);

  const int threads[2] = {256, 100};
  for (int c = 0; c < 2; c++) {
    int *totals, r[2], x[2] = {0, 0};
    cudaMalloc((void **)&totals, sizeof r);
    cudaMemset(totals, 0, sizeof r);
    perThreadLoops<<<3, threads[c]>>>(totals);
    cudaMemcpy(r, totals, sizeof r, cudaMemcpyDeviceToHost);
    for (int t = 0; t < 3 * threads[c]; t++) {
      x[0] += t % 7;
      if (t % 3 != 0)
        for (int j = 0; j < t % 5 + 1; j++) x[1] += j + 1;
    }
    printf("perThreadLoops, %d threads: %d and %d (host %d and %d)\n", threads[c], r[0], r[1], x[0], x[1]);
    bad += (r[0] != x[0]) + (r[1] != x[1]);
    cudaFree(totals);
  }

  cudaFree(in);
  cudaFree(out);
  cudaFree(count);
  cudaFree(sums);
  printf(bad == 0 ? "PASSED\n" : "FAILED\n");
  return bad == 0 ? 0 : 1;
}
