// Issue 16: array elements and aggregate members of a class with constructors written as an inner brace list
// (`std::pair<int, float> p[3] = {{1, 2.f}}`, `P q[2] = {{1, 2}, {3, 4}}`) were refused (TR0404, "a brace initializer
// of type 'void'"): libclang shows such a list as written, without the constructor call C++ makes of it. The
// constructor is the one overload resolution picks: among overloads, a narrowed constant, an lvalue bound to a
// reference, a default argument, a class template, a member of an aggregate, an element left out (default
// constructor), the standard library's pair. In a kernel and in host code.
#include <cstdio>
#include <utility>

struct P {
    int a;
    float b;
    __host__ __device__ P() : a(7), b(1) {}
    __host__ __device__ P(int x, float y) : a(x), b(y) {}
    __host__ __device__ P(int x, int y, int z = 100) : a(x + z), b((float)y) {}  // chosen for {int, int}
};

struct Counter {
    int v;
    __host__ __device__ Counter(int &source) : v(source) { source += 10; }       // an lvalue bound by reference
};

template <class T> struct Cx {
    T re, im;
    __host__ __device__ Cx(T r = T(-1), T i = T(0)) : re(r), im(i) {}
};

struct Holder { P p; int n; Cx<double> z; };                                    // an aggregate of such classes

__host__ __device__ int check(float got, float want) { return got == want ? 0 : 1; }

__host__ __device__ int run(int seed)
{
    int failures = 0;
    P p[3] = {{seed, 2.5f}, {1, 2}};             // P(int, float); P(int, int, int = 100); P()
    failures += check(p[0].a, seed) + check(p[0].b, 2.5f) + check(p[1].a, 101) + check(p[1].b, 2.0f);
    failures += check(p[2].a, 7) + check(p[2].b, 1.0f);
    P q[2] = {{1, 2, seed}, {}};                 // all three given; value-initialized by P()
    failures += check(q[0].a, 1 + seed) + check(q[0].b, 2.0f) + check(q[1].a, 7);
    int source = seed;
    Counter c[2] = {{source}, {source}};         // each element adds 10 to source through its reference
    failures += check(c[0].v, seed) + check(c[1].v, seed + 10) + check(source, seed + 20);
    Cx<double> z[2] = {{1.5, 2.5}, {(double)seed}};
    failures += check(z[0].re, 1.5f) + check(z[0].im, 2.5f) + check(z[1].re, (float)seed) + check(z[1].im, 0.0f);
    Cx<float> w[1] = {{1, 2}};                   // int constants converted to float
    failures += check(w[0].re, 1.0f) + check(w[0].im, 2.0f);
    Holder h = {{seed, 0.5f}, 3, {4.0, 5.0}};
    failures += check(h.p.a, seed) + check(h.p.b, 0.5f) + check(h.n, 3) + check(h.z.re, 4.0f) + check(h.z.im, 5.0f);
    Holder hs[2] = {{{1, 2}, 3, {6.0}}};         // hs[1] value-initialized: P() and Cx() run
    failures += check(hs[0].p.a, 101) + check(hs[0].z.re, 6.0f) + check(hs[1].p.a, 7) + check(hs[1].n, 0) + check(hs[1].z.re, -1.0f);
    std::pair<int, float> pr[3] = {{seed, 2.f}, {3, 4.5f}};
    failures += check(pr[0].first, seed) + check(pr[0].second, 2.0f) + check(pr[1].first, 3) + check(pr[1].second, 4.5f);
    failures += check(pr[2].first, 0) + check(pr[2].second, 0.0f);
    return failures;
}

__global__ void kernel(int *failures, int seed)
{
    failures[threadIdx.x] = run(seed + (int)threadIdx.x);
}

int main()
{
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
