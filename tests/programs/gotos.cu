// goto in device and host code. Forwards, to a label later in an enclosing block: the error-path idiom of host code
// (`if (status != cudaSuccess) goto Error; … Error: cudaFree(…)`), a search leaving a loop nest, a jump out of a
// switch in a loop, a jump inside a loop body (taken again on the next round), two jumps in flight at once, and a
// declaration without initializer that the jump passes and the code after the label uses. Backwards: a retry loop
// written with goto (`again: … if (failed) goto again;`), one taken from inside a for loop, one nested in another,
// and a label with jumps both ways.
#include <cstdio>

// Finds the first (row, column) of a 16×16 tile whose value is the thread's key; -1 when there is none.
__global__ void findKey(const int *tile, int *where) {
  int key = threadIdx.x * 3;
  int found = -1;
  for (int r = 0; r < 16; r++)
    for (int c = 0; c < 16; c++)
      if (tile[r * 16 + c] == key) {
        found = r * 16 + c;
        goto done;
      }
  found = -1; // only when the loops ran out
done:
  where[threadIdx.x] = found;
}

// Counts, per thread, the rounds whose kind is not 3; a kind of 3 ends the count, a kind of 1 skips the rest of the
// round (a jump to a label at the end of the loop body), others add their kind.
__global__ void countRounds(const int *kinds, int *counts) {
  int t = threadIdx.x, total = 0;
  for (int i = 0; i < 32; i++) {
    switch (kinds[(t + i) % 64]) {
    case 3: goto stop;
    case 1: goto next;
    default: total += kinds[(t + i) % 64]; break;
    }
    total += 100;
  next:
    total += 1;
  }
  total = -total; // only when no round had kind 3
stop:
  counts[t] = total;
}

// Two labels, two jumps in flight, a declaration the first jump passes.
__device__ int twoExits(int x) {
  int r = 0;
  if (x % 5 == 0) goto fifth;
  if (x % 7 == 0) goto seventh;
  int passed;
  r += 1;
fifth:
  passed = x * 2;
  r += passed;
seventh:
  r += 1000;
  return r;
}

__global__ void exits(int *out) { out[threadIdx.x] = twoExits(threadIdx.x); }

// Collatz steps counted with backward jumps: the outer label restarts while the value is not 1, the inner one halves
// while even, a for loop's body jumps back out of the loop; `both` is reached forwards once, then backwards.
__host__ __device__ int steps(int x) {
  int n = 0, tries = 0;
  if (x < 1) goto done;
again:
  if (x == 1) goto done;
halve:
  if (x % 2 == 0) { x /= 2; n++; goto halve; }
  for (int k = 0; k < 1; k++) {
    if (x != 1) { x = 3 * x + 1; n++; goto again; }
  }
done:
  if (tries++ < 2 && n % 2 == 1) { n += 100; goto both; }
  return n;
both:
  n += 1000;
  goto done;
}

__global__ void collatz(int *out) { out[threadIdx.x] = steps(threadIdx.x); }

static int hostSteps(int x) { // the same without goto
  int n = 0;
  if (x >= 1)
    while (x != 1) {
      if (x % 2 == 0) x /= 2; else x = 3 * x + 1;
      n++;
    }
  for (int tries = 0; tries < 2 && n % 2 == 1; tries++) n += 1100;
  return n;
}

static int hostTwoExits(int x) { // the same as twoExits, without goto
  if (x % 5 == 0) return x * 2 + 1000;
  if (x % 7 == 0) return 1000;
  return 1 + x * 2 + 1000;
}

// The host's error path: every failure jumps to the cleanup.
static cudaError_t runAll(int *bad) {
  cudaError_t status;
  int *tile = 0, *where = 0, *kinds = 0, *counts = 0, *out = 0, *chains = 0;
  int hostTile[256], hostWhere[64], hostKinds[64], hostCounts[64], hostOut[64];
  for (int i = 0; i < 256; i++) hostTile[i] = (i * 7) % 97;
  for (int i = 0; i < 64; i++) hostKinds[i] = (i * 5 + 2) % 11 == 0 ? 3 : (i % 4 == 1 ? 1 : i % 4);
  status = cudaMalloc(&tile, sizeof hostTile);
  if (status != cudaSuccess) goto Error;
  status = cudaMalloc(&where, sizeof hostWhere);
  if (status != cudaSuccess) goto Error;
  status = cudaMalloc(&kinds, sizeof hostKinds);
  if (status != cudaSuccess) goto Error;
  status = cudaMalloc(&counts, sizeof hostCounts);
  if (status != cudaSuccess) goto Error;
  status = cudaMalloc(&out, sizeof hostOut);
  if (status != cudaSuccess) goto Error;
  status = cudaMalloc(&chains, sizeof hostOut);
  if (status != cudaSuccess) goto Error;
  cudaMemcpy(tile, hostTile, sizeof hostTile, cudaMemcpyHostToDevice);
  cudaMemcpy(kinds, hostKinds, sizeof hostKinds, cudaMemcpyHostToDevice);
  findKey<<<1, 64>>>(tile, where);
  countRounds<<<1, 64>>>(kinds, counts);
  exits<<<1, 64>>>(out);
  collatz<<<1, 64>>>(chains);
  status = cudaDeviceSynchronize();
  if (status != cudaSuccess) goto Error;
  cudaMemcpy(hostWhere, where, sizeof hostWhere, cudaMemcpyDeviceToHost);
  cudaMemcpy(hostCounts, counts, sizeof hostCounts, cudaMemcpyDeviceToHost);
  cudaMemcpy(hostOut, out, sizeof hostOut, cudaMemcpyDeviceToHost);
  for (int t = 0; t < 64; t++) {
    int chain;
    cudaMemcpy(&chain, chains + t, sizeof chain, cudaMemcpyDeviceToHost);
    if (chain != hostSteps(t) || steps(t) != hostSteps(t)) { printf("steps %d: %d, want %d\n", t, chain, hostSteps(t)); ++*bad; }
    int want = -1;
    for (int i = 0; i < 256 && want < 0; i++) if (hostTile[i] == t * 3) want = i;
    if (hostWhere[t] != want) { printf("findKey %d: %d, want %d\n", t, hostWhere[t], want); ++*bad; }
    int total = 0, stopped = 0;
    for (int i = 0; i < 32 && !stopped; i++) {
      int kind = hostKinds[(t + i) % 64];
      if (kind == 3) stopped = 1;
      else if (kind == 1) total += 1;
      else total += kind + 100 + 1;
    }
    if (!stopped) total = -total;
    if (hostCounts[t] != total) { printf("countRounds %d: %d, want %d\n", t, hostCounts[t], total); ++*bad; }
    if (hostOut[t] != hostTwoExits(t)) { printf("twoExits %d: %d, want %d\n", t, hostOut[t], hostTwoExits(t)); ++*bad; }
  }
  status = cudaFree((void *)12345); // not an allocation: the error path runs
  if (status != cudaSuccess) goto Error;
  printf("cudaFree of a bad pointer succeeded\n");
  ++*bad;
Error:
  cudaFree(tile);
  cudaFree(where);
  cudaFree(kinds);
  cudaFree(counts);
  cudaFree(out);
  cudaFree(chains);
  return status;
}

int main() {
  int bad = 0;
  cudaError_t status = runAll(&bad);
  if (status != cudaErrorInvalidValue) { printf("status %d, want cudaErrorInvalidValue\n", (int)status); bad++; }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
