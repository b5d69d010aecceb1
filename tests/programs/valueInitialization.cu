// T() is C++ value-initialization: zero for a CUDA vector type or a class whose default constructor is not its own
// (held-out HeCBench cmembench: `T s = T();` in a template kernel, summed into). The lifter took `int4 a = int4();`
// for the default-initialization of `int4 a;` and stored nothing (opencl read the buffer's old bytes: a wrong result
// with no diagnostic), and `return T();`, `acc = int4();`, `f(S())` were refused (TR0404). Each case runs in a kernel,
// where the variable's slot was written with other values first, and in host code.
#include <cstdio>

struct Pair { int a, b; };
struct Defaults { int a = 7; int b; float c; };
struct Holder { Pair p; float f[2]; };

template <class T> __host__ __device__ T zero() { return T(); }
__host__ __device__ int sumPair(Pair p) { return p.a + p.b; }

__host__ __device__ int run(int base) {
    int failures = 0;
    for (int round = 0; round < 2; round++) {
        int4 v = int4();
        if (v.x || v.y || v.z || v.w) failures++;
        float2 f = float2();
        if (f.x != 0.0f || f.y != 0.0f) failures++;
        Pair p = Pair();
        if (p.a || p.b) failures++;
        Defaults d = Defaults();                 // zero first, then the default member initializers
        if (d.a != 7 || d.b || d.c != 0.0f) failures++;
        Holder h = Holder();
        if (h.p.a || h.p.b || h.f[0] != 0.0f || h.f[1] != 0.0f) failures++;
        // Written over, so the next round's T() must zero what this round left.
        v = make_int4(base, base, base, base); f = make_float2(base, base); p.a = p.b = base;
        d.a = d.b = base; h.p.a = h.f[1] = base;
        if (v.x + f.y + p.a + d.b + h.p.a != 5 * base) failures++;
    }
    int4 fromTemplate = zero<int4>();
    if (fromTemplate.x || fromTemplate.w) failures++;
    Pair fromTemplatePair = zero<Pair>();
    if (fromTemplatePair.a || fromTemplatePair.b) failures++;
    if (zero<int>() != 0 || zero<double>() != 0.0) failures++;
    int4 acc = make_int4(1, 2, 3, 4);
    acc = int4();                                 // assigned from a temporary
    if (acc.x || acc.y || acc.z || acc.w) failures++;
    if (sumPair(Pair()) != 0) failures++;         // passed as a temporary
    Defaults e = Defaults();
    e = Defaults();
    if (e.a != 7 || e.b) failures++;
    return failures;
}

__global__ void kernel(int *failures, int base) {
    failures[threadIdx.x] = run(base + threadIdx.x);
}

int main() {
    const int threads = 32;
    int *d, h[threads];
    cudaMalloc((void **)&d, sizeof h);
    cudaMemset(d, 0x55, sizeof h);
    kernel<<<1, threads>>>(d, 3);
    cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
    cudaFree(d);
    int failures = run(11);
    if (failures) printf("host: %d failures\n", failures);
    for (int i = 0; i < threads; i++)
        if (h[i]) { printf("thread %d: %d failures\n", i, h[i]); failures += h[i]; }
    printf("%s\n", failures ? "FAILED" : "PASSED");
    return failures ? 1 : 0;
}
