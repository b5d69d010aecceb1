// Cooperative groups beyond a warp tile: a struct shuffled as words, a 128-thread tile reduced across
// warps, tile scans, __match_any_sync and __reduce_*_sync, binary_partition ranks, memcpy_async + wait;
// invoke_one and invoke_one_broadcast (undeclared before: one call per group, its result given to the group).
#include <cstdio>
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cooperative_groups/scan.h>
#include <cooperative_groups/memcpy_async.h>
namespace cg = cooperative_groups;

__global__ void tiles(const int *in, int *out) {
  __shared__ int staged[256];
  cg::thread_block block = cg::this_thread_block();
  cg::memcpy_async(block, staged, in, sizeof(int) * 256);
  cg::wait(block);
  int v = staged[block.thread_rank()];
  auto warp = cg::tiled_partition<32>(block);
  uint4 q = make_uint4(v, v + 1, v + 2, v + 3);
  uint4 r = warp.shfl_xor(q, 1);                              // a struct shuffled as words
  auto pair = cg::tiled_partition<128>(block);                // a tile spanning warps
  int sum128 = cg::reduce(pair, v, cg::plus<int>());
  int incl = cg::inclusive_scan(warp, v);
  int excl = cg::exclusive_scan(warp, v, cg::plus<int>());
  unsigned same = __match_any_sync(0xffffffffu, v % 3);
  unsigned total = __reduce_add_sync(0xffffffffu, (unsigned)v);
  int mx = __reduce_max_sync(0xffffffffu, v);
  int t = block.thread_rank();
  out[t * 8 + 0] = (int)(r.x + r.w);
  out[t * 8 + 1] = sum128;
  out[t * 8 + 2] = incl;
  out[t * 8 + 3] = excl;
  out[t * 8 + 4] = (int)same;
  out[t * 8 + 5] = (int)total;
  out[t * 8 + 6] = mx;
  auto parity = cg::binary_partition(warp, v & 1);
  out[t * 8 + 7] = (int)(parity.size() * 100 + parity.thread_rank() + 10000 * parity.meta_group_rank());
}

__global__ void oneOfEachTile(int *counters, int *tickets) {
  auto tile = cg::tiled_partition<16>(cg::this_thread_block());
  cg::invoke_one(tile, [=] { atomicAdd(&counters[0], 1); });
  tickets[cg::this_thread_block().thread_rank()] = cg::invoke_one_broadcast(tile, [=] { return atomicAdd(&counters[1], 1); });
}

int main() {
  const int N = 256;
  int h[N], *d_in, *d_out, o[N * 8];
  for (int i = 0; i < N; i++) h[i] = (i * 7) % 50;
  cudaMalloc(&d_in, sizeof h); cudaMalloc(&d_out, sizeof o);
  cudaMemcpy(d_in, h, sizeof h, cudaMemcpyHostToDevice);
  tiles<<<1, N>>>(d_in, d_out);
  cudaMemcpy(o, d_out, sizeof o, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int t = 0; t < N; t++) {
    int w = t / 32 * 32, lane = t % 32, p = t / 128 * 128;
    int partner = h[t ^ 1];
    int e[8] = {};
    e[0] = partner + partner + 3;
    for (int i = p; i < p + 128; i++) e[1] += h[i];
    for (int i = w; i <= t; i++) e[2] += h[i];
    e[3] = e[2] - h[t];
    unsigned same = 0; for (int l = 0; l < 32; l++) if (h[w + l] % 3 == h[t] % 3) same |= 1u << l;
    e[4] = (int)same;
    unsigned total = 0; int mx = h[w]; for (int l = 0; l < 32; l++) { total += h[w + l]; if (h[w + l] > mx) mx = h[w + l]; }
    e[5] = (int)total; e[6] = mx;
    int size = 0, rank = 0; for (int l = 0; l < 32; l++) if ((h[w + l] & 1) == (h[t] & 1)) { size++; if (l < lane) rank++; }
    e[7] = size * 100 + rank + 10000 * (h[t] & 1);
    for (int k = 0; k < 8; k++) if (o[t * 8 + k] != e[k]) { if (bad < 5) printf("t=%d k=%d got %d want %d\n", t, k, o[t * 8 + k], e[k]); bad++; }
  }
  int *counters, *tickets;
  cudaMallocManaged(&counters, 2 * sizeof(int));
  cudaMallocManaged(&tickets, 96 * sizeof(int));
  counters[0] = counters[1] = 0;
  oneOfEachTile<<<1, 96>>>(counters, tickets);
  cudaDeviceSynchronize();
  unsigned seen = 0;
  for (int t = 0; t < 96; t++) {
    if (tickets[t] != tickets[t / 16 * 16] || tickets[t] < 0 || tickets[t] >= 6) bad++;
    else seen |= 1u << tickets[t];
  }
  if (counters[0] != 6 || counters[1] != 6 || seen != 63u) { bad++; printf("invoke_one: %d calls, %d tickets, seen %x\n", counters[0], counters[1], seen); }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
