// Device functions that synchronize and return before their end (HeCBench attention-paged: the whole
// kernel is a device function that returns early for blocks with no work). Devices that split kernels
// at barriers inline such functions; each early return becomes "set the result, leave". Every result
// is checked against the host.
#include <cstdio>
#include <cstdlib>

// The attention-paged shape: blocks past the work return at once, the others reduce through shared memory.
__device__ void blockSumOrNothing(const int *in, int *out, int activeBlocks) {
  __shared__ int partial[128];
  if (blockIdx.x >= activeBlocks) return;
  int t = threadIdx.x;
  partial[t] = in[blockIdx.x * blockDim.x + t];
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s) partial[t] += partial[t + s];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = partial[0];
}

__global__ void sumActiveBlocks(const int *in, int *out, int activeBlocks) {
  blockSumOrNothing(in, out, activeBlocks);
}

// A value-returning search that leaves from inside a loop with a barrier in it, as soon as the
// block has seen the key (a decision every thread shares through shared memory); -1 when absent.
__device__ int firstChunkWithKey(const int *in, int chunks, int key) {
  __shared__ int found;
  for (int c = 0; c < chunks; c++) {
    if (threadIdx.x == 0) found = 0;
    __syncthreads();
    if (in[c * blockDim.x + threadIdx.x] == key) atomicAdd(&found, 1);
    __syncthreads();
    if (found) return c;
    __syncthreads();
  }
  return -1;
}

__global__ void findKeys(const int *in, int chunks, const int *keys, int *where) {
  int c = firstChunkWithKey(in, chunks, keys[blockIdx.x]);
  if (threadIdx.x == 0) where[blockIdx.x] = c;
}

// A return from an inner loop of a nest (both loops synchronize) must leave the outer loop too.
__device__ int firstRowOverLimit(const int *grid, int rows, int cols, int limit) {
  __shared__ int total;
  for (int r = 0; r < rows; r++) {
    for (int c = 0; c < cols; c++) {
      if (threadIdx.x == 0) total = 0;
      __syncthreads();
      atomicAdd(&total, grid[(r * cols + c) * blockDim.x + threadIdx.x]);
      __syncthreads();
      if (total > limit) return r * cols + c;
      __syncthreads();
    }
  }
  return rows * cols;
}

// (The limit is computed from the block index: a value every thread provably shares.)
__global__ void overLimit(const int *grid, int rows, int cols, int step, int *where) {
  int at = firstRowOverLimit(grid, rows, cols, step * (int)blockIdx.x);
  if (threadIdx.x == 0) where[blockIdx.x] = at;
}

static int failures = 0;

static void expect(const char *what, int index, int got, int want) {
  if (got != want) {
    printf("%s[%d] = %d, expected %d\n", what, index, got, want);
    failures++;
  }
}

int main() {
  const int threads = 64, blocks = 6, active = 4;
  int *in, *out;
  cudaMallocManaged(&in, blocks * threads * sizeof(int));
  cudaMallocManaged(&out, blocks * sizeof(int));
  for (int i = 0; i < blocks * threads; i++) in[i] = (i * 7) % 13;
  for (int b = 0; b < blocks; b++) out[b] = -5;
  sumActiveBlocks<<<blocks, threads>>>(in, out, active);
  cudaDeviceSynchronize();
  for (int b = 0; b < blocks; b++) {
    int want = -5;
    if (b < active) {
      want = 0;
      for (int t = 0; t < threads; t++) want += in[b * threads + t];
    }
    expect("sumActiveBlocks", b, out[b], want);
  }

  const int chunks = 5, searches = 4;
  int *keys, *where;
  cudaMallocManaged(&keys, searches * sizeof(int));
  cudaMallocManaged(&where, searches * sizeof(int));
  for (int i = 0; i < chunks * threads; i++) in[i] = i * 3;
  int keyList[searches] = {3 * 70, 3 * 5, 1, 3 * 319};
  for (int s = 0; s < searches; s++) keys[s] = keyList[s];
  findKeys<<<searches, threads>>>(in, chunks, keys, where);
  cudaDeviceSynchronize();
  for (int s = 0; s < searches; s++) {
    int want = -1;
    for (int i = 0; i < chunks * threads && want < 0; i++)
      if (in[i] == keys[s]) want = i / threads;
    expect("findKeys", s, where[s], want);
  }

  const int rows = 3, cols = 2;
  const int step = threads * 2 + 1;
  int *grid;
  cudaMallocManaged(&grid, rows * cols * threads * sizeof(int));
  for (int i = 0; i < rows * cols * threads; i++) grid[i] = 1 + (i / threads);
  overLimit<<<searches, threads>>>(grid, rows, cols, step, where);
  cudaDeviceSynchronize();
  for (int s = 0; s < searches; s++) {
    int want = rows * cols;
    for (int cell = 0; cell < rows * cols; cell++)
      if ((cell + 1) * threads > step * s) { want = cell; break; }
    expect("overLimit", s, where[s], want);
  }

  if (failures) { printf("FAILED\n"); return 1; }
  printf("PASSED\n");
  return 0;
}
