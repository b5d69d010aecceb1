// Loops whose trip count differs between the lanes of a warp, with warp operations inside: the lanes
// still iterating run them together and the others wait after the loop. cpu stopped at each of these
// with TR0308 (lanes disagree on a condition guarding a warp operation).
#include <cstdio>
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

// A grid-stride loop whose last round only some lanes run; in each round the lanes present split by
// parity (cg::binary_partition of the coalesced group) and each half sums its values with cg::reduce.
__global__ void paritySums(const int *in, int n, int *oddCount, int *sums) {
  int stride = gridDim.x * blockDim.x;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
    int v = in[i];
    cg::coalesced_group present = cg::coalesced_threads();
    cg::coalesced_group half = cg::binary_partition(present, v & 1);
    if (v & 1) {
      int s = cg::reduce(half, v, cg::plus<int>());
      if (half.thread_rank() == 0) {
        atomicAdd(oddCount, (int)half.size());
        atomicAdd(&sums[0], s);
      }
    } else {
      int s = cg::reduce(half, v, cg::plus<int>());
      if (half.thread_rank() == 0) atomicAdd(&sums[1], s);
    }
    present.sync();
  }
}

// Each lane runs trips[lane] rounds (a while loop); every round records which lanes are still there and
// gives the lowest of them a value from the highest by a shuffle over exactly those lanes.
__global__ void shrinkingRounds(const int *trips, int *together, int *fromTop) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  int left = trips[t], round = 0, seen = 0, got = 0;
  while (left > 0) {
    unsigned m = __activemask();
    seen += __popc(m);
    int top = 31 - __clz(m);
    int v = __shfl_sync(m, t * 100 + round, top);
    if ((t & 31) == __ffs(m) - 1) got += v;
    left--;
    round++;
  }
  together[t] = seen;
  fromTop[t] = got;
}

// A counted loop left early by break (at a per-lane limit) and by return (lanes whose value is negative,
// once they reach it); the remaining lanes vote and shuffle among themselves.
__global__ void leaveEarly(const int *limit, const int *vals, int *out) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  int lane = t & 31, acc = 0;
  for (int k = 0; k < 12; k++) {
    if (k >= limit[t]) break;
    if (k == 6 && vals[t] < 0) {
      out[t] = -1000 - acc;
      return;
    }
    unsigned m = __activemask();
    unsigned odd = __ballot_sync(m, vals[t] & 1);
    acc += __popc(odd) + __shfl_sync(m, lane, __ffs(m) - 1) * 100 + (__any_sync(m, k == limit[t] - 1) ? 10000 : 0);
  }
  out[t] = acc;
}

// In a block of 40 threads (the second warp has 8 lanes): a do-while run at least once per lane, with each
// parity shuffling or counting among its own lanes; the lanes rejoin after it; then a loop whose lanes skip
// rounds by continue and leave by break, shuffling within a ballot of the lanes that stay.
__global__ void skipAndRejoin(const int *trip, int *out) {
  int t = threadIdx.x, lane = t & 31;
  int k = 0, acc = 0;
  do {
    if (lane & 1) {
      acc += __popc(__activemask()) * 3;
    } else {
      unsigned m = __activemask();
      acc += __shfl_sync(m, lane, 31 - __clz(m)) + 100 * __popc(m);
    }
    k++;
  } while (k < trip[t]);
  int after = __popc(__activemask());
  int c = 0;
  for (int j = 0; j < 10; j++) {
    unsigned m = __ballot_sync(__activemask(), j % (lane % 3 + 1) != 0);
    if (j % (lane % 3 + 1) == 0) continue;
    c += __shfl_sync(m, j * 10 + lane, __ffs(m) - 1) + __popc(m);
    if (j == trip[t]) break;
  }
  out[t] = acc * 1000 + after * 10000000 + c;
}

int main() {
  int bad = 0;
  // paritySums: 1000 values over 2 blocks of 96 threads (stride 192: the last round is partial).
  const int N = 1000;
  int h[N];
  for (int i = 0; i < N; i++) h[i] = (i * 29 + 3) % 17;
  int *din, *dcount, *dsums;
  cudaMalloc((void **)&din, sizeof h);
  cudaMalloc((void **)&dcount, sizeof(int));
  cudaMalloc((void **)&dsums, 2 * sizeof(int));
  cudaMemcpy(din, h, sizeof h, cudaMemcpyHostToDevice);
  cudaMemset(dcount, 0, sizeof(int));
  cudaMemset(dsums, 0, 2 * sizeof(int));
  paritySums<<<2, 96>>>(din, N, dcount, dsums);
  int count, sums[2], wantCount = 0, wantSums[2] = {0, 0};
  cudaMemcpy(&count, dcount, sizeof count, cudaMemcpyDeviceToHost);
  cudaMemcpy(sums, dsums, sizeof sums, cudaMemcpyDeviceToHost);
  for (int i = 0; i < N; i++) {
    if (h[i] & 1) { wantCount++; wantSums[0] += h[i]; }
    else wantSums[1] += h[i];
  }
  printf("odd values %d (host %d), odd sum %d (host %d), even sum %d (host %d)\n", count, wantCount, sums[0], wantSums[0], sums[1], wantSums[1]);
  if (count != wantCount || sums[0] != wantSums[0] || sums[1] != wantSums[1]) bad++;

  // shrinkingRounds and leaveEarly: 64 threads, per-lane trip counts and limits.
  const int T = 64;
  int trips[T], together[T], fromTop[T], limit[T], vals[T], out[T];
  for (int t = 0; t < T; t++) {
    trips[t] = (t * 7) % 11;
    limit[t] = (t * 5) % 13;
    vals[t] = (t % 9 == 4) ? -t : t * 3;
  }
  int *dtrips, *dtogether, *dtop, *dlimit, *dvals, *dout;
  cudaMalloc((void **)&dtrips, sizeof trips);
  cudaMalloc((void **)&dtogether, sizeof together);
  cudaMalloc((void **)&dtop, sizeof fromTop);
  cudaMalloc((void **)&dlimit, sizeof limit);
  cudaMalloc((void **)&dvals, sizeof vals);
  cudaMalloc((void **)&dout, sizeof out);
  cudaMemcpy(dtrips, trips, sizeof trips, cudaMemcpyHostToDevice);
  cudaMemcpy(dlimit, limit, sizeof limit, cudaMemcpyHostToDevice);
  cudaMemcpy(dvals, vals, sizeof vals, cudaMemcpyHostToDevice);
  shrinkingRounds<<<1, T>>>(dtrips, dtogether, dtop);
  leaveEarly<<<2, T / 2>>>(dlimit, dvals, dout);
  cudaMemcpy(together, dtogether, sizeof together, cudaMemcpyDeviceToHost);
  cudaMemcpy(fromTop, dtop, sizeof fromTop, cudaMemcpyDeviceToHost);
  cudaMemcpy(out, dout, sizeof out, cudaMemcpyDeviceToHost);
  for (int t = 0; t < T; t++) {
    int base = t - t % 32, seen = 0, got = 0;
    for (int r = 0; r < trips[t]; r++) {
      int low = -1, high = -1, n = 0;
      for (int l = base; l < base + 32; l++)
        if (trips[l] > r) { if (low < 0) low = l; high = l; n++; }
      seen += n;
      if (low == t) got += high * 100 + r;
    }
    if (together[t] != seen || fromTop[t] != got) {
      printf("shrinkingRounds thread %d: %d %d, expected %d %d\n", t, together[t], fromTop[t], seen, got);
      bad++;
    }
    int acc = 0, want;
    bool returned = false;
    for (int k = 0; k < 12 && k < limit[t]; k++) {
      if (k == 6 && vals[t] < 0) { returned = true; break; }
      int odd = 0, last = 0, lowest = -1;
      for (int l = base; l < base + 32; l++) {
        bool here = k < limit[l] && !(k >= 6 && vals[l] < 0);
        if (here && lowest < 0) lowest = l - base;
        if (here && (vals[l] & 1)) odd++;
        if (here && k == limit[l] - 1) last = 1;
      }
      acc += odd + lowest * 100 + (last ? 10000 : 0);
    }
    want = returned ? -1000 - acc : acc;
    if (out[t] != want) {
      printf("leaveEarly thread %d: %d, expected %d\n", t, out[t], want);
      bad++;
    }
  }
  printf("shrinkingRounds: lane 1 saw %d lanes in all, got %d; leaveEarly: lane 3 %d, lane 4 %d\n", together[1], fromTop[1], out[3], out[4]);
  // skipAndRejoin: a host model of which lanes run each round.
  const int S = 40;
  int strip[S], sout[S];
  for (int t = 0; t < S; t++) strip[t] = (t * 5) % 7;
  int *dstrip, *dsout;
  cudaMalloc((void **)&dstrip, sizeof strip);
  cudaMalloc((void **)&dsout, sizeof sout);
  cudaMemcpy(dstrip, strip, sizeof strip, cudaMemcpyHostToDevice);
  skipAndRejoin<<<1, S>>>(dstrip, dsout);
  cudaMemcpy(sout, dsout, sizeof sout, cudaMemcpyDeviceToHost);
  for (int t = 0; t < S; t++) {
    int lane = t % 32, base = t - lane, end = base + 32 < S ? base + 32 : S, acc = 0, c = 0;
    int rounds = strip[t] > 1 ? strip[t] : 1;
    for (int r = 0; r < rounds; r++) {
      int n = 0, high = -1;
      for (int l = base; l < end; l++)
        if ((l & 1) == (t & 1) && (strip[l] > 1 ? strip[l] : 1) > r) { n++; high = l - base; }
      acc += (t & 1) ? n * 3 : high + 100 * n;
    }
    bool gone[32] = {false};
    for (int j = 0; j < 10 && !gone[lane]; j++) {
      int n = 0, low = -1;
      for (int l = base; l < end; l++)
        if (!gone[l - base] && j % ((l - base) % 3 + 1) != 0) { n++; if (low < 0) low = l - base; }
      if (j % (lane % 3 + 1) != 0) {
        c += j * 10 + low + n;
        if (j == strip[t]) gone[lane] = true;
      }
      for (int l = base; l < end; l++)   // the other lanes that break this round
        if (l != t && !gone[l - base] && j % ((l - base) % 3 + 1) != 0 && j == strip[l]) gone[l - base] = true;
    }
    int want = acc * 1000 + (end - base) * 10000000 + c;
    if (sout[t] != want) {
      printf("skipAndRejoin thread %d: %d, expected %d\n", t, sout[t], want);
      bad++;
    }
  }
  printf("skipAndRejoin: thread 1 %d, thread 34 %d\n", sout[1], sout[34]);
  printf(bad == 0 ? "PASSED\n" : "FAILED\n");
  return bad == 0 ? 0 : 1;
}
