// Division and remainder by divisors every thread of the block shares (kernel parameters), which the cpu device
// computes by multiplication (backends/Llvm/Lowering/InvariantDivision.cs): 32-bit signed and unsigned and 64-bit
// signed dividends against divisors of every shape (1, powers of two, 2^k +- 1, large, negative, INT_MIN, -1)
// and dividends at the limits, checked against the host.
#include <cstdio>
#include <cstdint>
__global__ void divs(const int* a, const unsigned* b, const long long* c, int* o1, unsigned* o2, long long* o3, int w, unsigned uw, long long lw, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    o1[2 * i] = a[i] / w; o1[2 * i + 1] = a[i] % w;
    o2[2 * i] = b[i] / uw; o2[2 * i + 1] = b[i] % uw;
    o3[2 * i] = c[i] / lw; o3[2 * i + 1] = c[i] % lw;
  }
}
static unsigned long long s = 12345;
static unsigned long long rnd() { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
int main() {
  const int n = 1 << 16;
  int *a = new int[n]; unsigned *b = new unsigned[n]; long long *c = new long long[n];
  for (int i = 0; i < n; i++) { a[i] = (int)rnd(); b[i] = (unsigned)rnd(); c[i] = (long long)rnd(); }
  a[0] = INT32_MIN; a[1] = INT32_MAX; a[2] = -1; a[3] = 0; b[0] = 0xffffffffu; b[1] = 0; c[0] = INT64_MIN; c[1] = INT64_MAX; c[2] = -1;
  int *da, *o1; unsigned *db, *o2; long long *dc, *o3;
  cudaMalloc(&da, n * 4); cudaMalloc(&db, n * 4); cudaMalloc(&dc, n * 8); cudaMalloc(&o1, n * 8); cudaMalloc(&o2, n * 8); cudaMalloc(&o3, n * 16);
  cudaMemcpy(da, a, n * 4, cudaMemcpyHostToDevice); cudaMemcpy(db, b, n * 4, cudaMemcpyHostToDevice); cudaMemcpy(dc, c, n * 8, cudaMemcpyHostToDevice);
  int *h1 = new int[2 * n]; unsigned *h2 = new unsigned[2 * n]; long long *h3 = new long long[2 * n];
  long long divisors[] = {1, 2, 3, 5, 7, 10, 16, 31, 32, 33, 100, 641, 1000, 65535, 65536, 65537, 1 << 30, 0x7fffffff, -1, -2, -3, -7, -1000, -2147483647 - 1};
  int bad = 0, cases = 0;
  for (int k = 0; k < (int)(sizeof(divisors) / sizeof(divisors[0])); k++) {
    long long dv = divisors[k];
    int w = (int)dv; unsigned uw = (unsigned)dv; long long lw = dv * (dv > 1000 ? 977 : 1);
    divs<<<n / 256, 256>>>(da, db, dc, o1, o2, o3, w, uw, lw, n);
    cudaMemcpy(h1, o1, n * 8, cudaMemcpyDeviceToHost); cudaMemcpy(h2, o2, n * 8, cudaMemcpyDeviceToHost); cudaMemcpy(h3, o3, n * 16, cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++) {
      cases++;
      int q1 = (w == -1) ? (int)(0u - (unsigned)a[i]) : a[i] / w, r1 = (w == -1) ? 0 : a[i] % w;
      long long q3 = (lw == -1) ? (long long)(0ull - (unsigned long long)c[i]) : c[i] / lw, r3 = (lw == -1) ? 0 : c[i] % lw;
      if (h1[2*i] != q1 || h1[2*i+1] != r1 || h2[2*i] != b[i] / uw || h2[2*i+1] != b[i] % uw || h3[2*i] != q3 || h3[2*i+1] != r3) {
        if (bad++ < 5) printf("d=%lld i=%d: %d %d | %u %u | %lld %lld\n", dv, i, h1[2*i], h1[2*i+1], h2[2*i], h2[2*i+1], h3[2*i], h3[2*i+1]);
      }
    }
  }
  printf("%d of %d wrong\n%s\n", bad, cases, bad ? "FAILED" : "PASSED");
  return bad != 0;
}
