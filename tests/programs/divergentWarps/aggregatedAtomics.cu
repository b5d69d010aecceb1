// Warp-aggregated atomics under a condition each lane decides for itself: the lanes that take the branch
// form a coalesced group (cg::coalesced_threads, from __activemask), its first lane reserves room for all of
// them with one atomicAdd, and the others learn the base by a shuffle from rank 0. The group must be
// exactly the lanes executing together: cpu stopped here with TR0308 and the interpreter's __activemask
// counted lanes on the other side of the branch (TR0308 at the shuffle, as that lane never came).
#include <cstdio>
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__device__ int reserve(int *counter) {
  cg::coalesced_group g = cg::coalesced_threads();
  int base = 0;
  if (g.thread_rank() == 0) base = atomicAdd(counter, (int)g.size());
  return g.shfl(base, 0) + (int)g.thread_rank();
}

// Keeps the positive values (a stream compaction), in any order.
__global__ void keepPositive(const int *src, int *dst, int *count, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && src[i] > 0) dst[reserve(count)] = src[i];
}

// Both sides of a branch aggregate into their own counters; each records the size of the group it saw,
// which must be the number of lanes of its warp on the same side.
__global__ void splitBySign(const int *src, int *neg, int *pos, int *counts, int *groupSize, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int v = src[i];
  if (v < 0) {
    neg[reserve(&counts[0])] = v;
    groupSize[i] = __popc(__activemask());
  } else {
    pos[reserve(&counts[1])] = v;
    groupSize[i] = -__popc(__activemask());
  }
}

int main() {
  const int N = 1000, B = 128, G = (N + B - 1) / B;
  int h[N], out[N], neg[N], pos[N], sizes[N];
  for (int i = 0; i < N; i++) h[i] = (i * 37 + 11) % 23 - 9;   // some zero, some negative
  int *src, *dst, *dneg, *dpos, *counts, *dsizes;
  cudaMalloc((void **)&src, sizeof h);
  cudaMalloc((void **)&dst, sizeof out);
  cudaMalloc((void **)&dneg, sizeof neg);
  cudaMalloc((void **)&dpos, sizeof pos);
  cudaMalloc((void **)&dsizes, sizeof sizes);
  cudaMalloc((void **)&counts, 3 * sizeof(int));
  cudaMemcpy(src, h, sizeof h, cudaMemcpyHostToDevice);
  cudaMemset(counts, 0, 3 * sizeof(int));
  keepPositive<<<G, B>>>(src, dst, &counts[2], N);
  splitBySign<<<G, B>>>(src, dneg, dpos, counts, dsizes, N);
  int c[3];
  cudaMemcpy(c, counts, sizeof c, cudaMemcpyDeviceToHost);
  cudaMemcpy(out, dst, sizeof out, cudaMemcpyDeviceToHost);
  cudaMemcpy(neg, dneg, sizeof neg, cudaMemcpyDeviceToHost);
  cudaMemcpy(pos, dpos, sizeof pos, cudaMemcpyDeviceToHost);
  cudaMemcpy(sizes, dsizes, sizeof sizes, cudaMemcpyDeviceToHost);

  int bad = 0, wantPositive = 0, wantNeg = 0;
  long sum = 0, wantSum = 0, negSum = 0, wantNegSum = 0, posSum = 0;
  int histogram[23] = {0}, seen[23] = {0};
  for (int i = 0; i < N; i++) {
    if (h[i] > 0) { wantPositive++; wantSum += h[i]; }
    if (h[i] < 0) { wantNeg++; wantNegSum += h[i]; }
    histogram[h[i] + 9]++;
  }
  for (int k = 0; k < c[2] && k < N; k++) sum += out[k];
  for (int k = 0; k < c[0] && k < N; k++) { negSum += neg[k]; seen[neg[k] + 9]++; }
  for (int k = 0; k < c[1] && k < N; k++) { posSum += pos[k]; seen[pos[k] + 9]++; }
  for (int k = 0; k < 23; k++) if (seen[k] != histogram[k]) { printf("value %d kept %d times, expected %d\n", k - 9, seen[k], histogram[k]); bad++; }
  for (int i = 0; i < N; i++) {
    int warpStart = i - i % 32, same = 0;
    for (int j = warpStart; j < warpStart + 32 && j < N; j++) same += (h[j] < 0) == (h[i] < 0);
    int want = h[i] < 0 ? same : -same;
    if (sizes[i] != want) { if (bad < 10) printf("thread %d saw a group of %d, expected %d\n", i, sizes[i], want); bad++; }
  }
  printf("positive: kept %d (host %d), sum %ld (host %ld)\n", c[2], wantPositive, sum, wantSum);
  printf("negative: %d (host %d), sum %ld (host %ld); others %d, sum %ld\n", c[0], wantNeg, negSum, wantNegSum, c[1], posSum);
  if (c[2] != wantPositive || sum != wantSum || c[0] != wantNeg || negSum != wantNegSum || c[0] + c[1] != N) bad++;
  printf("first warp's group sizes: %d %d %d %d\n", sizes[0], sizes[1], sizes[2], sizes[3]);
  printf(bad == 0 ? "PASSED\n" : "FAILED\n");
  return bad == 0 ? 0 : 1;
}
