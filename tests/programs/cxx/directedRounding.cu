// Arithmetic and conversions with a rounding mode (__fadd_rd … __fmaf_rz, __dadd_ru …, __fma_rd …, __double2float_rd,
// __int2float_ru, __ll2double_rz, __float2int_rd …) were undeclared (clang's TR0401). Each is checked bit for bit
// against the host doing the same operation under fesetround: sums, differences, products, quotients, reciprocals,
// square roots and fmas of values around 1, ties, subnormals, overflow to the largest finite value, signed zeros
// (an exact zero sum is -0 only toward -infinity), infinities and NaN.
#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstring>
#pragma STDC FENV_ACCESS ON

const int N = 15;
const int MODES = 3; // down, up, toward zero
const int OPS = 7;   // add, sub, mul, div, rcp, sqrt, fma
__constant__ float cf[N];
__constant__ double cd[N];

__global__ void floats(float *out) {
  int i = threadIdx.x, j = threadIdx.y;
  float a = cf[i], b = cf[j], c = cf[(i + j) % N];
  float *o = out + (i * N + j) * MODES * OPS;
  o[0] = __fadd_rd(a, b); o[1] = __fsub_rd(a, b); o[2] = __fmul_rd(a, b); o[3] = __fdiv_rd(a, b); o[4] = __frcp_rd(a); o[5] = __fsqrt_rd(a); o[6] = __fmaf_rd(a, b, c);
  o[7] = __fadd_ru(a, b); o[8] = __fsub_ru(a, b); o[9] = __fmul_ru(a, b); o[10] = __fdiv_ru(a, b); o[11] = __frcp_ru(a); o[12] = __fsqrt_ru(a); o[13] = __fmaf_ru(a, b, c);
  o[14] = __fadd_rz(a, b); o[15] = __fsub_rz(a, b); o[16] = __fmul_rz(a, b); o[17] = __fdiv_rz(a, b); o[18] = __frcp_rz(a); o[19] = __fsqrt_rz(a); o[20] = __fmaf_rz(a, b, c);
}

const int DOPS = 8; // add, sub, mul, div, rcp, sqrt, fma with two addends
__global__ void doubles(double *out) {
  int i = threadIdx.x, j = threadIdx.y;
  double a = cd[i], b = cd[j], c = cd[(i + j) % N], e = -cd[(i * j + 3) % N];
  double *o = out + (i * N + j) * MODES * DOPS;
  o[0] = __dadd_rd(a, b); o[1] = __dsub_rd(a, b); o[2] = __dmul_rd(a, b); o[3] = __ddiv_rd(a, b); o[4] = __drcp_rd(a); o[5] = __dsqrt_rd(a); o[6] = __fma_rd(a, b, c); o[7] = __fma_rd(a, b, e);
  o[8] = __dadd_ru(a, b); o[9] = __dsub_ru(a, b); o[10] = __dmul_ru(a, b); o[11] = __ddiv_ru(a, b); o[12] = __drcp_ru(a); o[13] = __dsqrt_ru(a); o[14] = __fma_ru(a, b, c); o[15] = __fma_ru(a, b, e);
  o[16] = __dadd_rz(a, b); o[17] = __dsub_rz(a, b); o[18] = __dmul_rz(a, b); o[19] = __ddiv_rz(a, b); o[20] = __drcp_rz(a); o[21] = __dsqrt_rz(a); o[22] = __fma_rz(a, b, c); o[23] = __fma_rz(a, b, e);
}

__global__ void conversions(const double *d, const long long *l, float *f, double *g, int *k) {
  int i = threadIdx.x;
  f[i * 12 + 0] = __double2float_rd(d[i]); f[i * 12 + 1] = __double2float_ru(d[i]); f[i * 12 + 2] = __double2float_rz(d[i]);
  f[i * 12 + 3] = __ll2float_rd(l[i]); f[i * 12 + 4] = __ll2float_ru(l[i]); f[i * 12 + 5] = __ll2float_rz(l[i]);
  f[i * 12 + 6] = __int2float_rd((int)l[i]); f[i * 12 + 7] = __int2float_ru((int)l[i]); f[i * 12 + 8] = __int2float_rz((int)l[i]);
  f[i * 12 + 9] = __ull2float_rd((unsigned long long)l[i]); f[i * 12 + 10] = __ull2float_ru((unsigned long long)l[i]); f[i * 12 + 11] = __ull2float_rz((unsigned long long)l[i]);
  g[i * 3 + 0] = __ll2double_rd(l[i]); g[i * 3 + 1] = __ll2double_ru(l[i]); g[i * 3 + 2] = __ll2double_rz(l[i]);
  float x = (float)d[i];
  k[i * 4 + 0] = __float2int_rd(x); k[i * 4 + 1] = __float2int_ru(x); k[i * 4 + 2] = __float2int_rz(x); k[i * 4 + 3] = __float2int_rn(x);
}

static bool same(double a, double b) { return (a != a && b != b) || (a == b && std::signbit(a) == std::signbit(b)); }
static const int modes[MODES] = {FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};

int main() {
  float hf[N] = {1.0f, 3.0f, 0.1f, -0.1f, 1e-40f, -1e-40f, 3.40282347e38f, -3.40282347e38f, 0.0f, -0.0f, 1.0f / 3.0f, 16777215.0f, INFINITY, NAN, -INFINITY};
  double hd[N] = {1.0, 3.0, 0.1, -0.1, 1e-310, -1e-310, 1.7976931348623157e308, -1.7976931348623157e308, 0.0, -0.0, 1.0 / 3.0, 9007199254740991.0, 1e-160, NAN, INFINITY};
  cudaMemcpyToSymbol(cf, hf, sizeof hf);
  cudaMemcpyToSymbol(cd, hd, sizeof hd);
  float *fo; double *dout;
  cudaMallocManaged(&fo, N * N * MODES * OPS * sizeof(float));
  cudaMallocManaged(&dout, N * N * MODES * DOPS * sizeof(double));
  const int M = 8;
  double *cdv; long long *cl; float *cfo; double *cgo; int *cko;
  cudaMallocManaged(&cdv, M * sizeof(double)); cudaMallocManaged(&cl, M * sizeof(long long));
  cudaMallocManaged(&cfo, M * 12 * sizeof(float)); cudaMallocManaged(&cgo, M * 3 * sizeof(double)); cudaMallocManaged(&cko, M * 4 * sizeof(int));
  double dv[M] = {0.1, -0.1, 1e39, -1e39, 2.5, -2.5, 1e-50, 16777217.0};
  long long lv[M] = {16777217LL, -16777217LL, 9223372036854775807LL, -9223372036854775807LL - 1, 123456789123LL, 7, -33554435LL, 9007199254740993LL};
  for (int i = 0; i < M; i++) { cdv[i] = dv[i]; cl[i] = lv[i]; }
  floats<<<1, dim3(N, N)>>>(fo);
  doubles<<<1, dim3(N, N)>>>(dout);
  conversions<<<1, M>>>(cdv, cl, cfo, cgo, cko);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int m = 0; m < MODES; m++) {
    fesetround(modes[m]);
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        volatile float a = hf[i], b = hf[j], c = hf[(i + j) % N];
        float want[OPS] = {a + b, a - b, a * b, a / b, 1.0f / a, sqrtf(a), fmaf(a, b, c)};
        for (int op = 0; op < OPS; op++) {
          float got = fo[(i * N + j) * MODES * OPS + m * OPS + op];
          if (!same(got, want[op]) && bad++ < 20) printf("float mode %d op %d (%g, %g, %g): %a, want %a\n", m, op, (double)a, (double)b, (double)c, got, want[op]);
        }
        volatile double x = hd[i], y = hd[j], z = hd[(i + j) % N], w = -hd[(i * j + 3) % N];
        double dwant[DOPS] = {x + y, x - y, x * y, x / y, 1.0 / x, sqrt(x), fma(x, y, z), fma(x, y, w)};
        for (int op = 0; op < DOPS; op++) {
          double got = dout[(i * N + j) * MODES * DOPS + m * DOPS + op];
          if (!same(got, dwant[op]) && bad++ < 20) printf("double mode %d op %d (%g, %g): %a, want %a\n", m, op, (double)x, (double)y, got, dwant[op]);
        }
      }
    for (int i = 0; i < M; i++) {
      volatile double d = dv[i];
      volatile long long l = lv[i];
      float fwant[4] = {(float)d, (float)l, (float)(int)l, (float)(unsigned long long)l};
      for (int k = 0; k < 4; k++)
        if (!same(cfo[i * 12 + k * 3 + m], fwant[k]) && bad++ < 20) printf("conversion %d of %d, mode %d: %a, want %a\n", k, i, m, cfo[i * 12 + k * 3 + m], fwant[k]);
      if (!same(cgo[i * 3 + m], (double)l) && bad++ < 20) printf("ll2double %d mode %d: %a, want %a\n", i, m, cgo[i * 3 + m], (double)l);
    }
  }
  fesetround(FE_TONEAREST);
  for (int i = 0; i < M; i++) {
    float x = (float)dv[i];
    double lim = 2147483647.0;
    auto sat = [&](double r) { return r != r ? 0 : r <= -2147483648.0 ? (int)(-2147483647 - 1) : r >= lim ? 2147483647 : (int)r; };
    int want[4] = {sat(floor(x)), sat(ceil(x)), sat(trunc(x)), sat(nearbyint(x))};
    for (int k = 0; k < 4; k++)
      if (cko[i * 4 + k] != want[k] && bad++ < 20) printf("float2int %d kind %d: %d, want %d\n", i, k, cko[i * 4 + k], want[k]);
  }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
