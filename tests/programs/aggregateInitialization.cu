// Brace lists of aggregates as C++ defines them. Designated initializers were assigned by position
// ({.a = 1, .c = 3} set b to 3 and left c zero: a wrong result with no diagnostic), members left out ignored
// their default member initializers ({1} gave b = 0, not 5), and unions could not be brace-initialized (TR0404).
// Each case runs in a kernel and in host code, against the values C++ gives.
#include <cstdio>

struct Three { int a, b, c; };
struct Defaults { int a; int b = 5; float c = 2.5f; };
struct Nested { Defaults d; int n = 7; };
struct Row { int cells[3]; int tag = -1; };
union Pun { float f; unsigned u; };
union Wide { unsigned short s[4]; unsigned long long all; };

__device__ Three deviceThree = {.a = 10, .c = 30};
__device__ Defaults deviceDefaults = {.a = 4};
__device__ Pun devicePun = {.u = 0x40490fdbu};

__host__ __device__ int run(int base) {
    int failures = 0;
    Three t = {.a = base, .c = base + 2};
    if (t.a != base || t.b != 0 || t.c != base + 2) failures++;
    Three u = {.b = base};                      // members before the designated one are zero too
    if (u.a != 0 || u.b != base || u.c != 0) failures++;
    Defaults d = {base};
    if (d.a != base || d.b != 5 || d.c != 2.5f) failures++;
    Defaults e{};
    if (e.a != 0 || e.b != 5 || e.c != 2.5f) failures++;
    Defaults f = {.a = 1, .c = 0.5f};
    if (f.a != 1 || f.b != 5 || f.c != 0.5f) failures++;
    Nested n = {};                              // a member of class type left out takes its own defaults
    if (n.d.a != 0 || n.d.b != 5 || n.d.c != 2.5f || n.n != 7) failures++;
    Nested m = {{base, base}};
    if (m.d.a != base || m.d.b != base || m.d.c != 2.5f || m.n != 7) failures++;
    Defaults many[3] = {{base}};                // array elements left out are value-initialized: their defaults
    if (many[0].a != base || many[0].b != 5 || many[1].a != 0 || many[1].b != 5 || many[2].c != 2.5f) failures++;
    Row r = {.tag = base};
    if (r.cells[0] != 0 || r.cells[2] != 0 || r.tag != base) failures++;
    Row q = {{1, 2}};
    if (q.cells[0] != 1 || q.cells[1] != 2 || q.cells[2] != 0 || q.tag != -1) failures++;
    Pun p = {1.0f};                             // the first member
    if (p.u != 0x3f800000u) failures++;
    Pun v = {.u = 0xc0000000u};
    if (v.f != -2.0f) failures++;
    Pun z{};
    if (z.u != 0) failures++;
    Wide w = {{1, 2}};                          // the rest of the union's bytes are zero
    if (w.all != 0x0000000000020001ull) failures++;
    Wide x = {.all = 0x0004000300020001ull};
    if (x.s[0] != 1 || x.s[3] != 4) failures++;
    return failures;
}

__global__ void kernel(int *failures, int base) {
    int f = run(base);
    if (deviceThree.a != 10 || deviceThree.b != 0 || deviceThree.c != 30) f++;
    if (deviceDefaults.a != 4 || deviceDefaults.b != 5 || deviceDefaults.c != 2.5f) f++;
    if (devicePun.f != 3.14159274f) f++;
    *failures = f;
}

int main() {
    int *d, device = -1;
    cudaMalloc(&d, sizeof(int));
    kernel<<<1, 1>>>(d, 6);
    cudaMemcpy(&device, d, sizeof(int), cudaMemcpyDeviceToHost);
    int host = run(6);
    printf("device failures %d, host failures %d\n", device, host);
    bool ok = device == 0 && host == 0;
    printf(ok ? "PASSED\n" : "FAILED\n");
    return ok ? 0 : 1;
}
