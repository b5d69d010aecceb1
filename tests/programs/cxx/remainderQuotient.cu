// remquof and remquo on the device (they were not declared: clang's TR0401 "no matching function"), checked against
// the host's C library in build mode: the same remainder, a quotient of the same sign agreeing in its low three bits
// (all C99 asks); ties to even, a quotient of 8 (-3.75 / 0.5), zero and infinite divisors, infinities, large quotients.
#include <cstdio>
#include <cmath>
__global__ void k(const float *x, const float *y, float *r, int *q, int n) {
  int i = threadIdx.x; if (i < n) r[i] = remquof(x[i], y[i], &q[i]);
}
__global__ void kd(const double *x, const double *y, double *r, int *q, int n) {
  int i = threadIdx.x; if (i < n) r[i] = remquo(x[i], y[i], &q[i]);
}
int main() {
  const int n = 12;
  float hx[n] = {12.5f, -12.5f, 7.0f, 1e30f, -3.75f, 17.f, 5.f, 0.f, 1.f, INFINITY, 3.f, 123456789.f};
  float hy[n] = {5.f, 5.f, -2.f, 3.f, 0.5f, 4.f, 0.f, 2.f, INFINITY, 2.f, 3.f, 0.001f};
  float *x, *y, *r; int *q; double *dx, *dy, *dr; int *dq;
  cudaMallocManaged(&x, n * 4); cudaMallocManaged(&y, n * 4); cudaMallocManaged(&r, n * 4); cudaMallocManaged(&q, n * 4);
  cudaMallocManaged(&dx, n * 8); cudaMallocManaged(&dy, n * 8); cudaMallocManaged(&dr, n * 8); cudaMallocManaged(&dq, n * 4);
  for (int i = 0; i < n; i++) { x[i] = hx[i]; y[i] = hy[i]; dx[i] = hx[i]; dy[i] = hy[i] * 1.000001; }
  k<<<1, 32>>>(x, y, r, q, n); kd<<<1, 32>>>(dx, dy, dr, dq, n); cudaDeviceSynchronize();
  int bad = 0;
  for (int i = 0; i < n; i++) {
    int wq; float wr = remquof(hx[i], hy[i], &wq);
    bool same = (wr == r[i] || (wr != wr && r[i] != r[i])) && ((wq & 7) == (q[i] & 7) || wr != wr) && ((wq < 0) == (q[i] < 0) || wr != wr || wq == 0);
    int dwq; double dwr = remquo(dx[i], dy[i], &dwq);
    bool dsame = (dwr == dr[i] || (dwr != dwr && dr[i] != dr[i])) && ((dwq & 7) == (dq[i] & 7) || dwr != dwr) && ((dwq < 0) == (dq[i] < 0) || dwr != dwr || dwq == 0);
    if (!same || !dsame) { bad++; printf("%d: %g %d vs %g %d | %.17g %d vs %.17g %d\n", i, r[i], q[i], wr, wq, dr[i], dq[i], dwr, dwq); }
  }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad;
}
