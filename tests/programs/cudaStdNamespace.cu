// libcu++'s headers (<cuda/std/type_traits>, <cuda/std/limits>, <cuda/std/array>, …) name the standard library in
// namespace cuda::std; NVIDIA's dmmaTensorCoreGemm includes one, and the include was TR0401 "file not found". Ours name
// the host compiler's own library there: traits, limits, fixed-width integers, pair, array, min/max, in a kernel and on
// the host.
#include <cstdio>
#include <cuda/std/array>
#include <cuda/std/cstdint>
#include <cuda/std/limits>
#include <cuda/std/type_traits>
#include <cuda/std/utility>

template <class T> __host__ __device__ int check(int seed)
{
    int failures = 0;
    if (!cuda::std::is_same<T, float>::value || cuda::std::is_integral_v<T>) failures++;
    if (cuda::std::numeric_limits<cuda::std::int32_t>::max() != 2147483647) failures++;
    if (!(cuda::std::numeric_limits<T>::infinity() > cuda::std::numeric_limits<T>::max())) failures++;
    cuda::std::array<cuda::std::uint8_t, 4> a = {1, 2, 3, (cuda::std::uint8_t)seed};
    int sum = 0;
    for (auto v : a) sum += v;
    if (sum != 6 + seed || a.size() != 4) failures++;
    auto p = cuda::std::make_pair(seed, T(1.5));
    if (p.first != seed || p.second != T(1.5)) failures++;
    if (cuda::std::min(seed, 2) != (seed < 2 ? seed : 2) || cuda::std::max<T>(T(0.5), T(seed)) != T(seed)) failures++;
    return failures;
}

__global__ void kernel(int *failures, int seed)
{
    failures[threadIdx.x] = check<float>(seed + (int)threadIdx.x);
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
    int failures = check<float>(11);
    if (failures) printf("host: %d failures\n", failures);
    for (int i = 0; i < threads; i++)
        if (h[i]) { printf("thread %d: %d failures\n", i, h[i]); failures += h[i]; }
    printf("%s\n", failures ? "FAILED" : "PASSED");
    return failures ? 1 : 0;
}
