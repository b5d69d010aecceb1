// CUDA's Bessel functions (j0, j1, jn, y0, y1, yn, cyl_bessel_i0/i1 and the float forms) and erfcx were undeclared
// in device code or resolved to the host's C library (TR0408: "not offered"). Against the host's glibc (j0 … yn) and
// against long double sums (I0, I1, erfcx): the power-series range (|x| <= 25, near zeros too), the asymptotic one,
// orders below and above x (forward recurrence and Miller's ratios), negative orders and arguments, 0, infinities, NaN.
#include <cmath>
#include <cstdio>

const int N = 22;
static const double xs[N] = {1e-300, 1e-5, 0.5, 0.8935769662791675, 1.0, 2.404825557695773, 3.8317059702075125, 5.0,
                             7.5, 10.0, 17.3, 24.9, 25.1, 30.0, 100.0, 1234.5, -3.0, -30.0, 0.0, INFINITY, -INFINITY, NAN};
const int ORDERS = 7;
#define ORDER_LIST 2, 3, 5, 20, 60, -3, 150
__constant__ int deviceOrders[ORDERS] = {ORDER_LIST};
static const int orders[ORDERS] = {ORDER_LIST};
const int PER = 9 + 2 * ORDERS; // j0 j1 y0 y1 i0 i1 erfcx j0f erfcxf, then jn and yn per order

__global__ void evaluate(const double *x, double *out) {
  int i = threadIdx.x;
  double v = x[i], *o = out + i * PER;
  o[0] = j0(v); o[1] = j1(v); o[2] = y0(v); o[3] = y1(v);
  o[4] = cyl_bessel_i0(v * 0.1 * (i % 3 == 2 ? 50.0 : 1.0)); o[5] = cyl_bessel_i1(v * 0.1 * (i % 3 == 2 ? 50.0 : 1.0));
  o[6] = erfcx(v * (i % 2 ? 1.0 : -0.2)); o[7] = j0f((float)v); o[8] = erfcxf((float)v);
  for (int k = 0; k < ORDERS; k++) { o[9 + k] = jn(deviceOrders[k], v); o[9 + ORDERS + k] = yn(deviceOrders[k], v); }
}

static long double i0i1(long double x, int nu) { // the series in long double, positive terms (x here is at most 617)
  long double t = nu ? x / 2 : 1, s = t;
  for (int k = 1; k < 3000; k++) { t *= x * x / 4 / ((long double)k * (k + nu)); s += t; }
  return s;
}
static long double erfcxRef(long double x) { // e^(x^2) erfc(x) in long double, or its continued fraction far out
  if (x < 10) return expl(x * x) * erfcl(x);
  long double f = x;
  for (int k = 200; k >= 1; k--) f = x + k / 2.0L / f;
  return 0.564189583547756286948079451560772586L / f;
}
static bool close(double got, double want, double tolerance) {
  if (want != want) return got != got;
  if (std::isinf(want)) return got == want;
  return fabs(got - want) <= tolerance;
}

int main() {
  double *x, *out;
  cudaMallocManaged(&x, sizeof xs);
  cudaMallocManaged(&out, N * PER * sizeof(double));
  for (int i = 0; i < N; i++) x[i] = xs[i];
  evaluate<<<1, N>>>(x, out);
  if (cudaDeviceSynchronize() != cudaSuccess) { printf("launch failed\nFAILED\n"); return 1; }
  int bad = 0;
  auto check = [&](const char *name, int i, double got, double want, double tolerance) {
    if (!close(got, want, tolerance)) { bad++; printf("%s(%.17g) = %.17g, want %.17g\n", name, xs[i], got, want); }
  };
  for (int i = 0; i < N; i++) {
    double v = xs[i], *o = out + i * PER;
    double amp = 2e-15; // absolute: the oscillating functions are at most 1 and pass through zero
    check("j0", i, o[0], j0(v), amp); check("j1", i, o[1], j1(v), amp);
    check("y0", i, o[2], y0(v), amp + 1e-14 * fabs(y0(v))); check("y1", i, o[3], y1(v), amp + 1e-14 * fabs(y1(v)));
    double xi = v * 0.1 * (i % 3 == 2 ? 50.0 : 1.0);
    if (fabs(xi) <= 700) {
      double w0 = (double)i0i1(fabsl(xi), 0), w1 = (double)(xi < 0 ? -i0i1(-(long double)xi, 1) : i0i1(xi, 1));
      check("cyl_bessel_i0", i, o[4], w0, 1e-14 * fabs(w0)); check("cyl_bessel_i1", i, o[5], w1, 1e-14 * fabs(w1));
    } else if (xi == xi) {
      check("cyl_bessel_i0", i, o[4], INFINITY, 0); check("cyl_bessel_i1", i, o[5], xi < 0 ? -INFINITY : INFINITY, 0);
    }
    double xe = v * (i % 2 ? 1.0 : -0.2), we = xe == xe ? (double)erfcxRef(xe) : NAN;
    check("erfcx", i, o[6], we, 1e-14 * fabs(we));
    check("j0f", i, o[7], (double)(float)j0((double)(float)v), 2e-7);
    float xf = (float)v;
    double wf = xf == xf ? (double)(float)erfcxRef(xf) : NAN;
    check("erfcxf", i, o[8], wf, 2e-7 * fabs(wf));
    for (int k = 0; k < ORDERS; k++) {
      int n = orders[k];
      double wj = jn(n, v), wy = yn(n, v);
      bool oscillating = fabs(v) > abs(n);
      char name[16];
      snprintf(name, sizeof name, "jn(%d)", n);
      check(name, i, o[9 + k], wj, 1e-12 * fabs(wj) + (oscillating ? 5e-15 : 1e-300));
      snprintf(name, sizeof name, "yn(%d)", n);
      check(name, i, o[9 + ORDERS + k], wy, 1e-12 * fabs(wy) + (oscillating ? 5e-15 : 1e-300));
    }
  }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad ? 1 : 0;
}
