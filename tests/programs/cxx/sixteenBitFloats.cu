// cuda_fp16.h and cuda_bf16.h offered conversions to nearest, + - * / fma and ordered comparisons only: half math
// (hexp, hsqrt …), the directed conversions (__float2half_rd …, __half2int_rn …, __int2bfloat16_rz …), saturating and
// relu arithmetic, unordered and mask comparisons, __hmax_nan, atomicAdd on 16-bit types, cache-hinted loads were
// undeclared (clang's TR0401). Checked on the device against the host: half conversions and arithmetic bit for bit
// against the host compiler's _Float16 under fesetround, bfloat16 against the nearest values found by search among all
// 65,536 patterns, comparisons against float comparisons, math functions within one unit of the last place (exact where
// the function is correctly rounded), atomics by counting.
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstring>
#pragma STDC FENV_ACCESS ON

const int N = 24;
static const double values[N] = {1.0, 1.5, -2.25, 0.1, -0.1, 1.0 / 3.0, 65504.0, 65519.99, 65520.0, 1e6, -1e6, 6.1e-5,
                                 3.0e-8, -5.96e-8, 2.98e-8, 1.00048828125, 1.000732421875, 1.00390625, 1.005859375, 0.0,
                                 -0.0, INFINITY, -INFINITY, NAN};
const int MODES = 4; // rn, rz, rd, ru
const int INTS = 6;  // int, uint, short, ushort, ll, ull

__global__ void halfConversions(const double *in, unsigned short *h, unsigned short *fromFloat, long long *ints) {
  int i = threadIdx.x;
  float f = (float)in[i];
  h[i] = __half_as_ushort(__double2half(in[i]));
  unsigned short *o = fromFloat + i * MODES;
  o[0] = __half_as_ushort(__float2half_rn(f)); o[1] = __half_as_ushort(__float2half_rz(f));
  o[2] = __half_as_ushort(__float2half_rd(f)); o[3] = __half_as_ushort(__float2half_ru(f));
  __half x = __float2half(f);
  long long *k = ints + i * MODES * INTS;
  k[0] = __half2int_rn(x); k[1] = __half2int_rz(x); k[2] = __half2int_rd(x); k[3] = __half2int_ru(x);
  k[4] = __half2uint_rn(x); k[5] = __half2uint_rz(x); k[6] = __half2uint_rd(x); k[7] = __half2uint_ru(x);
  k[8] = __half2short_rn(x); k[9] = __half2short_rz(x); k[10] = __half2short_rd(x); k[11] = __half2short_ru(x);
  k[12] = __half2ushort_rn(x); k[13] = __half2ushort_rz(x); k[14] = __half2ushort_rd(x); k[15] = __half2ushort_ru(x);
  k[16] = __half2ll_rn(x); k[17] = __half2ll_rz(x); k[18] = __half2ll_rd(x); k[19] = __half2ll_ru(x);
  k[20] = (long long)__half2ull_rn(x); k[21] = (long long)__half2ull_rz(x); k[22] = (long long)__half2ull_rd(x); k[23] = (long long)__half2ull_ru(x);
}

__global__ void bfloatConversions(const double *in, unsigned short *b, unsigned short *fromFloat, unsigned short *fromInt) {
  int i = threadIdx.x;
  float f = (float)in[i];
  b[i] = __bfloat16_as_ushort(__double2bfloat16(in[i]));
  unsigned short *o = fromFloat + i * MODES;
  o[0] = __bfloat16_as_ushort(__float2bfloat16_rn(f)); o[1] = __bfloat16_as_ushort(__float2bfloat16_rz(f));
  o[2] = __bfloat16_as_ushort(__float2bfloat16_rd(f)); o[3] = __bfloat16_as_ushort(__float2bfloat16_ru(f));
  long long v = (long long)(in[i] * 1e4) * 12345 + 1; // integers of every size, most not representable
  unsigned short *q = fromInt + i * 3 * MODES;
  q[0] = __bfloat16_as_ushort(__ll2bfloat16_rn(v)); q[1] = __bfloat16_as_ushort(__ll2bfloat16_rz(v));
  q[2] = __bfloat16_as_ushort(__ll2bfloat16_rd(v)); q[3] = __bfloat16_as_ushort(__ll2bfloat16_ru(v));
  q[4] = __bfloat16_as_ushort(__int2bfloat16_rn((int)v)); q[5] = __bfloat16_as_ushort(__int2bfloat16_rz((int)v));
  q[6] = __bfloat16_as_ushort(__int2bfloat16_rd((int)v)); q[7] = __bfloat16_as_ushort(__int2bfloat16_ru((int)v));
  q[8] = __half_as_ushort(__int2half_rn((int)v)); q[9] = __half_as_ushort(__int2half_rz((int)v));
  q[10] = __half_as_ushort(__int2half_rd((int)v)); q[11] = __half_as_ushort(__int2half_ru((int)v));
}

const int OPS = 10; // add, sub, mul, div, fma, add_sat, mul_sat, fma_relu, max, min_nan
const int CMPS = 12;
__global__ void arithmetic(const double *in, unsigned short *h, unsigned short *b, unsigned int *cmp) {
  int i = threadIdx.x, j = threadIdx.y, c = (i + j) % N;
  __half x = __double2half(in[i]), y = __double2half(in[j]), z = __double2half(in[c]);
  __nv_bfloat16 u = __double2bfloat16(in[i]), v = __double2bfloat16(in[j]), w = __double2bfloat16(in[c]);
  unsigned short *o = h + (i * N + j) * OPS, *p = b + (i * N + j) * OPS;
  o[0] = __half_as_ushort(__hadd(x, y)); o[1] = __half_as_ushort(x - y); o[2] = __half_as_ushort(__hmul(x, y));
  o[3] = __half_as_ushort(x / y); o[4] = __half_as_ushort(__hfma(x, y, z)); o[5] = __half_as_ushort(__hadd_sat(x, y));
  o[6] = __half_as_ushort(__hmul_sat(x, y)); o[7] = __half_as_ushort(__hfma_relu(x, y, z)); o[8] = __half_as_ushort(__hmax(x, y));
  o[9] = __half_as_ushort(__hmin_nan(x, y));
  p[0] = __bfloat16_as_ushort(__hadd(u, v)); p[1] = __bfloat16_as_ushort(u - v); p[2] = __bfloat16_as_ushort(__hmul(u, v));
  p[3] = __bfloat16_as_ushort(u / v); p[4] = __bfloat16_as_ushort(__hfma(u, v, w)); p[5] = __bfloat16_as_ushort(__hadd_sat(u, v));
  p[6] = __bfloat16_as_ushort(__hmul_sat(u, v)); p[7] = __bfloat16_as_ushort(__hfma_relu(u, v, w)); p[8] = __bfloat16_as_ushort(__hmax(u, v));
  p[9] = __bfloat16_as_ushort(__hmin_nan(u, v));
  // Comparisons through the pair forms: lane x compares x with y, lane y compares y with x.
  __half2 xy = __halves2half2(x, y), yx = __lowhigh2highlow(xy);
  unsigned int *m = cmp + (i * N + j) * CMPS;
  m[0] = __heq2_mask(xy, yx); m[1] = __hne2_mask(xy, yx); m[2] = __hlt2_mask(xy, yx); m[3] = __hle2_mask(xy, yx);
  m[4] = __hgt2_mask(xy, yx); m[5] = __hge2_mask(xy, yx); m[6] = __hequ2_mask(xy, yx); m[7] = __hneu2_mask(xy, yx);
  m[8] = __hltu2_mask(xy, yx); m[9] = __hleu2_mask(xy, yx); m[10] = __hgtu2_mask(xy, yx);
  m[11] = (__hbgeu2(xy, yx) ? 1u : 0u) | (__hbequ2(__halves2half2(x, x), __halves2half2(x, x)) ? 2u : 0u) | (__hisinf(x) < 0 ? 4u : 0u);
}

const int FUNCS = 15;
__global__ void mathFunctions(const double *in, unsigned short *h, unsigned short *b) {
  int i = threadIdx.x;
  __half2 x = __half2half2(__double2half(in[i] * 0.01));
  __nv_bfloat16 u = __double2bfloat16(in[i] * 0.01);
  __half2 r[FUNCS] = {h2sqrt(x), h2rcp(x), h2rsqrt(x), h2ceil(x), h2floor(x), h2trunc(x), h2rint(x), h2exp(x), h2exp2(x),
                      h2exp10(x), h2log(x), h2log2(x), h2log10(x), h2sin(x), h2cos(x)};
  __nv_bfloat16 s[FUNCS] = {hsqrt(u), hrcp(u), hrsqrt(u), hceil(u), hfloor(u), htrunc(u), hrint(u), hexp(u), hexp2(u),
                            hexp10(u), hlog(u), hlog2(u), hlog10(u), hsin(u), hcos(u)};
  for (int k = 0; k < FUNCS; k++) {
    h[i * FUNCS + k] = __half_as_ushort(__low2half(r[k])) == __half_as_ushort(__high2half(r[k])) ? __half_as_ushort(__low2half(r[k])) : 0xdeadu;
    b[i * FUNCS + k] = __bfloat16_as_ushort(s[k]);
  }
}

__global__ void atomics(__half *h, __half2 *h2, __nv_bfloat16 *b, const __half *in) {
  __shared__ __half local[2];
  if (threadIdx.x < 2) local[threadIdx.x] = __float2half(0.0f);
  __syncthreads();
  __half one = __ldg(&in[0]), half_ = __ldcg(&in[1]);
  atomicAdd(&h[threadIdx.x & 1], one);
  atomicAdd(h2, __halves2half2(one, half_));
  atomicAdd(&b[threadIdx.x % 3], __float2bfloat16(0.5f));
  atomicAdd(&local[threadIdx.x & 1], half_);
  __syncthreads();
  if (threadIdx.x < 2) __stcs(&h[2 + threadIdx.x], local[threadIdx.x]);
}

// The host's references.
static unsigned short bits(_Float16 h) { unsigned short b; memcpy(&b, &h, 2); return b; }
static _Float16 ofBits(unsigned short b) { _Float16 h; memcpy(&h, &b, 2); return h; }
static float bfValue(unsigned short b) { unsigned int u = (unsigned int)b << 16; float f; memcpy(&f, &u, 4); return f; }
static const int feModes[MODES] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
static unsigned short halfOf(double d, int mode) { fesetround(feModes[mode]); volatile double v = d; _Float16 h = (_Float16)v; fesetround(FE_TONEAREST); return bits(h); }
static bool sameBits16(unsigned short a, unsigned short b) {
  bool nanA = (a & 0x7fffu) > 0x7c00u, nanB = (b & 0x7fffu) > 0x7c00u; // half NaNs compare as NaN (payloads differ)
  return nanA || nanB ? nanA && nanB : a == b;
}
// The bfloat16 nearest d in mode, by search over the ordered finite patterns (no bit arithmetic of the format).
static double bfFinite[2 * 0x7f80 - 1];
static int bfCount = 0;
static unsigned short bfOf(double d, int mode) {
  if (d != d) return 0x7fffu;
  if (d == 0) return std::signbit(d) ? 0x8000u : 0u;
  int lo = 0, hi = bfCount - 1;
  if (d > bfFinite[hi] || d < bfFinite[0]) { // beyond the largest: infinity unless the mode stops at the largest
    bool up = d > 0;
    bool toInfinity = mode == 0 ? fabs(d) >= 3.3961775292304e38 : mode == 1 ? false : mode == 2 ? !up : up;
    return toInfinity ? (up ? 0x7f80u : 0xff80u) : (up ? 0x7f7fu : 0xff7fu);
  }
  while (hi - lo > 1) { int mid = (lo + hi) / 2; if (bfFinite[mid] <= d) lo = mid; else hi = mid; }
  double below = bfFinite[lo], above = bfFinite[hi], pick;
  if (below == d) pick = below;
  else if (mode == 1) pick = d > 0 ? below : above;
  else if (mode == 2) pick = below;
  else if (mode == 3) pick = above;
  else if (d - below != above - d) pick = d - below < above - d ? below : above;
  else { float fb = (float)below; unsigned int u; memcpy(&u, &fb, 4); pick = ((u >> 16) & 1u) ? above : below; }
  float f = (float)pick;
  unsigned int u; memcpy(&u, &f, 4);
  if (pick == 0) return d < 0 ? 0x8000u : 0u;
  return (unsigned short)(u >> 16);
}
static double rounded(double v, int mode) { return mode == 0 ? nearbyint(v) : mode == 1 ? trunc(v) : mode == 2 ? floor(v) : ceil(v); }
static long long saturate(double r, double lo, double hi, long long nanValue) { return r != r ? nanValue : r <= lo ? (long long)lo : r >= hi ? (long long)hi : (long long)r; }

int main() {
  for (unsigned int b = 0; b < 0x10000u; b++) { // every finite bfloat16, ordered: negatives from the largest down
    float f = bfValue((unsigned short)b);
    if (std::isfinite(f) && !(f == 0 && (b & 0x8000u))) bfFinite[bfCount++] = f;
  }
  std::sort(bfFinite, bfFinite + bfCount);
  int bad = 0;
  double *in; unsigned short *h, *hf, *bf, *bff, *bfi, *ah, *ab, *mh, *mb; long long *ints; unsigned int *cmp;
  cudaMallocManaged(&in, sizeof values); memcpy(in, values, sizeof values);
  cudaMallocManaged(&h, N * 2); cudaMallocManaged(&hf, N * MODES * 2); cudaMallocManaged(&ints, N * MODES * INTS * 8);
  cudaMallocManaged(&bf, N * 2); cudaMallocManaged(&bff, N * MODES * 2); cudaMallocManaged(&bfi, N * 3 * MODES * 2);
  cudaMallocManaged(&ah, N * N * OPS * 2); cudaMallocManaged(&ab, N * N * OPS * 2); cudaMallocManaged(&cmp, N * N * CMPS * 4);
  cudaMallocManaged(&mh, N * FUNCS * 2); cudaMallocManaged(&mb, N * FUNCS * 2);
  halfConversions<<<1, N>>>(in, h, hf, ints);
  bfloatConversions<<<1, N>>>(in, bf, bff, bfi);
  arithmetic<<<1, dim3(N, N)>>>(in, ah, ab, cmp);
  mathFunctions<<<1, N>>>(in, mh, mb);
  if (cudaDeviceSynchronize() != cudaSuccess) { printf("launch failed\nFAILED\n"); return 1; }

  for (int i = 0; i < N; i++) {
    double d = values[i];
    float f = (float)d;
    if (!sameBits16(h[i], halfOf(d, 0))) { bad++; printf("__double2half(%g) = %04x, host %04x\n", d, h[i], halfOf(d, 0)); }
    if (!sameBits16(bf[i], bfOf(d, 0))) { bad++; printf("__double2bfloat16(%g) = %04x, search %04x\n", d, bf[i], bfOf(d, 0)); }
    for (int m = 0; m < MODES; m++) {
      if (!sameBits16(hf[i * MODES + m], halfOf(f, m))) { bad++; printf("__float2half mode %d (%g) = %04x, host %04x\n", m, f, hf[i * MODES + m], halfOf(f, m)); }
      if (!sameBits16(bff[i * MODES + m], bfOf(f, m))) { bad++; printf("__float2bfloat16 mode %d (%g) = %04x, search %04x\n", m, f, bff[i * MODES + m], bfOf(f, m)); }
      double x = (double)ofBits(halfOf(f, 0)), r = rounded(x, m);
      long long want[INTS] = {saturate(r, -2147483648.0, 2147483647.0, 0), saturate(r, 0, 4294967295.0, 0), saturate(r, -32768, 32767, 0),
                              saturate(r, 0, 65535, 0), r != r ? (long long)0x8000000000000000ULL : r >= 9.3e18 ? 0x7fffffffffffffffLL : r <= -9.3e18 ? (long long)0x8000000000000000ULL : (long long)r,
                              r != r ? (long long)0x8000000000000000ULL : r <= 0 ? 0 : r >= 1.8e19 ? -1LL : (long long)(unsigned long long)r};
      for (int t = 0; t < INTS; t++)
        if (ints[i * MODES * INTS + t * MODES + m] != want[t]) { bad++; printf("half %g to integer %d mode %d = %lld, want %lld\n", x, t, m, ints[i * MODES * INTS + t * MODES + m], want[t]); }
      long long v = (long long)(d * 1e4) * 12345 + 1;
      if (d != d || fabs(d) > 1e9) continue; // the integer is not defined by C++ there
      unsigned short *q = bfi + i * 3 * MODES;
      if (q[m] != bfOf((double)v, m)) { bad++; printf("__ll2bfloat16 mode %d (%lld) = %04x, search %04x\n", m, v, q[m], bfOf((double)v, m)); }
      if (q[4 + m] != bfOf((double)(int)v, m)) { bad++; printf("__int2bfloat16 mode %d (%d) = %04x, search %04x\n", m, (int)v, q[4 + m], bfOf((double)(int)v, m)); }
      if (!sameBits16(q[8 + m], halfOf((double)(int)v, m))) { bad++; printf("__int2half mode %d (%d) = %04x, host %04x\n", m, (int)v, q[8 + m], halfOf((double)(int)v, m)); }
    }
  }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int c = (i + j) % N;
      _Float16 x = ofBits(halfOf(values[i], 0)), y = ofBits(halfOf(values[j], 0)), z = ofBits(halfOf(values[c], 0));
      double X = x, Y = y, Z = z;
      auto sat = [](_Float16 r) { float f = r; return bits(f > 1 ? (_Float16)1.0f : f > 0 ? r : (_Float16)0.0f); };
      _Float16 fm = (_Float16)fma(X, Y, Z);
      unsigned short nanBits = 0x7fffu;
      unsigned short hmax = X != X ? (Y != Y ? nanBits : bits(y)) : Y != Y ? bits(x) : X == Y ? (std::signbit(X) ? bits(y) : bits(x)) : X > Y ? bits(x) : bits(y);
      unsigned short hminNan = X != X || Y != Y ? nanBits : X == Y ? (std::signbit(X) ? bits(x) : bits(y)) : X < Y ? bits(x) : bits(y);
      unsigned short wantH[OPS] = {bits((_Float16)(X + Y)), bits((_Float16)(X - Y)), bits((_Float16)(X * Y)), bits((_Float16)(X / Y)),
                                   bits(fm), sat((_Float16)(X + Y)), sat((_Float16)(X * Y)), fm != fm ? nanBits : (float)fm < 0 ? (unsigned short)0 : bits(fm), hmax, hminNan};
      for (int k = 0; k < OPS; k++)
        if (!sameBits16(ah[(i * N + j) * OPS + k], wantH[k])) { bad++; printf("half op %d (%g, %g, %g) = %04x, host %04x\n", k, X, Y, Z, ah[(i * N + j) * OPS + k], wantH[k]); }
      double U = bfValue(bfOf(values[i], 0)), V = bfValue(bfOf(values[j], 0)), W = bfValue(bfOf(values[c], 0));
      auto bsat = [&](unsigned short r) { float f = bfValue(r); return f > 1 ? (unsigned short)0x3f80u : f > 0 ? r : (unsigned short)0; };
      unsigned short bfm = bfOf(fma(U, V, W), 0);
      unsigned short bmax = U != U ? (V != V ? nanBits : bfOf(V, 0)) : V != V ? bfOf(U, 0) : U == V ? (std::signbit(U) ? bfOf(V, 0) : bfOf(U, 0)) : bfOf(U > V ? U : V, 0);
      unsigned short bminNan = U != U || V != V ? nanBits : U == V ? (std::signbit(U) ? bfOf(U, 0) : bfOf(V, 0)) : bfOf(U < V ? U : V, 0);
      unsigned short wantB[OPS] = {bfOf(U + V, 0), bfOf(U - V, 0), bfOf(U * V, 0), bfOf(U / V, 0), bfm, bsat(bfOf(U + V, 0)), bsat(bfOf(U * V, 0)),
                                   bfValue(bfm) != bfValue(bfm) ? nanBits : bfValue(bfm) < 0 ? (unsigned short)0 : bfm, bmax, bminNan};
      for (int k = 0; k < OPS; k++)
        if (!sameBits16(ab[(i * N + j) * OPS + k], wantB[k])) { bad++; printf("bfloat16 op %d (%g, %g, %g) = %04x, search %04x\n", k, U, V, W, ab[(i * N + j) * OPS + k], wantB[k]); }
      auto lanes = [](bool lo, bool hi) { return (lo ? 0xffffu : 0u) | (hi ? 0xffff0000u : 0u); };
      bool un = X != X || Y != Y;
      unsigned int wantC[CMPS] = {lanes(X == Y, Y == X), lanes(X < Y || X > Y, Y < X || Y > X), lanes(X < Y, Y < X), lanes(X <= Y, Y <= X),
                                  lanes(X > Y, Y > X), lanes(X >= Y, Y >= X), lanes(un || X == Y, un || Y == X), lanes(!(X == Y), !(Y == X)),
                                  lanes(un || X < Y, un || Y < X), lanes(un || X <= Y, un || Y <= X), lanes(un || X > Y, un || Y > X),
                                  ((un || X >= Y) && (un || Y >= X) ? 1u : 0u) | 2u | (std::isinf(X) && X < 0 ? 4u : 0u)};
      for (int k = 0; k < CMPS; k++)
        if (cmp[(i * N + j) * CMPS + k] != wantC[k]) { bad++; printf("comparison %d (%g, %g) = %x, want %x\n", k, X, Y, cmp[(i * N + j) * CMPS + k], wantC[k]); }
    }
  for (int i = 0; i < N; i++) {
    double X = (double)ofBits(halfOf(values[i] * 0.01, 0)), U = bfValue(bfOf(values[i] * 0.01, 0));
    double (*fn[FUNCS])(double) = {sqrt, [](double v) { return 1 / v; }, [](double v) { return 1 / sqrt(v); }, ceil, floor, trunc, nearbyint,
                                   exp, exp2, [](double v) { return pow(10.0, v); }, log, log2, log10, sin, cos};
    for (int k = 0; k < FUNCS; k++) {
      bool exact = k <= 6;
      for (int t = 0; t < 2; t++) {
        double arg = t == 0 ? X : U, want = fn[k](arg);
        unsigned short got = t == 0 ? mh[i * FUNCS + k] : mb[i * FUNCS + k];
        double value = t == 0 ? (double)ofBits(got) : bfValue(got);
        unsigned short nearest = t == 0 ? halfOf(want, 0) : bfOf(want, 0);
        double near = t == 0 ? (double)ofBits(nearest) : bfValue(nearest);
        double ulp = t == 0 ? fmax(fabs(near) * 0x1p-10, 0x1p-24) : fmax(fabs(near) * 0x1p-7, 0x1p-133);
        bool ok = sameBits16(got, nearest) || (!exact && value == value && fabs(value - want) <= ulp);
        if (!ok) { bad++; printf("%s function %d (%g) = %g (%04x), want %g\n", t == 0 ? "half" : "bfloat16", k, arg, value, got, want); }
      }
    }
  }
  __half *sh, *one; __half2 *sh2; __nv_bfloat16 *sb;
  cudaMallocManaged(&sh, 8); cudaMallocManaged(&sh2, 4); cudaMallocManaged(&sb, 6); cudaMallocManaged(&one, 4);
  memset(sh, 0, 8); memset(sh2, 0, 4); memset(sb, 0, 6);
  one[0] = __float2half(1.0f); one[1] = __float2half(0.5f);
  atomics<<<1, 96>>>(sh, sh2, sb, one);
  cudaDeviceSynchronize();
  float got[9] = {__half2float(sh[0]), __half2float(sh[1]), __half2float(sh[2]), __half2float(sh[3]), __low2float(*sh2), __high2float(*sh2),
                  __bfloat162float(sb[0]), __bfloat162float(sb[1]), __bfloat162float(sb[2])};
  float want[9] = {48, 48, 24, 24, 96, 48, 16, 16, 16};
  for (int k = 0; k < 9; k++)
    if (got[k] != want[k]) { bad++; printf("atomic sum %d = %g, want %g\n", k, got[k], want[k]); }
  printf("%s\n", bad ? "FAILED" : "PASSED");
  return bad ? 1 : 0;
}
