// Histogram of std::mt19937 data with shared and global atomics; the host uses <random>, std::array,
// std::map for the reference, std::accumulate, and exceptions for CUDA errors.
#include <cuda_runtime.h>
#include <array>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

constexpr int BINS = 32;

__global__ void histogram(const int *values, int n, unsigned int *bins)
{
    __shared__ unsigned int local[BINS];
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) local[b] = 0;
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
        atomicAdd(&local[values[i]], 1u);
    __syncthreads();
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) atomicAdd(&bins[b], local[b]);
}

static void check(cudaError_t e, const char *what)
{
    if (e != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorName(e));
}

int main()
{
    try {
        std::mt19937 generator(2024);
        std::binomial_distribution<int> distribution(BINS - 1, 0.4);
        std::vector<int> values(50000);
        for (auto &v : values) v = distribution(generator);

        std::map<int, unsigned> reference;
        for (int v : values) ++reference[v];

        int *dValues;
        unsigned int *dBins;
        check(cudaMalloc(&dValues, values.size() * sizeof(int)), "cudaMalloc values");
        check(cudaMalloc(&dBins, BINS * sizeof(unsigned int)), "cudaMalloc bins");
        check(cudaMemset(dBins, 0, BINS * sizeof(unsigned int)), "cudaMemset");
        check(cudaMemcpy(dValues, values.data(), values.size() * sizeof(int), cudaMemcpyHostToDevice), "upload");
        histogram<<<16, 128>>>(dValues, int(values.size()), dBins);
        check(cudaGetLastError(), "launch");
        std::array<unsigned int, BINS> bins{};
        check(cudaMemcpy(bins.data(), dBins, sizeof(bins), cudaMemcpyDeviceToHost), "download");
        check(cudaFree(dValues), "cudaFree");
        check(cudaFree(dBins), "cudaFree");

        bool ok = std::accumulate(bins.begin(), bins.end(), 0u) == values.size();
        for (int b = 0; b < BINS; ++b) {
            unsigned want = reference.count(b) ? reference[b] : 0;
            if (bins[b] != want) {
                std::cerr << "bin " << b << ": " << bins[b] << " != " << want << "\n";
                ok = false;
            }
        }
        std::cout << "50000 values in " << reference.size() << " occupied bins\n";
        std::cout << (ok ? "Test PASSED" : "Test FAILED") << std::endl;
        return ok ? 0 : 1;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << "\nTest FAILED" << std::endl;
        return 1;
    }
}
