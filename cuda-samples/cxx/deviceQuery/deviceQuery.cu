// Device queries through the runtime API (properties, attributes, kernel attributes, occupancy) and
// CUDA's error model (invalid configurations, bad frees, copies past an allocation), from C++ host code.
#include <cuda_runtime.h>
#include <iostream>
#include <string>
#include <vector>

__global__ void fill(int *out, int value)
{
    __shared__ int staged[256];
    staged[threadIdx.x] = value + threadIdx.x;
    __syncthreads();
    out[blockIdx.x * blockDim.x + threadIdx.x] = staged[blockDim.x - 1 - threadIdx.x];
}

struct Checks {
    int failed = 0;
    void expect(bool condition, const std::string &what) {
        if (!condition) { ++failed; std::cerr << "FAILED: " << what << "\n"; }
    }
};

int main()
{
    Checks checks;
    int count = 0;
    checks.expect(cudaGetDeviceCount(&count) == cudaSuccess && count >= 1, "a device is present");
    cudaDeviceProp prop;
    checks.expect(cudaGetDeviceProperties(&prop, 0) == cudaSuccess, "cudaGetDeviceProperties");
    int attr = 0;
    cudaDeviceGetAttribute(&attr, cudaDevAttrMaxThreadsPerBlock, 0);
    checks.expect(attr == prop.maxThreadsPerBlock, "attribute and property agree on threads per block");
    cudaDeviceGetAttribute(&attr, cudaDevAttrWarpSize, 0);
    checks.expect(attr == 32 && prop.warpSize == 32, "warps of 32");
    cudaDeviceGetAttribute(&attr, cudaDevAttrMultiProcessorCount, 0);
    checks.expect(attr == prop.multiProcessorCount && attr > 0, "multiprocessor count");
    checks.expect(std::string(prop.name).size() > 0, "the device has a name");
    checks.expect(cudaSetDevice(count) == cudaErrorInvalidDevice, "cudaSetDevice past the last device fails");
    checks.expect(cudaGetLastError() == cudaErrorInvalidDevice && cudaGetLastError() == cudaSuccess, "last error is reset by reading it");

    cudaFuncAttributes fa;
    checks.expect(cudaFuncGetAttributes(&fa, fill) == cudaSuccess, "cudaFuncGetAttributes");
    checks.expect(fa.sharedSizeBytes >= 256 * sizeof(int), "static shared memory is reported");
    int blocks = 0;
    checks.expect(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, fill, 256, 0) == cudaSuccess && blocks > 0, "occupancy");

    int *d = nullptr;
    cudaMalloc(&d, 512 * sizeof(int));
    fill<<<2, 4096>>>(d, 1);
    checks.expect(cudaGetLastError() == cudaErrorInvalidConfiguration, "4096 threads per block is an invalid configuration");
    fill<<<2, 256>>>(d, 7);
    checks.expect(cudaGetLastError() == cudaSuccess, "a valid launch");
    std::vector<int> host(512);
    checks.expect(cudaMemcpy(host.data(), d, 512 * sizeof(int), cudaMemcpyDeviceToHost) == cudaSuccess, "download");
    bool right = true;
    for (int i = 0; i < 512; ++i) right &= host[i] == 7 + (255 - i % 256);
    checks.expect(right, "the kernel's results");
    checks.expect(cudaMemcpy(host.data(), d, 1024 * sizeof(int), cudaMemcpyDeviceToHost) == cudaErrorInvalidValue,
                  "a copy past the end of an allocation is refused");
    checks.expect(cudaMemcpy(d, host.data(), 4, (cudaMemcpyKind)7) == cudaErrorInvalidMemcpyDirection, "a bad copy kind");
    checks.expect(cudaFree(host.data()) == cudaErrorInvalidValue, "freeing host memory with cudaFree fails");
    cudaGetLastError();
    checks.expect(cudaFree(d) == cudaSuccess, "cudaFree");

    int driver = 0, runtime = 0;
    checks.expect(cudaDriverGetVersion(&driver) == cudaSuccess && cudaRuntimeGetVersion(&runtime) == cudaSuccess && runtime >= 9020,
                  "versions");
    std::cout << "compute capability " << prop.major << "." << prop.minor << ", " << checks.failed << " failed checks\n";
    std::cout << (checks.failed == 0 ? "Test PASSED" : "Test FAILED") << std::endl;
    return checks.failed == 0 ? 0 : 1;
}
