// Kernel locals a synchronizing device function sets through reference parameters (NVIDIA eigenvalues'
// compactStreamsFinal: `float left_2, right_2;` declared without a value, set before a barrier inside the
// callee, read after it). The cpu device kept one slot for all threads of the block: the locals appear in
// the kernel only as the address passed, so nothing said they live across a barrier (eigenvalues wrote
// one thread's interval into every slot, then crashed indexing shared memory with it; no diagnostic).
#include <cstdio>

// Sets `mine` before the barrier and `other` after it, from a neighbour's value; reads `mine` after it.
__device__ void pairUp(float &mine, float &other, float &sum, const float *in, float *s) {
  s[threadIdx.x] = in[threadIdx.x];
  mine = in[threadIdx.x] * 2.0f;
  __syncthreads();
  other = s[(threadIdx.x + 1) % blockDim.x];
  __syncthreads();
  sum = mine + other;
}

// Only some threads set the locals (the rest leave them unset and never read them).
__device__ void someThreads(float &kept, int &count, unsigned active, const float *in, float *s) {
  if (threadIdx.x < active) {
    kept = in[threadIdx.x] + 0.5f;
    count = (int)threadIdx.x * 3;
  }
  __syncthreads();
  s[threadIdx.x] = 0.0f;
  __syncthreads();
  if (threadIdx.x < active) s[threadIdx.x] = kept + (float)count;
  __syncthreads();
}

struct Pair { float lo, hi; };

__device__ void order(Pair &p, float *s) {
  s[threadIdx.x] = p.lo;
  __syncthreads();
  float n = s[(threadIdx.x + blockDim.x - 1) % blockDim.x];
  __syncthreads();
  if (n > p.lo) p.hi = n; else { p.hi = p.lo; p.lo = n; }
}

__global__ void byReference(const float *in, float *out, unsigned active) {
  __shared__ float s[256], t[256];
  float mine, other, sum;
  pairUp(mine, other, sum, in, s);
  float kept;
  int count;
  someThreads(kept, count, active, in, s);
  Pair p;
  p.lo = in[threadIdx.x] - 1.0f;
  float *shared = t;
  order(p, shared);
  out[threadIdx.x] = sum + s[threadIdx.x] * 1000.0f + p.hi * 0.25f - p.lo * 0.125f;
}

int main() {
  const unsigned N = 256, active = 200;
  float h[N], r[N];
  for (unsigned i = 0; i < N; i++) h[i] = (float)((i * 37) % 101);
  float *d, *o;
  cudaMalloc((void **)&d, sizeof h);
  cudaMalloc((void **)&o, sizeof r);
  cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
  byReference<<<1, N>>>(d, o, active);
  cudaMemcpy(r, o, sizeof r, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (unsigned i = 0; i < N; i++) {
    float sum = h[i] * 2.0f + h[(i + 1) % N];
    float kept = i < active ? (h[i] + 0.5f) + (float)(i * 3) : 0.0f;
    float lo = h[i] - 1.0f, n = h[(i + N - 1) % N] - 1.0f, hi;
    if (n > lo) hi = n; else { hi = lo; lo = n; }
    float want = sum + kept * 1000.0f + hi * 0.25f - lo * 0.125f;
    if (r[i] != want) { if (bad < 5) printf("out[%u] = %g, want %g\n", i, r[i], want); bad++; }
  }
  printf("byReference: %d wrong\n", bad);
  cudaFree(d); cudaFree(o);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
