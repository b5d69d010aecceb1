// opencl: the CUDA fuzzer's seed 315 (session 23), reduced by deleting lines. PoCL 3.1 with POCL_WORK_GROUP_METHOD
// unset vectorized the work-item loop and lost the store arr[3] *= ... that follows a store at a run-time index,
// arr[arr[1] & 3] (arr[3] of thread 0: 1 instead of -7; right with -cl-opt-disable and with the variable set to
// "loops", which the runtime now does: runtime/OpenCl/Interop/PoclSettings.cs). Checked against clang's C++ build of
// this file (-DORACLE), as translate-fuzz diff-cuda does.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#ifdef ORACLE
struct Index3 { unsigned x, y, z; };
static Index3 threadIdx, blockIdx, blockDim, gridDim;
#define __global__
#define __device__
static int cudaMalloc(void **p, size_t n) { *p = malloc(n); return 0; }
enum { cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2 };
static int cudaMemcpy(void *d, const void *s, size_t n, int) { memcpy(d, s, n); return 0; }
static int cudaDeviceSynchronize() { return 0; }
static int cudaFree(void *p) { free(p); return 0; }
static unsigned __float_as_uint(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
static long long __double_as_longlong(double d) { long long u; memcpy(&u, &d, 8); return u; }
#define LAUNCH(G, B, ...) do { gridDim = {G, 1, 1}; blockDim = {B, 1, 1}; \
    for (blockIdx.x = 0; blockIdx.x < (G); blockIdx.x++) for (threadIdx.x = 0; threadIdx.x < (B); threadIdx.x++) k(__VA_ARGS__); } while (0)
#else
#include <cuda_runtime.h>
#define LAUNCH(G, B, ...) k<<<G, B>>>(__VA_ARGS__)
#endif

struct Record { int a; float b; unsigned char c; };

__device__ long long to_integer(double x) {
  return x != x ? 0 : x >= 9.0e18 ? 9000000000000000000ll : x <= -9.0e18 ? -9000000000000000000ll : (long long)x;
}

__device__ signed char f0(double a, unsigned long long b) { return ((bool)(to_integer(a))); }

__global__ void k(unsigned long long *out, const int *in, const float *inf) {
  unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
    signed char v0 = (((short)(-32768) / ((short)(-254) | 1)) ^ to_integer((inf[((unsigned)(blockDim.x) % 1024u)] * blockIdx.x)));
    float v1 = (((short)(in[((unsigned)(v0) % 1024u)]) + (short)(v0)) | ((short)(v0) - (short)(in[((unsigned)(v0) % 1024u)])));
    unsigned v2 = to_integer(((v0 + inf[((unsigned)(to_integer(v1)) % 1024u)]) + (to_integer(v1) & to_integer(v1))));
    bool v3 = f0((to_integer(v1) >> (9000000000 & 63)), (-(short)(in[((unsigned)(to_integer(v1)) % 1024u)])));
    short v4 = in[((unsigned)(to_integer(inf[((unsigned)(threadIdx.x) % 1024u)])) % 1024u)];
    char arr[4] = {(char)(((short)(v3) * (short)(in[((unsigned)(v3) % 1024u)]))), (char)(((short)(in[((unsigned)(v3) % 1024u)]) * (short)(in[((unsigned)(in[((unsigned)(true) % 1024u)]) % 1024u)]))), (char)(v0), (char)(v3)};
    Record rec = {(int)(to_integer((v0 ? 1.5f : 4000000000))), (float)((83 | to_integer(inf[((unsigned)(arr[1]) % 1024u)]))), (unsigned char)(((short)(arr[3]) * (short)(v0)))};
    arr[(arr[1]) & 3] = to_integer((('0' | to_integer(rec.b)) * inf[((unsigned)(in[((unsigned)(to_integer(rec.b)) % 1024u)]) % 1024u)]));
    if (((inf[((unsigned)(to_integer(inf[((unsigned)(to_integer(inf[((unsigned)(arr[2]) % 1024u)])) % 1024u)])) % 1024u)] / (fabsf(inf[((unsigned)(in[((unsigned)(0x7fffffff) % 1024u)]) % 1024u)]) + 1.0f)) - ((short)(in[((unsigned)(198) % 1024u)]) / ((short)(in[((unsigned)(in[((unsigned)(to_integer(-0.0f)) % 1024u)]) % 1024u)]) | 1)))) {
        { unsigned& p0 = v2; p0 |= (int)((-(short)(((signed char)(to_integer(inf[((unsigned)(65535) % 1024u)])))))) & 0xff; }
        arr[3] *= (short)((((unsigned short)(-8)) | to_integer(v1)));
    } else {
    }
    rec.c = to_integer((v1 - rec.c));
    rec.a = arr[0];
    out[gid * 12 + 0] = (unsigned long long)(v0);
    out[gid * 12 + 1] = (unsigned long long)__float_as_uint(v1 == v1 ? v1 + 0.0f : 0.5f);
    out[gid * 12 + 2] = (unsigned long long)(v2);
    out[gid * 12 + 3] = (unsigned long long)(v3);
    out[gid * 12 + 4] = (unsigned long long)(v4);
    out[gid * 12 + 5] = (unsigned long long)(arr[0]);
    out[gid * 12 + 6] = (unsigned long long)(arr[1]);
    out[gid * 12 + 7] = (unsigned long long)(arr[2]);
    out[gid * 12 + 8] = (unsigned long long)(arr[3]);
    out[gid * 12 + 9] = (unsigned long long)(rec.a);
    out[gid * 12 + 10] = (unsigned long long)__float_as_uint(rec.b == rec.b ? rec.b + 0.0f : 0.5f);
    out[gid * 12 + 11] = (unsigned long long)(rec.c);
}

int main() {
  const int threads = 2 * 7, slots = 12;
  int *hin = (int *)malloc(1024 * sizeof(int));
  float *hinf = (float *)malloc(1024 * sizeof(float));
  unsigned long long *hout = (unsigned long long *)malloc(threads * slots * sizeof(unsigned long long));
  unsigned s = 315;
  for (int i = 0; i < 1024; i++) {
    s = s * 1103515245u + 12345u;
    hin[i] = (int)(s ^ (s >> 13));
    hinf[i] = (float)((int)(s >> 8) % 100000) / 64.0f;
  }
  int *din; float *dinf; unsigned long long *dout;
  cudaMalloc((void **)&din, 1024 * sizeof(int));
  cudaMalloc((void **)&dinf, 1024 * sizeof(float));
  cudaMalloc((void **)&dout, threads * slots * sizeof(unsigned long long));
  cudaMemcpy(din, hin, 1024 * sizeof(int), cudaMemcpyHostToDevice);
  cudaMemcpy(dinf, hinf, 1024 * sizeof(float), cudaMemcpyHostToDevice);
  LAUNCH(2, 7, dout, din, dinf);
  cudaDeviceSynchronize();
  cudaMemcpy(hout, dout, threads * slots * sizeof(unsigned long long), cudaMemcpyDeviceToHost);
  unsigned long long h = 0;
  for (int i = 0; i < threads * slots; i++) {
    h = h * 1000003ull + hout[i];
    if (i % slots == slots - 1) printf("thread %d: %llu\n", i / slots, h);
  }
  cudaFree(din); cudaFree(dinf); cudaFree(dout);
  free(hin); free(hinf); free(hout);
  return 0;
}
