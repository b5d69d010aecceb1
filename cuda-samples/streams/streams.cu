// Work split over streams: each chunk is copied in, processed and copied back with async copies and
// a kernel launched on the chunk's own stream, from pinned host memory. Events bracket the whole
// batch and one stream's work; their elapsed times must be non-negative and ordered.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define STREAMS 4
#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            printf("%s failed: %s\nTest FAILED\n", #call, cudaGetErrorString(err_));  \
            return 1;                                                                 \
        }                                                                             \
    } while (0)

__global__ void polish(float *data, int n, float scale, int chunk)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) data[i] = data[i] * scale + (float)chunk;
}

int main()
{
    const int chunkSize = 1000;
    const int n = STREAMS * chunkSize;
    const float scale = 1.5f;
    float *host, *dev;
    CHECK(cudaMallocHost(&host, n * sizeof(float)));
    CHECK(cudaMalloc(&dev, n * sizeof(float)));
    for (int i = 0; i < n; ++i) host[i] = (float)(i % 123);

    cudaStream_t streams[STREAMS];
    for (int s = 0; s < STREAMS; ++s) CHECK(cudaStreamCreate(&streams[s]));
    cudaEvent_t start, stop, firstDone;
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreate(&stop));
    CHECK(cudaEventCreate(&firstDone));

    CHECK(cudaEventRecord(start, 0));
    for (int s = 0; s < STREAMS; ++s) {
        int offset = s * chunkSize;
        size_t bytes = chunkSize * sizeof(float);
        CHECK(cudaMemcpyAsync(dev + offset, host + offset, bytes, cudaMemcpyHostToDevice, streams[s]));
        polish<<<(chunkSize + 127) / 128, 128, 0, streams[s]>>>(dev + offset, chunkSize, scale, s);
        CHECK(cudaGetLastError());
        CHECK(cudaMemcpyAsync(host + offset, dev + offset, bytes, cudaMemcpyDeviceToHost, streams[s]));
        if (s == 0) CHECK(cudaEventRecord(firstDone, streams[0]));
    }
    for (int s = 0; s < STREAMS; ++s) CHECK(cudaStreamSynchronize(streams[s]));
    CHECK(cudaEventRecord(stop, 0));
    CHECK(cudaEventSynchronize(stop));

    float totalMs = -1.0f, firstMs = -1.0f;
    CHECK(cudaEventElapsedTime(&totalMs, start, stop));
    CHECK(cudaEventElapsedTime(&firstMs, start, firstDone));

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        float want = (float)(i % 123) * scale + (float)(i / chunkSize);
        if (host[i] != want) {
            if (errors < 5) printf("host[%d] = %f, expected %f\n", i, host[i], want);
            ++errors;
        }
    }
    if (!(totalMs >= 0.0f) || !(firstMs >= 0.0f) || firstMs > totalMs) {
        printf("elapsed times out of order: first stream %f ms, all %f ms\n", firstMs, totalMs);
        ++errors;
    }
    for (int s = 0; s < STREAMS; ++s) CHECK(cudaStreamDestroy(streams[s]));
    CHECK(cudaEventDestroy(start));
    CHECK(cudaEventDestroy(stop));
    CHECK(cudaEventDestroy(firstDone));
    CHECK(cudaFree(dev));
    CHECK(cudaFreeHost(host));
    if (errors) { printf("%d errors\nTest FAILED\n", errors); return 1; }
    printf("%d streams of %d elements\nTest PASSED\n", STREAMS, chunkSize);
    return 0;
}
