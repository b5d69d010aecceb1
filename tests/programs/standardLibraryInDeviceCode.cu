// The C++ standard library that device code calls (constexpr functions are __host__ __device__ in CUDA, as nvcc's
// --expt-relaxed-constexpr makes them): std::make_pair, std::clamp, std::max_element and std::min over a list were
// "not offered" (TR0408), std::abs(int) was "ambiguous" in a kernel (TR0401: <stdlib.h> had brought ::abs into std
// before our device overloads existed), std::min/std::max of floats were fmin/fmax (a NaN first argument must be
// returned) and std::clamp of a variable was refused (it returns std::min's reference), and std::array's brace list (braces elided around its one array member) and a
// range-for over a std::array (no end() found: libclang shows no members of the instantiation) were refused. Each result against the same code run on the host.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <utility>

struct Histogram { int counts[4]; int total; };

__host__ __device__ int run(int seed) {
    int failures = 0;
    auto p = std::make_pair(seed, 2.5f);
    if (p.first != seed || p.second != 2.5f) failures++;
    std::pair<int, int> q(4, seed);
    if (q.first + q.second != 4 + seed) failures++;
    if (std::clamp(seed * 4, 0, 10) != 10 || std::clamp(-seed, 0, 10) != 0) failures++;
    float values[5] = {4.0f, 1.0f, 9.5f, 3.0f, 9.0f};
    if (*std::max_element(values, values + 5) != 9.5f || std::min_element(values, values + 5) - values != 1) failures++;
    if (std::min({7, 3, 9}) != 3 || std::max({7, 3, 9}) != 9) failures++;   // constant lists (clang folds them)
    float nan = std::nanf("");
    if (!std::isnan(std::min(nan, 1.0f)) || std::min(1.0f, nan) != 1.0f || !std::isnan(std::max(nan, 1.0f))) failures++; // C++'s, not fmin's
    if (std::max(seed, 2 * seed, std::less<int>()) != 2 * seed) failures++;
    if (std::abs(-seed) != seed || std::abs(-3L) != 3L || std::abs(-5LL) != 5LL || std::abs(-1.5f) != 1.5f || std::abs(-2.5) != 2.5) failures++;
    if (std::numeric_limits<int>::max() != 2147483647 || !(std::numeric_limits<float>::infinity() > 1e38f)) failures++;
    std::array<int, 4> a = {5, 2, 8, 1};
    int sum = 0;
    for (size_t i = 0; i < a.size(); i++) sum += a[i];
    if (sum != 16 || a.front() != 5 || a.back() != 1) failures++;
    for (auto &v : a) v *= seed;                         // range-for over std::array: end() of the instantiation
    int ranged = 0;
    for (int v : a) ranged += v;
    const std::array<int, 4> &constant = a;
    for (int v : constant) ranged += v;                  // the const begin() and end()
    if (ranged != 2 * 16 * seed) failures++;
    std::array<int, 4> partial = {seed};                 // the rest value-initialized
    if (partial[0] != seed || partial[1] != 0 || partial[3] != 0) failures++;
    Histogram h = {1, 2, 3, 4, 10};                      // braces elided around counts
    if (h.counts[0] != 1 || h.counts[3] != 4 || h.total != 10) failures++;
    Histogram g = {{seed}, 5};
    if (g.counts[0] != seed || g.counts[1] != 0 || g.total != 5) failures++;
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
