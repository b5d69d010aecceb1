// Kernel parameters that are structs holding device pointers (FlashInfer-style `Params`, HeCBench
// attentionMultiHeadKVCache, NVIDIA graphMemoryNodes): a pointer in a nested struct, an array of
// pointers, a null pointer the kernel tests, two pointers into the middle of one allocation (at offsets no
// OpenCL sub-buffer may start at), and a pointer into a __device__ global.
// Also a plain pointer argument into a __device__ array no kernel names. OpenCL cannot pass pointers inside a
// struct argument; opencl left such kernels out (TR0512/TR0508), and a variable no kernel named had no storage
// there (cudaGetSymbolAddress gave null: SIGSEGV in the kernel).
#include <cstdio>

struct Span {
  const float *data;
  int n;
};

struct Params {
  Span in;           // a pointer one struct down
  float *out;
  int *counts[2];    // an array of pointers
  float scale;
  const int *absent; // null: the kernel tests it
};

__device__ int table[8];
__device__ float spare[4] = {1.0f, 2.0f, 3.0f, 4.0f};

struct Lookup {
  int *entries; // points into the __device__ array above
  int shift;
};

__global__ void apply(Params p) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < p.in.n) {
    p.out[i] = p.in.data[i] * p.scale + (p.absent == nullptr ? 1.0f : -1000.0f);
    atomicAdd(p.counts[i & 1], 1);
  }
}

// a and b point 1 and 3 floats into the same allocation; out 5 floats into another.
__global__ void pairs(Span a, Span b, float *out) {
  int i = threadIdx.x;
  if (i < a.n) out[i] = a.data[i] + 10.0f * b.data[i];
}

// The struct is copied to a local and its pointer used through a device function.
__device__ void bump(Lookup l, int i) { l.entries[i] += i << l.shift; }

__global__ void lookup(Lookup l) {
  Lookup copy = l;
  bump(copy, threadIdx.x);
}

__global__ void doubleAll(float *v) { v[threadIdx.x] *= 2.0f; }

int main() {
  const int n = 300;
  float *data, *out, *buf, *sums;
  int *counts;
  cudaMallocManaged(&data, n * sizeof(float));
  cudaMallocManaged(&out, n * sizeof(float));
  cudaMallocManaged(&buf, 64 * sizeof(float));
  cudaMallocManaged(&counts, 2 * sizeof(int));
  cudaMallocManaged(&sums, 32 * sizeof(float));
  for (int i = 0; i < n; i++) data[i] = i * 0.5f;
  for (int i = 0; i < 64; i++) buf[i] = i;
  counts[0] = 0;
  counts[1] = 0;

  Params p;
  p.in.data = data;
  p.in.n = n;
  p.out = out;
  p.counts[0] = counts;
  p.counts[1] = counts + 1;
  p.scale = 3.0f;
  p.absent = nullptr;
  apply<<<(n + 127) / 128, 128>>>(p);

  Span a;
  a.data = buf + 1;
  a.n = 16;
  Span b;
  b.data = buf + 3;
  b.n = 16;
  pairs<<<1, 32>>>(a, b, sums + 5);

  Lookup l;
  int *entries;
  cudaGetSymbolAddress((void **)&entries, table);
  l.entries = entries;
  l.shift = 4;
  lookup<<<1, 8>>>(l);
  float *spareAddress;
  cudaGetSymbolAddress((void **)&spareAddress, spare);
  doubleAll<<<1, 4>>>(spareAddress);
  cudaDeviceSynchronize();

  int bad = 0;
  for (int i = 0; i < n; i++)
    if (out[i] != i * 0.5f * 3.0f + 1.0f) bad++;
  if (counts[0] != n / 2 || counts[1] != n / 2) bad++;
  for (int i = 0; i < 16; i++)
    if (sums[5 + i] != (i + 1) + 10.0f * (i + 3)) bad++;
  int host[8];
  cudaMemcpyFromSymbol(host, table, sizeof(host));
  for (int i = 0; i < 8; i++)
    if (host[i] != (i << 4)) bad++;
  float spareHost[4];
  cudaMemcpyFromSymbol(spareHost, spare, sizeof(spareHost));
  for (int i = 0; i < 4; i++)
    if (spareHost[i] != 2.0f * (i + 1)) bad++;
  printf("out[7] = %g, counts %d %d, sums[6] = %g, table[3] = %d\n", out[7], counts[0], counts[1], sums[6], host[3]);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
