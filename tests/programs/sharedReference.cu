// A reference to a shared-memory element passed to a device function, directly and through a pointer
// to the shared array (kernel local or device-function parameter). opencl used to refuse the pointer
// forms (TR0502): binding p[i] to a reference put the pointer p itself in memory.
#include <cstdio>

__device__ void addTo(float &dst, float v) { dst += v; }

__device__ void accumulate(float *buf, int i, float v) { addTo(buf[i], v); }

__device__ void swapIfGreater(float &a, float &b) {
  if (a > b) { float t = a; a = b; b = t; }
}

__global__ void tileWork(const float *in, float *out) {
  extern __shared__ float smem[];
  __shared__ float sdata[256];
  float *buf = smem;
  int tid = threadIdx.x;
  float x = in[blockIdx.x * blockDim.x + tid];
  sdata[tid] = x;
  buf[tid] = 0.0f;
  __syncthreads();
  addTo(sdata[tid], 1.0f);
  addTo(buf[tid], x * 2.0f);
  accumulate(smem, tid, 0.5f);
  __syncthreads();
  if (tid % 2 == 0) swapIfGreater(sdata[tid], sdata[tid + 1]);
  __syncthreads();
  out[blockIdx.x * blockDim.x + tid] = sdata[tid] * 1000.0f + buf[tid];
}

int main() {
  const int N = 512, B = 256;
  float h[N], r[N];
  for (int i = 0; i < N; i++) h[i] = (float)((i * 37) % 101);
  float *d, *o;
  cudaMalloc((void **)&d, sizeof h);
  cudaMalloc((void **)&o, sizeof r);
  cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
  tileWork<<<N / B, B, B * sizeof(float)>>>(d, o);
  cudaMemcpy(r, o, sizeof r, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int i = 0; i < N; i += 2) {
    float a = h[i] + 1.0f, b = h[i + 1] + 1.0f;
    float lo = a < b ? a : b, hi = a < b ? b : a;
    if (r[i] != lo * 1000.0f + h[i] * 2.0f + 0.5f) bad++;
    if (r[i + 1] != hi * 1000.0f + h[i + 1] * 2.0f + 0.5f) bad++;
  }
  printf("tileWork: %d wrong, r[0] %g r[511] %g\n", bad, r[0], r[N - 1]);
  cudaFree(d); cudaFree(o);
  if (bad) printf("FAILED\n"); else printf("PASSED\n");
  return bad != 0;
}
