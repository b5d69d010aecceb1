// __host__ __device__ functions calling C library functions that our headers give a device version of (frexpf,
// modff, ilogbf, lroundf, nextafterf, scalbnf, logbf, and their double forms). No file here mentions __CUDA_ARCH__,
// so device code is lifted from the host-side parse, where clang resolves such calls to glibc's host functions
// (held-out HeCBench rfs: TR0408 "'frexpf' is not offered", the kernel not translated); the device compilation calls
// the device versions, and so must we. Called from a kernel and from host code, checked against known values.
#include <cstdio>
#include <cmath>

__host__ __device__ float roundUpToPowerOfTwo(float x) {
  int e;
  frexpf(x, &e);
  return ldexpf(1.0f, e);
}

__host__ __device__ double fractionAndExponent(double x) {
  double whole;
  double fraction = modf(x, &whole);
  int e;
  double m = frexp(x, &e);
  return fraction + whole * 1000 + m + e * 1e6;
}

__host__ __device__ long mixed(float x) {
  return ilogbf(x) * 1000000L + lroundf(x) * 1000L + (long)logbf(x) + (nextafterf(x, 1e9f) > x) + (long)scalbnf(x, 2);
}

__global__ void k(const float *in, float *powers, double *parts, long *ints) {
  int t = threadIdx.x;
  powers[t] = roundUpToPowerOfTwo(in[t]);
  parts[t] = fractionAndExponent(in[t]);
  ints[t] = mixed(in[t]);
}

int main() {
  const int n = 4;
  float hostIn[n] = {12.0f, 0.75f, 100.5f, 3.25f};
  const float wantPowers[n] = {16.0f, 1.0f, 128.0f, 4.0f};
  float *in, *powers;
  double *parts;
  long *ints;
  cudaMallocManaged(&in, n * sizeof(float));
  cudaMallocManaged(&powers, n * sizeof(float));
  cudaMallocManaged(&parts, n * sizeof(double));
  cudaMallocManaged(&ints, n * sizeof(long));
  for (int i = 0; i < n; i++) in[i] = hostIn[i];
  k<<<1, n>>>(in, powers, parts, ints);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < n; i++) {
    if (powers[i] != wantPowers[i] || roundUpToPowerOfTwo(hostIn[i]) != wantPowers[i]) {
      printf("power %d: %g\n", i, powers[i]);
      bad++;
    }
    if (parts[i] != fractionAndExponent(hostIn[i])) { printf("parts %d: %.17g\n", i, parts[i]); bad++; }
    if (ints[i] != mixed(hostIn[i])) { printf("ints %d: %ld\n", i, ints[i]); bad++; }
  }
  // 12 = 0.75 * 2^4: fraction 0, whole 12, m 0.75, e 4.
  if (parts[0] != 0 + 12000 + 0.75 + 4e6) { printf("parts[0] %.17g\n", parts[0]); bad++; }
  // 100.5: ilogb 6, round 101 (away from zero), logb 6, next above, * 4 = 402.
  if (ints[2] != 6000000L + 101000L + 6 + 1 + 402) { printf("ints[2] %ld\n", ints[2]); bad++; }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
