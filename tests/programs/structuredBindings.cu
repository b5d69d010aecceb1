// Structured bindings (auto [u, v] = ...) were refused (TR0406 "local declaration 'UnexposedDecl'"): copies and
// references of structs, arrays, std::pair and std::array, in a kernel and in host code, writes through reference
// bindings seen in the object, a copy's bindings independent of it.
#include <cstdio>
#include <array>
#include <utility>

struct Point { int x; float y; };

__host__ __device__ Point make(int i) { Point p; p.x = i; p.y = i * 0.5f; return p; }

__host__ __device__ int run(int seed) {
    int failures = 0;
    Point p = make(seed);
    auto [x, y] = p;                 // a copy
    x += 1;
    if (x != seed + 1 || y != seed * 0.5f || p.x != seed) failures++;
    auto &[rx, ry] = p;              // references into p
    rx = 40; ry = 2.5f;
    if (p.x != 40 || p.y != 2.5f) failures++;
    const auto &[cx, cy] = make(seed + 1);   // a reference to a temporary
    if (cx != seed + 1 || cy != (seed + 1) * 0.5f) failures++;
    int arr[3] = {seed, 2 * seed, 3 * seed};
    auto [a0, a1, a2] = arr;
    arr[0] = -1;
    if (a0 != seed || a1 != 2 * seed || a2 != 3 * seed) failures++;
    auto &[r0, r1, r2] = arr;
    r2 = 7;
    if (arr[2] != 7 || r0 != -1) failures++;
    auto [first, second] = std::make_pair(seed, 1.5);
    if (first != seed || second != 1.5) failures++;
    std::array<int, 2> sa = {4, seed};
    auto &[s0, s1] = sa;
    s0 += 1;
    if (sa[0] != 5 || s1 != seed) failures++;
    return failures;
}

__global__ void kernel(int *failures, int seed) { *failures = run(seed); }

int main() {
    int *d, device = -1;
    cudaMalloc(&d, sizeof(int));
    kernel<<<1, 1>>>(d, 3);
    cudaMemcpy(&device, d, sizeof(int), cudaMemcpyDeviceToHost);
    int host = run(3);
    printf("device failures %d, host failures %d\n", device, host);
    bool ok = device == 0 && host == 0;
    printf(ok ? "PASSED\n" : "FAILED\n");
    return ok ? 0 : 1;
}
