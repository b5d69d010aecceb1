// Atomics on shared memory, which the cpu device runs as plain read-modify-writes (one OS thread runs a
// whole block), beside atomics through pointers that may reach global memory, which must stay atomic:
// every operation on a shared scalar and a shared array, and a histogram in dynamic shared memory reached
// through a pointer variable. (A pointer variable that points into shared memory in some blocks and global
// memory in others is tested on cpu alone, tests/Translate.Tests/Cpu/SharedAtomicTests.cs: OpenCL 1.2
// cannot hold one.)
#include <cstdio>

#define BLOCKS 64
#define THREADS 128

__global__ void sharedOps(int *out, float *outF, double *outD)
{
  __shared__ int count;
  __shared__ unsigned int bits[4];
  __shared__ int lo, hi;
  __shared__ unsigned int wrapUp, wrapDown, swapped, casCount;
  __shared__ float sumF;
  __shared__ double sumD;
  int t = threadIdx.x;
  if (t == 0) {
    count = 0; lo = 1 << 30; hi = -(1 << 30);
    bits[0] = 0; bits[1] = 0xffffffffu; bits[2] = 0; bits[3] = 0;
    wrapUp = 0; wrapDown = 0; swapped = 0; casCount = 0;
    sumF = 0.0f; sumD = 0.0;
  }
  __syncthreads();
  int pos = atomicAdd(&count, 2);
  __syncthreads();  // the subtractions after every addition, so the old values above are 0, 2, 4, …
  atomicSub(&count, 1);
  atomicOr(&bits[0], 1u << (t % 32));
  atomicAnd(&bits[1], ~(1u << (t % 16)));
  atomicXor(&bits[2], (unsigned)t);
  atomicMin(&lo, t * 3 - 100);
  atomicMax(&hi, t * 3 - 100);
  atomicInc(&wrapUp, 9u);       // wraps to 0 after 9
  atomicDec(&wrapDown, 6u);     // 0 wraps to 6
  atomicExch(&swapped, (unsigned)t + 1);
  // A CAS loop that increments: every thread succeeds once.
  unsigned int seen = casCount, prev;
  while ((prev = atomicCAS(&casCount, seen, seen + 1)) != seen) seen = prev;
  atomicAdd(&sumF, 0.5f);
  atomicAdd(&sumD, 0.25);
  __syncthreads();
  if (t == 0) {
    int b = blockIdx.x * 12;
    out[b + 0] = count; out[b + 1] = (int)bits[0]; out[b + 2] = (int)bits[1]; out[b + 3] = (int)bits[2];
    out[b + 4] = lo; out[b + 5] = hi; out[b + 6] = (int)wrapUp; out[b + 7] = (int)wrapDown;
    out[b + 8] = swapped != 0; out[b + 9] = (int)casCount; out[b + 10] = 0; out[b + 11] = 0;
    outF[blockIdx.x] = sumF; outD[blockIdx.x] = sumD;
  }
  // Every position handed out once: the returned old values are 0, 2, 4, … in some order.
  atomicAdd(&out[blockIdx.x * 12 + 10], pos);
}

// A histogram in dynamic shared memory reached through a pointer variable, then merged into global memory.
__global__ void histogram(const int *keys, int n, int bins, int *global)
{
  extern __shared__ int buffer[];
  int *hist = buffer;
  for (int b = threadIdx.x; b < bins; b += blockDim.x) hist[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    atomicAdd(hist + keys[i] % bins, 1);
  __syncthreads();
  for (int b = threadIdx.x; b < bins; b += blockDim.x) atomicAdd(&global[b], hist[b]);
}

int main()
{
  int failures = 0;
  int *out; float *outF; double *outD;
  cudaMallocManaged(&out, BLOCKS * 12 * sizeof(int));
  cudaMallocManaged(&outF, BLOCKS * sizeof(float));
  cudaMallocManaged(&outD, BLOCKS * sizeof(double));
  cudaMemset(out, 0, BLOCKS * 12 * sizeof(int));
  sharedOps<<<BLOCKS, THREADS>>>(out, outF, outD);
  cudaDeviceSynchronize();
  unsigned int xorAll = 0, andMask = 0xffffffffu;
  for (int t = 0; t < THREADS; t++) { xorAll ^= (unsigned)t; andMask &= ~(1u << (t % 16)); }
  int positions = 0;
  for (int t = 0; t < THREADS; t++) positions += 2 * t;
  for (int b = 0; b < BLOCKS; b++) {
    int *r = out + b * 12;
    int expected[11] = {THREADS, -1, (int)andMask, (int)xorAll, -100, (THREADS - 1) * 3 - 100,
                        THREADS % 10, 6 - (THREADS - 1) % 7, 1, THREADS, positions};
    for (int k = 0; k < 11; k++)
      if (r[k] != expected[k]) {
        if (failures++ < 10) printf("sharedOps block %d value %d: %d, expected %d\n", b, k, r[k], expected[k]);
      }
    if (outF[b] != THREADS * 0.5f || outD[b] != THREADS * 0.25) {
      if (failures++ < 10) printf("sharedOps block %d sums: %g %g\n", b, outF[b], outD[b]);
    }
  }

  const int n = 100000, bins = 37;
  int *keys, *global;
  cudaMallocManaged(&keys, n * sizeof(int));
  cudaMallocManaged(&global, bins * sizeof(int));
  for (int i = 0; i < n; i++) keys[i] = (i * 7919) % 1009;
  cudaMemset(global, 0, bins * sizeof(int));
  histogram<<<BLOCKS, THREADS, bins * sizeof(int)>>>(keys, n, bins, global);
  cudaDeviceSynchronize();
  for (int b = 0; b < bins; b++) {
    int expected = 0;
    for (int i = 0; i < n; i++) expected += keys[i] % bins == b;
    if (global[b] != expected) {
      if (failures++ < 10) printf("histogram bin %d: %d, expected %d\n", b, global[b], expected);
    }
  }

  printf("sharedAtomics: %s\n", failures == 0 ? "PASSED" : "FAILED");
  return failures == 0 ? 0 : 1;
}
