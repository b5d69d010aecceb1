// frexp, frexpf and modf in device code (NVIDIA eigenvalues: TR0401, no such device function), against the host C library, normals, subnormals, zeros.
#include <cstdio>
#include <cmath>
__global__ void k(const double *x, double *m, int *e, double *fr, double *ip, float *mf, int *ef) {
  int i = threadIdx.x;
  m[i] = frexp(x[i], &e[i]);
  fr[i] = modf(x[i], &ip[i]);
  mf[i] = frexpf((float)x[i], &ef[i]);
}
int main() {
  const int N = 10;
  double x[N] = {0.0, 1.0, -3.5, 1024.75, 1e-310, 0.1, -0.0, 123456789.125, 5e-324, 7.0};
  double *dx, *dm, *dfr, *dip; int *de, *def; float *dmf;
  cudaMalloc(&dx, sizeof x); cudaMalloc(&dm, sizeof x); cudaMalloc(&dfr, sizeof x); cudaMalloc(&dip, sizeof x);
  cudaMalloc(&de, N * sizeof(int)); cudaMalloc(&def, N * sizeof(int)); cudaMalloc(&dmf, N * sizeof(float));
  cudaMemcpy(dx, x, sizeof x, cudaMemcpyHostToDevice);
  k<<<1, N>>>(dx, dm, de, dfr, dip, dmf, def);
  double m[N], fr[N], ip[N]; int e[N], ef[N]; float mf[N];
  cudaMemcpy(m, dm, sizeof m, cudaMemcpyDeviceToHost); cudaMemcpy(fr, dfr, sizeof fr, cudaMemcpyDeviceToHost);
  cudaMemcpy(ip, dip, sizeof ip, cudaMemcpyDeviceToHost); cudaMemcpy(e, de, sizeof e, cudaMemcpyDeviceToHost);
  cudaMemcpy(mf, dmf, sizeof mf, cudaMemcpyDeviceToHost); cudaMemcpy(ef, def, sizeof ef, cudaMemcpyDeviceToHost);
  int bad = 0;
  for (int i = 0; i < N; i++) {
    int he, hef; double hm = frexp(x[i], &he), hip; double hfr = modf(x[i], &hip); float hmf = frexpf((float)x[i], &hef);
    if (hm != m[i] || he != e[i] || hfr != fr[i] || hip != ip[i] || hmf != mf[i] || hef != ef[i] || signbit(hfr) != signbit(fr[i])) {
      printf("x=%g: got %g %d %g %g %g %d, want %g %d %g %g %g %d\n", x[i], m[i], e[i], fr[i], ip[i], mf[i], ef[i], hm, he, hfr, hip, hmf, hef); bad++;
    }
  }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad != 0;
}
