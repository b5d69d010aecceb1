// Plain C++ (compiled by the C++ compiler) using the CUDA library; checks it against the same computation here.
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>
#include "imagekernels.h"

int main()
{
    int runtime = 0;
    cudaRuntimeGetVersion(&runtime);
    const int n = 100000;
    std::vector<unsigned char> image(n), scaled(n);
    for (int i = 0; i < n; ++i) image[i] = (unsigned char)((i * 7919) % 251);
    std::vector<unsigned int> bins(256), want(256);
    deviceHistogram(image.data(), n, bins.data());
    for (unsigned char v : image) ++want[v];
    deviceScale(image.data(), scaled.data(), n, 3, 2);
    int bad = 0;
    for (int v = 0; v < 256; ++v) bad += bins[v] != want[v];
    for (int i = 0; i < n; ++i) bad += scaled[i] != (image[i] * 3 / 2 > 255 ? 255 : image[i] * 3 / 2);
    printf("CUDA runtime %d; %d values differ\n", runtime, bad);
    printf(bad == 0 ? "Test PASSED\n" : "Test FAILED\n");
    return bad == 0 ? 0 : 1;
}
