// Pointers into shared and private memory kept in struct fields, as CUB-style block primitives (a reference member
// bound to __shared__ TempStorage) and lambdas capturing by reference keep them; and lambdas naming the kernel's own
// __shared__ array. opencl refused every one (TR0502: a pointer field was taken to be global); a lambda reading the
// kernel's __shared__ array read a second copy of it on every device (a silent wrong result).
#include <cstdio>

template <int THREADS> struct BlockSum {
  struct TempStorage {
    float partial[THREADS];
    __device__ TempStorage &Alias() { return *this; }
  };
  TempStorage &storage;
  // Bound through a call, as CUB's temp_storage.Alias(): opencl keeps the field's address in a temporary first.
  __device__ BlockSum(TempStorage &s) : storage(s.Alias()) {}
  __device__ float Sum(float v) {
    storage.partial[threadIdx.x] = v;
    __syncthreads();
    float total = 0;
    for (int i = 0; i < THREADS; i++) total += storage.partial[i];
    __syncthreads();
    return total;
  }
};

struct Tile {
  float *cells;  // into shared memory
  int width;
  __device__ float at(int i) const { return cells[i % width]; }
};

struct Cursor {
  const int *data;  // into a thread's own array
  int step;
  __device__ int next(int i) const { return data[(i * step) % 4]; }
};

template <typename F> __device__ void forEach(int n, F f) {
  for (int i = 0; i < n; i++) f(i);
}

template <typename T> __global__ void kernel(const T *in, T *out, int *counts) {
  __shared__ typename BlockSum<64>::TempStorage temp;
  __shared__ float cells[64];
  __shared__ T staged[64];
  int t = threadIdx.x;
  T x = in[blockIdx.x * blockDim.x + t];
  cells[t] = (float)x;
  staged[t] = x;
  __syncthreads();
  Tile tile = {cells, 64};
  int own[4] = {t, t + 1, 2 * t, 3};
  Cursor cursor{own, 3};
  T acc = 0;
  int seen = 0;
  // Captures acc and seen by reference (private pointers in the closure) and names staged, the kernel's own array.
  forEach(4, [&](int i) { acc += staged[(t + i) % 64]; seen += cursor.next(i); });
  float total = BlockSum<64>(temp).Sum(tile.at(t + 1));
  out[blockIdx.x * blockDim.x + t] = acc + (T)total;
  counts[blockIdx.x * blockDim.x + t] = seen;
}

template <typename T> int check(const char *name) {
  const int n = 128;
  T h[n], o[n];
  int c[n];
  for (int i = 0; i < n; i++) h[i] = (T)(i % 7) + (T)0.5;
  T *din, *dout;
  int *dc;
  cudaMalloc(&din, sizeof h);
  cudaMalloc(&dout, sizeof h);
  cudaMalloc(&dc, sizeof c);
  cudaMemcpy(din, h, sizeof h, cudaMemcpyHostToDevice);
  kernel<T><<<2, 64>>>(din, dout, dc);
  cudaMemcpy(o, dout, sizeof o, cudaMemcpyDeviceToHost);
  cudaMemcpy(c, dc, sizeof c, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int b = 0; b < 2; b++) {
    float total = 0;
    for (int i = 0; i < 64; i++) total += (float)h[b * 64 + i];
    for (int t = 0; t < 64; t++) {
      T acc = 0;
      for (int i = 0; i < 4; i++) acc += h[b * 64 + (t + i) % 64];
      int own[4] = {t, t + 1, 2 * t, 3}, seen = 0;
      for (int i = 0; i < 4; i++) seen += own[(i * 3) % 4];
      if (o[b * 64 + t] != acc + (T)total || c[b * 64 + t] != seen) bad++;
    }
  }
  printf("%s: %d of %d wrong, first %g\n", name, bad, n, (double)o[0]);
  return bad;
}

int main() {
  int bad = check<float>("float") + check<double>("double") + check<int>("int");
  printf(bad == 0 ? "Test PASSED\n" : "Test FAILED\n");
  return bad != 0;
}
