// Unions declared inside function bodies were refused (TR0406 "local declaration 'UnionDecl' is not translated";
// HeCBench aobench, held out: its random generator's operator() puns an int into a float through a local union).
// Anonymous and named local unions, two functions declaring a union of the same name with other members, a union
// holding a struct and an array, and aobench's generator, each checked against the bits the host computes.
#include <cstdio>

struct Pair { int a, b; };

struct Rng {
    unsigned int x;
    const int mask = (1 << 23) - 1;
    __host__ __device__ Rng(unsigned int seed) : x(seed) {}
    __host__ __device__ int next()
    {
        x ^= x >> 6;
        x ^= x << 17;
        x ^= x >> 9;
        return int(x);
    }
    __host__ __device__ float operator()()
    {
        union {
            float f;
            int i;
        } u;
        u.i = (next() & mask) | 0x3f800000;
        return u.f - 1.f;
    }
};

__host__ __device__ float asFloat(int bits) { union { float f; int i; } u; u.i = bits; return u.f; }
__host__ __device__ int lowWord(long long v) { union { long long l; int words[2]; } u; u.l = v; return u.words[0]; }
__host__ __device__ int floatBits(float x) { union U { float f; int i; } u; u.f = x; return u.i; }
__host__ __device__ double doubleOf(long long b) { union U { double d; long long b; char c[8]; } u; u.b = b; return u.d; }
__host__ __device__ int secondOfPair(long long v) { union { long long l; Pair p; } u; u.l = v; return u.p.b; }

__host__ __device__ double results(int t, int k)
{
    Rng rng(1234u + t);
    switch (k) {
    case 0: return rng() + rng();
    case 1: return asFloat(0x3f800000 + t * 4099);
    case 2: return lowWord(0x1234567800000000LL + t * 77777);
    case 3: return floatBits(t * 0.37f);
    case 4: return doubleOf(0x3ff0000000000000LL + t * 123456789LL);
    default: return secondOfPair(((long long)t << 32) | 5);
    }
}

const int Threads = 64, Kinds = 6;

__global__ void compute(double *out)
{
    for (int k = 0; k < Kinds; k++) out[threadIdx.x * Kinds + k] = results(threadIdx.x, k);
}

int main()
{
    double *d, h[Threads * Kinds];
    cudaMalloc(&d, sizeof h);
    compute<<<1, Threads>>>(d);
    cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
    int errors = 0;
    for (int t = 0; t < Threads; t++)
        for (int k = 0; k < Kinds; k++) {
            double want = results(t, k);
            if (h[t * Kinds + k] != want) {
                if (errors++ < 5) printf("thread %d, kind %d: %.17g, expected %.17g\n", t, k, h[t * Kinds + k], want);
            }
        }
    // The host's side is lifted too: pin a few values to constants.
    if (floatBits(1.0f) != 0x3f800000 || lowWord(0x1234567800abcdefLL) != 0x00abcdef || doubleOf(0x3ff8000000000000LL) != 1.5
        || secondOfPair(0x0000000700000003LL) != 7 || asFloat(0x40490fdb) != 3.14159274f) {
        printf("a union read gives the wrong bits on the host\n");
        errors++;
    }
    printf("%s\n", errors == 0 ? "PASSED" : "FAILED");
    return errors != 0;
}
