// Issue 16: brace lists that leave out the braces around aggregate elements (`S s[2] = {1, 2, 3, 4}`, `float2 p[2] =
// {1.f, 2.f, 3.f, 4.f}`, `int a[2][3] = {1, 2, 3, 4, 5, 6}`) were refused (TR0404, "braces left out"): libclang shows a
// brace list as written, so the lifter puts the braces back as C++ brace elision does. Around them: lists that end early
// (the rest of an element and the elements after it value-initialized, default member initializers kept), mixed braced
// and elided elements, a class holding an array, three dimensions, vector types, globals; and two conversions that were
// refused next to them: `dim3 d[2] = {4, 5}` (TR0404 "conversion from 'int' to 'dim3'": dim3's converting constructor,
// y and z 1) and a class template's converting constructor (`Complex<double> c[2] = {1.5, 2.5}`, whose members
// libclang does not show), with a default argument, a promotion and a conversion. Elements and members left out whose
// class has a default constructor that sets members were zeroed (dim3's 0, 0, 0; no diagnostic), and so were members
// of such a class in a default-constructed object: C++ runs the constructor. In a kernel and in host code.
#include <cstdio>

struct S { int x, y; };
struct Defaults { int a; int b = 5; };
struct Row { int v[3]; float f; };
struct Nest { S s; int n; };

template <class T> struct Complex {
    T re, im;
    __host__ __device__ Complex(T r) : re(r), im(0) {}
};

template <class T> struct Pair {
    T a, b;
    __host__ __device__ Pair(T x, T y = T(7)) : a(x), b(y) {}
};

__device__ S gs[3] = {1, 2, 3};
__device__ int gm[2][3] = {1, 2, 3, 4, 5};
__device__ float2 gp[2] = {0.5f, 1.5f, 2.5f};
__device__ Defaults gd[3] = {1, 2, 3};

__host__ __device__ int check(float got, float want)
{
    return got == want ? 0 : 1;
}

__host__ __device__ int run(int seed)
{
    int failures = 0;
    S s[2] = {seed, 2, 3, seed + 4};
    failures += check(s[0].x, seed) + check(s[0].y, 2) + check(s[1].x, 3) + check(s[1].y, seed + 4);
    S t[3] = {1, 2, seed};                       // t[1].y and t[2] value-initialized
    failures += check(t[0].x, 1) + check(t[0].y, 2) + check(t[1].x, seed) + check(t[1].y, 0) + check(t[2].x, 0) + check(t[2].y, 0);
    S u[3] = {{seed, 1}, 2, 3, {4}};             // braced, elided, braced
    failures += check(u[0].x, seed) + check(u[0].y, 1) + check(u[1].x, 2) + check(u[1].y, 3) + check(u[2].x, 4) + check(u[2].y, 0);
    int a[2][3] = {1, 2, 3, 4, 5, seed};
    failures += check(a[0][0], 1) + check(a[0][2], 3) + check(a[1][0], 4) + check(a[1][2], seed);
    int b[2][2][2] = {1, 2, 3, 4, seed};         // three levels; the last three zero
    failures += check(b[0][1][1], 4) + check(b[1][0][0], seed) + check(b[1][0][1], 0) + check(b[1][1][1], 0);
    float2 p[2] = {1.5f, 2.5f, (float)seed};
    failures += check(p[0].x, 1.5f) + check(p[0].y, 2.5f) + check(p[1].x, (float)seed) + check(p[1].y, 0.0f);
    int4 q[2] = {1, 2, 3, 4, seed};
    failures += check(q[0].w, 4) + check(q[1].x, seed) + check(q[1].w, 0);
    Defaults d[3] = {seed, 2, 3};                // d[1].b and d[2].b take the default member initializer
    failures += check(d[0].a, seed) + check(d[0].b, 2) + check(d[1].a, 3) + check(d[1].b, 5) + check(d[2].a, 0) + check(d[2].b, 5);
    Row r[2] = {1, 2, 3, 0.5f, seed};            // an array member's braces left out too
    failures += check(r[0].v[2], 3) + check(r[0].f, 0.5f) + check(r[1].v[0], seed) + check(r[1].v[2], 0) + check(r[1].f, 0.0f);
    Nest n[3] = {1, 2, 3, {{4, 5}, 6}, seed};    // a class member's braces left out; an element given whole
    failures += check(n[0].s.x, 1) + check(n[0].s.y, 2) + check(n[0].n, 3) + check(n[1].s.y, 5) + check(n[1].n, 6);
    failures += check(n[2].s.x, seed) + check(n[2].s.y, 0) + check(n[2].n, 0);
    S copy = {7, 8};
    S c[2] = {copy, seed, 9};                    // a value of the element's own type takes the whole element
    failures += check(c[0].x, 7) + check(c[0].y, 8) + check(c[1].x, seed) + check(c[1].y, 9);

    dim3 g[3] = {4, (unsigned)seed};             // dim3(unsigned vx = 1, unsigned vy = 1, unsigned vz = 1)
    failures += check(g[0].x, 4) + check(g[0].y, 1) + check(g[0].z, 1) + check(g[1].x, seed) + check(g[1].z, 1);
    failures += check(g[2].x, 1) + check(g[2].y, 1) + check(g[2].z, 1);

    Complex<double> z[2] = {1.5, seed};          // double exact; int converted
    failures += check(z[0].re, 1.5f) + check(z[0].im, 0.0f) + check(z[1].re, (float)seed) + check(z[1].im, 0.0f);
    Complex<float> w[2] = {2.5f, 0.25};          // float exact; double converted to float
    failures += check(w[0].re, 2.5f) + check(w[1].re, 0.25f) + check(w[1].im, 0.0f);
    Pair<int> pr[2] = {seed, (short)3};          // the second parameter's default argument; short promoted to int
    failures += check(pr[0].a, seed) + check(pr[0].b, 7) + check(pr[1].a, 3) + check(pr[1].b, 7);
    return failures;
}

template <class T> struct Zero {
    T v;
    __host__ __device__ Zero(T x) : v(x) {}
    __host__ __device__ Zero() : v(5) {}
};

struct Nine { int v; __host__ __device__ Nine() : v(9) {} };
struct HoldsNine { Nine a; int b; };
struct HoldsMany { Nine grid[2][2]; dim3 block; };

__host__ __device__ int runDefaulted(int seed)
{
    Zero<int> z[3] = {seed, 2};                  // z[2] by the default constructor, which sets v
    int failures = check(z[0].v, seed) + check(z[1].v, 2) + check(z[2].v, 5);
    HoldsNine h[2] = {{Nine(), seed}};           // h[1] value-initialized: its member made by Nine(), not zeroed
    failures += check(h[0].b, seed) + check(h[1].a.v, 9) + check(h[1].b, 0);
    HoldsNine d;                                 // default-initialized: the member's constructor runs
    failures += check(d.a.v, 9);
    HoldsMany m, n = {};                         // member arrays of them, and a dim3 member (1, 1, 1)
    failures += check(m.grid[1][1].v, 9) + check(m.block.y, 1) + check(n.grid[0][1].v, 9) + check(n.block.z, 1);
    return failures;
}

__global__ void kernel(int *failures, int seed)
{
    int f = run(seed + (int)threadIdx.x) + runDefaulted(seed);
    if (threadIdx.x == 0)
    {
        f += check(gs[0].x, 1) + check(gs[0].y, 2) + check(gs[1].x, 3) + check(gs[1].y, 0) + check(gs[2].y, 0);
        f += check(gm[0][2], 3) + check(gm[1][1], 5) + check(gm[1][2], 0);
        f += check(gp[0].y, 1.5f) + check(gp[1].x, 2.5f) + check(gp[1].y, 0.0f);
        f += check(gd[0].a, 1) + check(gd[0].b, 2) + check(gd[1].a, 3) + check(gd[1].b, 5) + check(gd[2].b, 5);
    }
    failures[threadIdx.x] = f;
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
    int failures = run(11) + runDefaulted(11);
    if (failures) printf("host: %d failures\n", failures);
    for (int i = 0; i < threads; i++)
        if (h[i]) { printf("thread %d: %d failures\n", i, h[i]); failures += h[i]; }
    printf("%s\n", failures ? "FAILED" : "PASSED");
    return failures ? 1 : 0;
}
