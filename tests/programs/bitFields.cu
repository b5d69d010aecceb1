// Bit-fields in device code (refused as TR0405 before): plain and signed fields, fields straddling bytes, a
// 64-bit container, bool and enum fields, unnamed padding fields, the float-punning union over an anonymous
// bit-field struct that real code uses, compound assignment, ++/--, truncation on store, brace and designated
// initialization, values copied whole, arrays of such structs in device memory written by many threads (each
// thread its own element: neighbours' bits must survive), and constant globals packed as clang lays them out.
#include <cstdio>

enum Colour { Red = 1, Green = 2, Blue = 3 };

struct Flags {
    unsigned a : 3;
    unsigned b : 5;
    int c : 6;           // signed: sign-extended on read
    unsigned d : 18;     // crosses a byte boundary
};

struct Mixed {
    char tag;
    unsigned small : 4;
    unsigned : 4;        // unnamed: padding only
    bool on : 1;
    Colour colour : 2;
    short s;
    unsigned long long wide : 40;
    int tail : 24;
};

union FloatBits {
    float f;
    struct { unsigned mantissa : 23; unsigned exponent : 8; unsigned sign : 1; } raw;
};

struct WithDefaults {
    unsigned mode : 2;
    unsigned level : 6;
    int offset = -4;     // taken by members a brace list leaves out
};

__constant__ Flags constantFlags = {6, 30, -20, 123456};
__device__ Mixed deviceMixed = {'q', 9, true, Blue, -300, 0x12345678ABull, -5000};

__device__ int check(bool ok, int *failures) { if (!ok) atomicAdd(failures, 1); return ok; }

__global__ void fields(int *out, int *failures) {
    Flags f;
    f.a = 5; f.b = 17; f.c = -7; f.d = 200000;
    check(f.a == 5 && f.b == 17 && f.c == -7 && f.d == 200000, failures);
    f.a += 4;                 // 9 wraps to 1 in three bits
    f.c--;                    // -8
    f.b *= 3;                 // 51 wraps to 19 in five bits
    check(f.a == 1 && f.c == -8 && f.b == 19 && f.d == 200000, failures);
    int assigned = (f.c = 40);   // 40 does not fit six signed bits: -24, the value of the assignment
    check(assigned == -24 && f.c == -24, failures);
    f.c = 31; f.c++;              // 32 wraps to -32
    check(f.c == -32, failures);
    Flags g = f;                  // a copy takes every field
    check(g.a == 1 && g.b == 19 && g.c == -32 && g.d == 200000, failures);
    Flags h = {1, 2, -3, 4};
    Flags k = {.b = 7, .d = 9};
    check(h.a == 1 && h.b == 2 && h.c == -3 && h.d == 4 && k.a == 0 && k.b == 7 && k.c == 0 && k.d == 9, failures);
    out[0] = f.a + f.b + f.c + (int)f.d;
    const unsigned &ref = f.d;    // a const reference binds to a temporary holding the value
    f.d = 1;
    check(ref == 200000, failures);

    Mixed m = {};
    m.tag = 'x'; m.small = 15; m.on = true; m.colour = Green; m.s = -2; m.wide = (1ull << 40) - 1; m.tail = -1;
    check(m.tag == 'x' && m.small == 15 && m.on && m.colour == Green && m.s == -2 && m.wide == (1ull << 40) - 1 && m.tail == -1, failures);
    m.wide += 2;                  // wraps to 1 in 40 bits
    m.on = !m.on;
    check(m.wide == 1 && !m.on && m.tail == -1 && m.colour == Green && m.small == 15, failures);
    check(sizeof(Mixed) == 16, failures);

    FloatBits u;
    u.f = -3.5f;
    check(u.raw.sign == 1 && u.raw.exponent == 128 && u.raw.mantissa == 0x600000, failures);
    u.raw.sign = 0;
    u.raw.exponent -= 1;
    check(u.f == 1.75f, failures);
    FloatBits v = {.f = 2.0f};
    check(v.raw.exponent == 128 && v.raw.mantissa == 0, failures);

    WithDefaults w{};
    WithDefaults x = {.level = 9};
    check(w.mode == 0 && w.level == 0 && w.offset == -4 && x.mode == 0 && x.level == 9 && x.offset == -4, failures);

    check(constantFlags.a == 6 && constantFlags.b == 30 && constantFlags.c == -20 && constantFlags.d == 123456, failures);
    check(deviceMixed.tag == 'q' && deviceMixed.small == 9 && deviceMixed.on && deviceMixed.colour == Blue && deviceMixed.s == -300
          && deviceMixed.wide == 0x12345678ABull && deviceMixed.tail == -5000, failures);
}

// Each thread writes its own element's fields; the bits of the others in the same word must survive.
__global__ void neighbours(Flags *flags, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    flags[i].b = i % 32;
    flags[i].c = -(i % 32);
}

// Fields packed into one byte, one thread per field of the same object, in turn (a barrier between writes).
struct Nibbles { unsigned char lo : 4; unsigned char hi : 4; };
__global__ void sharedNibbles(unsigned char *out) {
    __shared__ Nibbles n[64];
    int t = threadIdx.x;
    n[t].lo = t % 16;
    __syncthreads();
    n[t].hi = 15 - t % 16;
    __syncthreads();
    out[t] = *reinterpret_cast<unsigned char *>(&n[t]);
}

int main() {
    int *out, *failures, zero = 0, h = 0, fails = 0;
    cudaMalloc(&out, sizeof(int));
    cudaMalloc(&failures, sizeof(int));
    cudaMemcpy(failures, &zero, sizeof(int), cudaMemcpyHostToDevice);
    fields<<<1, 1>>>(out, failures);
    cudaMemcpy(&h, out, sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(&fails, failures, sizeof(int), cudaMemcpyDeviceToHost);
    bool ok = fails == 0 && h == 1 + 19 - 32 + 200000;
    if (!ok) printf("fields: %d checks failed, out %d\n", fails, h);

    const int n = 1000;
    Flags host[n];
    for (int i = 0; i < n; i++) { host[i].a = i % 8; host[i].b = 0; host[i].c = 0; host[i].d = i * 7; }
    Flags *flags;
    cudaMalloc(&flags, sizeof host);
    cudaMemcpy(flags, host, sizeof host, cudaMemcpyHostToDevice);
    neighbours<<<(n + 127) / 128, 128>>>(flags, n);
    cudaMemcpy(host, flags, sizeof host, cudaMemcpyDeviceToHost);
    int wrong = 0;
    for (int i = 0; i < n; i++)
        if (host[i].a != (unsigned)(i % 8) || host[i].b != (unsigned)(i % 32) || host[i].c != -(i % 32) || host[i].d != (unsigned)(i * 7)) wrong++;
    if (wrong) { printf("neighbours: %d elements wrong\n", wrong); ok = false; }

    unsigned char *bytes, hb[64];
    cudaMalloc(&bytes, 64);
    sharedNibbles<<<1, 64>>>(bytes);
    cudaMemcpy(hb, bytes, 64, cudaMemcpyDeviceToHost);
    for (int t = 0; t < 64; t++)
        if (hb[t] != ((15 - t % 16) << 4 | t % 16)) { printf("nibbles[%d] = %d\n", t, hb[t]); ok = false; break; }

    printf(ok ? "PASSED\n" : "FAILED\n");
    return ok ? 0 : 1;
}
