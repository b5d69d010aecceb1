// Tiled matrix multiply timed with std::chrono and CUDA events, checked against a host reference;
// the host code is C++: std::vector, a class for matrices, <chrono>, <iomanip>, lambdas.
#include <cuda_runtime.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <vector>

constexpr int TILE = 16;

__global__ void matMul(const float *a, const float *b, float *c, int n)
{
    __shared__ float ta[TILE][TILE];
    __shared__ float tb[TILE][TILE];
    int row = blockIdx.y * TILE + threadIdx.y;
    int col = blockIdx.x * TILE + threadIdx.x;
    float sum = 0.0f;
    for (int t = 0; t < n / TILE; ++t) {
        ta[threadIdx.y][threadIdx.x] = a[row * n + t * TILE + threadIdx.x];
        tb[threadIdx.y][threadIdx.x] = b[(t * TILE + threadIdx.y) * n + col];
        __syncthreads();
        for (int k = 0; k < TILE; ++k) sum += ta[threadIdx.y][k] * tb[k][threadIdx.x];
        __syncthreads();
    }
    c[row * n + col] = sum;
}

struct Matrix {
    int n;
    std::vector<float> values;
    explicit Matrix(int size) : n(size), values(size_t(size) * size) {}
    float &at(int r, int c) { return values[size_t(r) * n + c]; }
    float at(int r, int c) const { return values[size_t(r) * n + c]; }
    size_t bytes() const { return values.size() * sizeof(float); }
};

int main(int argc, char **argv)
{
    int n = argc > 1 ? std::atoi(argv[1]) : 128;
    if (n <= 0 || n % TILE != 0) {
        std::cerr << "size must be a positive multiple of " << TILE << "\n";
        return 2;
    }
    Matrix a(n), b(n), c(n);
    int k = 0;
    std::generate(a.values.begin(), a.values.end(), [&k] { return float(k++ % 7) - 3.0f; });
    std::generate(b.values.begin(), b.values.end(), [&k] { return float(k++ % 5) * 0.5f; });

    float *da, *db, *dc;
    cudaMalloc(&da, a.bytes());
    cudaMalloc(&db, b.bytes());
    cudaMalloc(&dc, c.bytes());
    cudaMemcpy(da, a.values.data(), a.bytes(), cudaMemcpyHostToDevice);
    cudaMemcpy(db, b.values.data(), b.bytes(), cudaMemcpyHostToDevice);

    cudaEvent_t start, stop;
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    auto wallStart = std::chrono::steady_clock::now();
    cudaEventRecord(start);
    matMul<<<dim3(n / TILE, n / TILE), dim3(TILE, TILE)>>>(da, db, dc, n);
    cudaEventRecord(stop);
    cudaEventSynchronize(stop);
    auto wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wallStart).count();
    float eventMs = 0;
    cudaError_t timing = cudaEventElapsedTime(&eventMs, start, stop);
    cudaMemcpy(c.values.data(), dc, c.bytes(), cudaMemcpyDeviceToHost);

    int bad = 0;
    for (int r = 0; r < n && bad < 5; ++r)
        for (int col = 0; col < n; ++col) {
            double want = 0;
            for (int i = 0; i < n; ++i) want += double(a.at(r, i)) * b.at(i, col);
            if (std::fabs(c.at(r, col) - want) > 1e-3 * std::max(1.0, std::fabs(want))) {
                if (bad++ < 5) std::cerr << "c(" << r << "," << col << ") = " << c.at(r, col) << ", want " << want << "\n";
            }
        }
    bool timed = timing == cudaSuccess && eventMs >= 0 && wall >= 0;
    std::cout << std::fixed << std::setprecision(1) << "matMul " << n << "x" << n << ": timing "
              << (timed ? "recorded" : "MISSING") << "\n";
    cudaFree(da);
    cudaFree(db);
    cudaFree(dc);
    cudaEventDestroy(start);
    cudaEventDestroy(stop);
    bool ok = bad == 0 && timed;
    std::cout << (ok ? "Test PASSED" : "Test FAILED") << std::endl;
    return ok ? 0 : 1;
}
