// SAXPY with C++ host code: a RAII template owning device memory, std::vector, iostream, argument
// parsing, and a kernel template instantiated for float and double.
#include <cuda_runtime.h>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#define CUDA_CHECK(call)                                                                   \
    do {                                                                                   \
        cudaError_t err_ = (call);                                                         \
        if (err_ != cudaSuccess)                                                           \
            throw std::runtime_error(std::string(#call) + ": " + cudaGetErrorString(err_)); \
    } while (0)

template <typename T>
class DeviceBuffer {
public:
    explicit DeviceBuffer(size_t count) : count_(count) { CUDA_CHECK(cudaMalloc(&data_, count * sizeof(T))); }
    explicit DeviceBuffer(const std::vector<T> &host) : DeviceBuffer(host.size()) { upload(host); }
    ~DeviceBuffer() { cudaFree(data_); }
    DeviceBuffer(const DeviceBuffer &) = delete;
    DeviceBuffer &operator=(const DeviceBuffer &) = delete;

    void upload(const std::vector<T> &host) { CUDA_CHECK(cudaMemcpy(data_, host.data(), bytes(), cudaMemcpyHostToDevice)); }
    std::vector<T> download() const {
        std::vector<T> host(count_);
        CUDA_CHECK(cudaMemcpy(host.data(), data_, bytes(), cudaMemcpyDeviceToHost));
        return host;
    }
    T *get() const { return data_; }
    size_t size() const { return count_; }

private:
    size_t bytes() const { return count_ * sizeof(T); }
    T *data_ = nullptr;
    size_t count_;
};

template <typename T>
__global__ void saxpy(int n, T a, const T *x, T *y)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}

template <typename T>
bool run(int n, T a)
{
    std::vector<T> x(n), y(n);
    for (int i = 0; i < n; ++i) { x[i] = T(i % 17) / T(4); y[i] = T(n - i) / T(8); }
    DeviceBuffer<T> dx(x), dy(y);
    const int threads = 128;
    saxpy<T><<<(n + threads - 1) / threads, threads>>>(n, a, dx.get(), dy.get());
    CUDA_CHECK(cudaGetLastError());
    std::vector<T> result = dy.download();
    for (int i = 0; i < n; ++i) {
        T want = a * x[i] + y[i];
        if (result[i] != want) {
            std::cerr << "mismatch at " << i << ": " << result[i] << " != " << want << "\n";
            return false;
        }
    }
    std::cout << "saxpy<" << (sizeof(T) == 4 ? "float" : "double") << "> of " << n << " elements: ok\n";
    return true;
}

int main(int argc, char **argv)
{
    int n = 10000;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--n" && i + 1 < argc) n = std::atoi(argv[++i]);
        else { std::cerr << "usage: raiiSaxpy [--n COUNT]\n"; return 2; }
    }
    try {
        bool ok = run<float>(n, 2.5f) && run<double>(n, -0.75);
        std::cout << (ok ? "Test PASSED" : "Test FAILED") << std::endl;
        return ok ? 0 : 1;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << "\nTest FAILED" << std::endl;
        return 1;
    }
}
