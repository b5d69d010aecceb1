// Half precision: float -> __half -> float round trips checked bit for bit against a host reference
// conversion (round to nearest even, subnormals, overflow to infinity, NaN), __half arithmetic
// (__hadd, __hmul, __hfma, operators, comparisons) and __half2, with constants from math_constants.h.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cuda_fp16.h>
#include <math_constants.h>

// The host reference: binary16 bits of a value, rounded to nearest even, written independently of
// the header (through double arithmetic rather than bit manipulation).
static unsigned short referenceHalfBits(double f)
{
    if (f != f) return 0x7fff;
    unsigned short sign = (f < 0 || (f == 0 && 1.0f / f < 0)) ? 0x8000 : 0;
    double a = f < 0 ? -(double)f : (double)f;
    if (a >= 65520.0) return sign | 0x7c00;
    // Scale into units of the result's last place, then round half to even.
    int e = -14;
    while (e < 15 && a >= ldexp(1.0, e + 1)) ++e;
    double unit = ldexp(1.0, e - 10);
    double q = a / unit, whole = floor(q), frac = q - whole;
    if (frac > 0.5 || (frac == 0.5 && fmod(whole, 2.0) == 1.0)) whole += 1.0;
    // whole counts units; the bits follow from the binade (subnormal when e == -14 and whole < 1024).
    unsigned int bits;
    if (whole < 1024) bits = (unsigned int)whole;                    // subnormal (or zero)
    else bits = (unsigned int)((e + 15 - 1) << 10) + (unsigned int)whole;
    return sign | (unsigned short)bits;
}

__global__ void convert(const float *in, unsigned short *bits, float *back, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        __half h = __float2half(in[i]);
        bits[i] = __half_as_ushort(h);
        back[i] = __half2float(h);
    }
}

__global__ void arithmetic(const float *x, const float *y, float *out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    __half a = __float2half(x[i]), b = __float2half(y[i]);
    __half s = a + b;
    __half p = a * b;
    __half f = __hfma(a, b, __float2half(CUDART_PI_F));
    __half d = __hdiv(a, b);
    __half m = -a;
    m += b;
    __half2 v = __floats2half2_rn(x[i], y[i]);
    __half2 w = __hmul2(v, __half2half2(__float2half(2.0f)));
    out[8 * i + 0] = __half2float(s);
    out[8 * i + 1] = __half2float(p);
    out[8 * i + 2] = __half2float(f);
    out[8 * i + 3] = __half2float(d);
    out[8 * i + 4] = __half2float(m);
    out[8 * i + 5] = __low2float(w) + __high2float(w);
    out[8 * i + 6] = (a < b) + 2 * (a == b) + 4 * (a != b) + 8 * __hgt(a, b);
    out[8 * i + 7] = (float)__hisinf(__float2half(x[i] * CUDART_INF_F)) + __hisnan(__float2half(CUDART_NAN_F));
}

static float halfValue(unsigned short bits)
{
    int e = (bits >> 10) & 31, m = bits & 1023;
    double v = e == 0 ? ldexp((double)m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(1024.0 + m, e - 25);
    return (float)((bits & 0x8000) ? -v : v);
}
// The host's expectation for one operation: its result in double (exact, or for the fma rounded once
// far below half precision) rounded to half.
static float h(double v) { return halfValue(referenceHalfBits(v)); }

int main()
{
    // Conversion inputs: ordinary values, ties, subnormals, the overflow edge, specials.
    const int nc = 4096 + 12;
    float *in = (float *)malloc(nc * sizeof(float));
    for (int i = 0; i < 4096; ++i) in[i] = (float)(i - 2048) * 0.37f + (float)i * (float)i * 1.7e-3f;
    float specials[12] = {65504.0f, 65519.99f, 65520.0f, 1e-8f, 2.9802322e-8f, 5.9604645e-8f, 6.1035156e-5f,
                          1.0009766f, 1.00146484375f, -0.0f, CUDART_INF_F, CUDART_NAN_F};
    memcpy(in + 4096, specials, sizeof(specials));
    // Values exactly halfway between two halves must round to even.
    for (int i = 0; i < 512; ++i) in[i * 8] = 1.0f + (2 * i + 1) * 0.00048828125f;

    float *din, *dback;
    unsigned short *dbits;
    cudaMalloc(&din, nc * sizeof(float));
    cudaMalloc(&dback, nc * sizeof(float));
    cudaMalloc(&dbits, nc * sizeof(unsigned short));
    cudaMemcpy(din, in, nc * sizeof(float), cudaMemcpyHostToDevice);
    convert<<<(nc + 255) / 256, 256>>>(din, dbits, dback, nc);
    unsigned short *bits = (unsigned short *)malloc(nc * sizeof(unsigned short));
    float *back = (float *)malloc(nc * sizeof(float));
    cudaMemcpy(bits, dbits, nc * sizeof(unsigned short), cudaMemcpyDeviceToHost);
    cudaMemcpy(back, dback, nc * sizeof(float), cudaMemcpyDeviceToHost);
    int wrong = 0;
    for (int i = 0; i < nc; ++i) {
        unsigned short want = referenceHalfBits(in[i]);
        float wantBack = halfValue(want);
        bool backOk = (wantBack != wantBack) ? back[i] != back[i] : back[i] == wantBack && (wantBack != 0 || (1.0f / back[i] < 0) == (1.0f / wantBack < 0));
        if (bits[i] != want || !backOk) {
            if (wrong < 5) printf("convert %.9g: bits %04x back %.9g, expected %04x %.9g\n", in[i], bits[i], back[i], want, wantBack);
            ++wrong;
        }
    }

    // Arithmetic on values that are halves already.
    const int n = 1024;
    float *x = (float *)malloc(n * sizeof(float)), *y = (float *)malloc(n * sizeof(float));
    for (int i = 0; i < n; ++i) {
        x[i] = halfValue(referenceHalfBits((float)(i % 97) * 0.731f - 30.0f));
        y[i] = halfValue(referenceHalfBits((float)(i % 13 + 1) * 1.37f));
    }
    float *dx, *dy, *dout;
    cudaMalloc(&dx, n * sizeof(float));
    cudaMalloc(&dy, n * sizeof(float));
    cudaMalloc(&dout, 8 * n * sizeof(float));
    cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
    cudaMemcpy(dy, y, n * sizeof(float), cudaMemcpyHostToDevice);
    arithmetic<<<n / 128, 128>>>(dx, dy, dout, n);
    float *out = (float *)malloc(8 * n * sizeof(float));
    cudaMemcpy(out, dout, 8 * n * sizeof(float), cudaMemcpyDeviceToHost);
    float pi = halfValue(referenceHalfBits(CUDART_PI_F));
    for (int i = 0; i < n; ++i) {
        double a = x[i], b = y[i];
        float want[8] = {h(a + b), h(a * b), h(a * b + pi), h(a / b), h(-a + b),
                         h(2.0 * h(a)) + h(2.0 * h(b)),
                         (float)((a < b) + 2 * (a == b) + 4 * (a != b) + 8 * (a > b)),
                         (float)(x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0) + 1.0f};
        for (int k = 0; k < 8; ++k)
            if (out[8 * i + k] != want[k]) {
                if (wrong < 10) printf("arithmetic %d.%d (a=%g b=%g): %.9g, expected %.9g\n", i, k, a, b, out[8 * i + k], want[k]);
                ++wrong;
            }
    }
    printf("%d conversions and %d arithmetic checks, %d wrong\n", nc, 8 * n, wrong);
    cudaFree(din); cudaFree(dback); cudaFree(dbits); cudaFree(dx); cudaFree(dy); cudaFree(dout);
    free(in); free(bits); free(back); free(x); free(y); free(out);
    if (wrong) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
