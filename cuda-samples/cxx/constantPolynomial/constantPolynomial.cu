// Polynomial evaluation with coefficients in __constant__ memory (cudaMemcpyToSymbol from a std::array),
// a result counter in a __device__ variable read back with cudaMemcpyFromSymbol, and a functor kernel
// template; the host uses std::function and structured bindings.
#include <cuda_runtime.h>
#include <array>
#include <cmath>
#include <functional>
#include <iostream>
#include <vector>

constexpr int DEGREE = 5;
__constant__ float coefficients[DEGREE + 1];
__device__ unsigned int positives;

struct Horner {
    __device__ float operator()(float x) const {
        float y = coefficients[DEGREE];
        for (int k = DEGREE - 1; k >= 0; --k) y = y * x + coefficients[k];
        return y;
    }
};

template <typename F>
__global__ void evaluate(F f, const float *xs, float *ys, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float y = f(xs[i]);
        ys[i] = y;
        if (y > 0.0f) atomicAdd(&positives, 1u);
    }
}

int main()
{
    const std::array<float, DEGREE + 1> c = {1.0f, -2.0f, 0.5f, 0.25f, -0.125f, 0.0625f};
    cudaMemcpyToSymbol(coefficients, c.data(), sizeof(c));
    unsigned int zero = 0;
    cudaMemcpyToSymbol(positives, &zero, sizeof(zero));

    const int n = 4096;
    std::vector<float> xs(n), ys(n);
    for (int i = 0; i < n; ++i) xs[i] = -4.0f + 8.0f * i / n;
    float *dx, *dy;
    cudaMalloc(&dx, n * sizeof(float));
    cudaMalloc(&dy, n * sizeof(float));
    cudaMemcpy(dx, xs.data(), n * sizeof(float), cudaMemcpyHostToDevice);
    evaluate<<<n / 256, 256>>>(Horner{}, dx, dy, n);
    cudaMemcpy(ys.data(), dy, n * sizeof(float), cudaMemcpyDeviceToHost);
    unsigned int counted = 0;
    cudaMemcpyFromSymbol(&counted, positives, sizeof(counted));

    std::function<float(float)> reference = [&c](float x) {
        float y = c[DEGREE];
        for (int k = DEGREE - 1; k >= 0; --k) y = y * x + c[k];
        return y;
    };
    unsigned int want = 0;
    bool ok = true;
    for (int i = 0; i < n; ++i) {
        float r = reference(xs[i]);
        want += r > 0.0f;
        ok &= ys[i] == r;
    }
    const auto [first, last] = std::pair{ys.front(), ys.back()};
    ok &= counted == want && std::isfinite(first) && std::isfinite(last);
    std::cout << counted << " of " << n << " values positive (expected " << want << ")\n";
    cudaFree(dx);
    cudaFree(dy);
    std::cout << (ok ? "Test PASSED" : "Test FAILED") << std::endl;
    return ok ? 0 : 1;
}
