// Several pointer arguments into one allocation at offsets of a few floats (HeCBench bitpacking packs two
// arrays into one cudaMalloc): opencl refused them (TR0508), since an OpenCL sub-buffer must start at the
// device's base-address alignment (128 bytes on PoCL) and a private copy of the rest of the allocation
// would not see what the other argument writes. Also two pointers one float apart, written through one
// and read through the other after a barrier, and a pointer argument that is itself advanced.
#include <cstdio>

__global__ void combine(const float *a, const float *b, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = a[i] + 10.0f * b[i];
}

// p and q alias with q = p - 1: thread t writes p[t], then reads q[t + 1], the same float.
__global__ void throughAnother(float *p, const float *q, float *seen) {
  int t = threadIdx.x;
  p[t] = 1000.0f + t;
  __syncthreads();
  seen[t] = q[t + 1];
}

__global__ void strided(float *v, int step, int n) {
  v += 3; // the parameter itself moves
  for (int i = threadIdx.x; i < n; i += blockDim.x) v[i * step] = -i;
}

int main() {
  const int n = 100;
  float *buf;
  cudaMallocManaged(&buf, 1024 * sizeof(float));
  for (int i = 0; i < 1024; i++) buf[i] = i;

  combine<<<2, 64>>>(buf + 1, buf + 3, buf + 205, n);
  throughAnother<<<1, 32>>>(buf + 401, buf + 400, buf + 501);
  strided<<<1, 16>>>(buf + 601, 2, 40);
  cudaDeviceSynchronize();

  int bad = 0;
  for (int i = 0; i < n; i++)
    if (buf[205 + i] != (i + 1) + 10.0f * (i + 3)) bad++;
  for (int t = 0; t < 32; t++) {
    if (buf[401 + t] != 1000.0f + t) bad++;
    if (buf[501 + t] != 1000.0f + t) bad++;
  }
  for (int i = 0; i < 40; i++)
    if (buf[604 + 2 * i] != -i || buf[605 + 2 * i] != 605 + 2 * i) bad++;
  if (buf[0] != 0.0f || buf[204] != 204.0f || buf[305] != 305.0f) bad++;
  printf("buf[206] = %g, buf[502] = %g, buf[606] = %g\n", buf[206], buf[502], buf[606]);
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
