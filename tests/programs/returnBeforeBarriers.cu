// Threads that return before barriers the rest of the block still reaches (HeCBench matern, morphology,
// surfel): in CUDA an exited thread no longer holds a barrier up. OpenCL needs every work-item at each
// barrier, so the opencl device keeps the returned work-items at the later barriers doing nothing else
// (it refused these kernels with TR0504 before). Every result is checked against the host.
#include <cstdio>

static int failures = 0;

static void expect(const char *what, int index, int got, int want) {
  if (got != want) {
    printf("%s[%d] = %d, expected %d\n", what, index, got, want);
    failures++;
  }
}

// The matern shape: threads past the work return, the others stage data in shared memory between barriers.
__global__ void neighbourSums(const int *in, int *out, int n) {
  __shared__ int tile[128];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  tile[threadIdx.x] = 0;
  __syncthreads();
  if (i >= n) return;
  tile[threadIdx.x] = in[i];
  __syncthreads();
  int left = threadIdx.x > 0 ? tile[threadIdx.x - 1] : 0;
  int right = threadIdx.x + 1 < blockDim.x ? tile[threadIdx.x + 1] : 0;
  __syncthreads();
  tile[threadIdx.x] = left + right;
  __syncthreads();
  out[i] = tile[threadIdx.x] + tile[(threadIdx.x + 1) % blockDim.x];
}

// A tiled loop with barriers after the return: the loop's bounds come from parameters, a count computed
// before the return, and a value every thread computes after it.
__global__ void tiledColumnSums(const int *in, int *out, int rows, int cols) {
  __shared__ int tile[64];
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  int tiles = (rows + 63) / 64;
  tile[threadIdx.x] = 0;
  if (col >= cols) return;
  int sum = 0;
  int step = 2 * (int)blockDim.x / 2;
  for (int t = 0; t < tiles; t++) {
    for (int r = 0; r < 64; r++)
      if (t * 64 + r < rows && r == (int)threadIdx.x % 64) tile[r] = 0;
    __syncthreads();
    for (int r = 0; r < 64 && t * 64 + r < rows; r++) sum += in[(t * 64 + r) * cols + col];
    __syncthreads();
  }
  out[col] = sum + step - (int)blockDim.x;
}

// A return inside the barrier loop: thread t leaves after round t, the others go on summing what the
// remaining threads published; the returned ones no longer write.
__global__ void shrinkingSums(int *out, int rounds) {
  __shared__ int value[64];
  __shared__ int total;
  int t = threadIdx.x;
  int mine = 0;
  for (int r = 0; r < rounds; r++) {
    if (t == (int)blockDim.x - 1) total = 0;
    __syncthreads();
    if (t < r) return;
    atomicAdd(&total, t + r);
    __syncthreads();
    mine += total;
    value[t] = mine;
    __syncthreads();
  }
  out[blockIdx.x * blockDim.x + t] = value[t];
}

// The morphology shape: a device function with barriers in a loop, called after the return.
__device__ void prefixMax(int *s, int n) {
  for (int offset = 1; offset < n; offset *= 2) {
    int v = 0;
    if (threadIdx.x >= offset && threadIdx.x < n) v = s[threadIdx.x - offset];
    __syncthreads();
    if (threadIdx.x < n && v > s[threadIdx.x]) s[threadIdx.x] = v;
    __syncthreads();
  }
}

__global__ void runningMax(const int *in, int *out, int width, int n) {
  __shared__ int s[128];
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  s[threadIdx.x] = -1000;
  __syncthreads();
  if (x >= width) return;
  s[threadIdx.x] = in[x];
  __syncthreads();
  prefixMax(s, n);
  out[x] = s[threadIdx.x];
}

// A return from inside an inner loop without barriers, then barriers: the thread leaves both the loop and
// the kernel's later work.
__global__ void firstNegative(const int *in, int *where, int *count, int len) {
  __shared__ int seen;
  if (threadIdx.x == 0) seen = 0;
  __syncthreads();
  int base = (blockIdx.x * blockDim.x + threadIdx.x) * len;
  for (int k = 0; k < len; k++) {
    if (in[base + k] < 0) {
      where[blockIdx.x * blockDim.x + threadIdx.x] = k;
      return;
    }
  }
  atomicAdd(&seen, 1);
  __syncthreads();
  if (threadIdx.x == 1) count[blockIdx.x] = seen; // thread 1 has no negative item
}

// A warp reduction after the return (whole warps return, so the full mask names only live lanes): on opencl
// the shuffles are work-group exchanges, which the returned work-items must take part in too.
__device__ int warpSum(int v) {
  for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
  return v;
}

__global__ void warpSums(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int s = warpSum(in[i]);
  if (threadIdx.x % 32 == 0) out[i / 32] = s;
}

int main() {
  const int n = 300, threads = 128, blocks = (n + threads - 1) / threads;
  int *in, *out;
  cudaMallocManaged(&in, 4096 * sizeof(int));
  cudaMallocManaged(&out, 4096 * sizeof(int));

  for (int i = 0; i < n; i++) in[i] = (i * 37) % 101 - 50;
  for (int i = 0; i < blocks * threads; i++) out[i] = -7;
  neighbourSums<<<blocks, threads>>>(in, out, n);
  cudaDeviceSynchronize();
  for (int i = 0; i < blocks * threads; i++) {
    int want = -7;
    if (i < n) {
      int b = i / threads, t = i % threads;
      auto sumAt = [&](int u) {
        int g = b * threads + u;
        int left = u > 0 && g - 1 < n ? in[g - 1] : 0;
        int right = u + 1 < threads && g + 1 < n ? in[g + 1] : 0;
        return g < n ? left + right : 0;
      };
      want = sumAt(t) + sumAt((t + 1) % threads);
    }
    expect("neighbourSums", i, out[i], want);
  }

  const int rows = 150, cols = 100;
  for (int i = 0; i < rows * cols && i < 4096; i++) in[i] = i % 17 - 8;
  int *grid;
  cudaMallocManaged(&grid, rows * cols * sizeof(int));
  for (int i = 0; i < rows * cols; i++) grid[i] = (i * 13) % 29 - 14;
  for (int i = 0; i < 128; i++) out[i] = -7;
  tiledColumnSums<<<2, 64>>>(grid, out, rows, cols);
  cudaDeviceSynchronize();
  for (int c = 0; c < 128; c++) {
    int want = -7;
    if (c < cols) {
      want = 0;
      for (int r = 0; r < rows; r++) want += grid[r * cols + c];
    }
    expect("tiledColumnSums", c, out[c], want);
  }

  const int rounds = 5, group = 64;
  for (int i = 0; i < 2 * group; i++) out[i] = -7;
  shrinkingSums<<<2, group>>>(out, rounds);
  cudaDeviceSynchronize();
  for (int b = 0; b < 2; b++)
    for (int t = 0; t < group; t++) {
      // Threads below rounds - 1 returned; value[t] then holds what t published last (never overwritten).
      int mine = 0, last = 0;
      for (int r = 0; r < rounds && t >= r; r++) {
        int total = 0;
        for (int u = r; u < group; u++) total += u + r;
        mine += total;
        last = mine;
      }
      int want = t < rounds - 1 ? -7 : last;
      expect("shrinkingSums", b * group + t, out[b * group + t], want);
    }

  const int width = 200, span = 100;
  for (int i = 0; i < width; i++) in[i] = (i * 53) % 97;
  for (int i = 0; i < 256; i++) out[i] = -7;
  runningMax<<<2, 128>>>(in, out, width, span);
  cudaDeviceSynchronize();
  for (int x = 0; x < 256; x++) {
    int want = -7;
    if (x < width) {
      int b = x / 128, t = x % 128;
      want = in[x];
      if (t < span)
        for (int u = 0; u <= t; u++) {
          int v = b * 128 + u < width ? in[b * 128 + u] : -1000;
          if (v > want) want = v;
        }
    }
    expect("runningMax", x, out[x], want);
  }

  const int len = 8, items = 2 * 64;
  int *where, *count;
  cudaMallocManaged(&where, items * sizeof(int));
  cudaMallocManaged(&count, 2 * sizeof(int));
  for (int i = 0; i < items * len; i++) grid[i] = (i % 7 == 3 && (i / len) % 3 == 0) ? -1 : 1;
  for (int i = 0; i < items; i++) where[i] = -7;
  firstNegative<<<2, 64>>>(grid, where, count, len);
  cudaDeviceSynchronize();
  for (int b = 0; b < 2; b++) {
    int seen = 0;
    for (int t = 0; t < 64; t++) {
      int item = b * 64 + t, want = -7;
      for (int k = 0; k < len; k++)
        if (grid[item * len + k] < 0) { want = k; break; }
      if (want < 0) seen++;
      expect("firstNegative", item, where[item], want);
    }
    expect("firstNegative count", b, count[b], seen);
  }

  const int warpItems = 5 * 32;
  for (int i = 0; i < 256; i++) in[i] = (i * 29) % 31 - 15;
  for (int i = 0; i < 8; i++) out[i] = -7;
  warpSums<<<2, 128>>>(in, out, warpItems);
  cudaDeviceSynchronize();
  for (int w = 0; w < 8; w++) {
    int want = -7;
    if (w < 5) {
      want = 0;
      for (int l = 0; l < 32; l++) want += in[w * 32 + l];
    }
    expect("warpSums", w, out[w], want);
  }

  if (failures) { printf("FAILED\n"); return 1; }
  printf("PASSED\n");
  return 0;
}
