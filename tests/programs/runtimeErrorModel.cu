// The CUDA runtime's answers, which every host of the API must give alike: the interpreter's library
// (interp, opencl), the cpu device's callbacks and build mode's library once disagreed (bad stream and
// event handles accepted on cpu; the elapsed time of an event never recorded an invalid value on cpu,
// not ready elsewhere, where CUDA documents an invalid resource handle; cudaFree of a pointer it does
// not own answered with the deprecated cudaErrorInvalidDevicePointer on interp and cpu), and so did CUDA's
// rules for copies: cpu copied past the end of an allocation (corrupting the memory beyond) and filled
// host memory, interp stopped with TR0301 where CUDA returns cudaErrorInvalidValue.
#include <cstdio>

__global__ void fill(int *p, int v) { p[threadIdx.x] = v; }

__device__ int table[8];

static int failures = 0;

static void expect(const char *what, cudaError_t got, cudaError_t want)
{
    if (got != want) {
        printf("%s: %s, expected %s\n", what, cudaGetErrorName(got), cudaGetErrorName(want));
        failures++;
    }
}

int main()
{
    cudaStream_t s;
    cudaEvent_t start, stop;
    expect("cudaStreamCreate", cudaStreamCreate(&s), cudaSuccess);
    expect("cudaEventCreate", cudaEventCreate(&start), cudaSuccess);
    expect("cudaEventCreate", cudaEventCreate(&stop), cudaSuccess);

    float ms = -1.0f;
    expect("elapsed time before either event is recorded", cudaEventElapsedTime(&ms, start, stop), cudaErrorInvalidResourceHandle);
    expect("the last error after it", cudaGetLastError(), cudaErrorInvalidResourceHandle);
    expect("the last error once taken", cudaGetLastError(), cudaSuccess);

    int *d;
    int h[32];
    expect("cudaMalloc", cudaMalloc(&d, sizeof h), cudaSuccess);
    expect("record in a stream", cudaEventRecord(start, s), cudaSuccess);
    fill<<<1, 32, 0, s>>>(d, 7);
    expect("elapsed time to an event not yet recorded", cudaEventElapsedTime(&ms, start, stop), cudaErrorInvalidResourceHandle);
    expect("record after the launch", cudaEventRecord(stop, s), cudaSuccess);
    expect("cudaEventSynchronize", cudaEventSynchronize(stop), cudaSuccess);
    expect("elapsed time", cudaEventElapsedTime(&ms, start, stop), cudaSuccess);
    if (!(ms >= 0.0f)) {
        printf("elapsed time %f is negative\n", ms);
        failures++;
    }
    expect("a copy in the stream", cudaMemcpyAsync(h, d, sizeof h, cudaMemcpyDeviceToHost, s), cudaSuccess);
    expect("cudaStreamSynchronize", cudaStreamSynchronize(s), cudaSuccess);
    for (int i = 0; i < 32; i++)
        if (h[i] != 7) {
            printf("h[%d] = %d, expected 7\n", i, h[i]);
            failures++;
        }
    expect("the legacy default stream", cudaStreamSynchronize(cudaStreamLegacy), cudaSuccess);
    expect("the per-thread default stream", cudaMemsetAsync(d, 0, sizeof h, cudaStreamPerThread), cudaSuccess);
    cudaGetLastError(); // the refusals expected above left theirs
    fill<<<1, 32, 0, cudaStreamLegacy>>>(d, 3);
    expect("a launch in the legacy default stream", cudaGetLastError(), cudaSuccess);
    fill<<<1, 32, 0, cudaStreamPerThread>>>(d, 4);
    expect("a launch in the per-thread default stream", cudaGetLastError(), cudaSuccess);
    expect("waiting for it", cudaStreamSynchronize(cudaStreamPerThread), cudaSuccess);

    fill<<<1, 2048>>>(d, 1);
    expect("a launch of 2048 threads a block", cudaPeekAtLastError(), cudaErrorInvalidConfiguration);
    expect("peeking leaves it", cudaGetLastError(), cudaErrorInvalidConfiguration);
    expect("taking clears it", cudaPeekAtLastError(), cudaSuccess);

    expect("cudaStreamDestroy", cudaStreamDestroy(s), cudaSuccess);
    expect("a stream destroyed twice", cudaStreamDestroy(s), cudaErrorInvalidResourceHandle);
    expect("waiting for a destroyed stream", cudaStreamSynchronize(s), cudaErrorInvalidResourceHandle);
    expect("a copy in a destroyed stream", cudaMemcpyAsync(h, d, sizeof h, cudaMemcpyDeviceToHost, s), cudaErrorInvalidResourceHandle);
    expect("cudaEventDestroy", cudaEventDestroy(start), cudaSuccess);
    expect("recording a destroyed event", cudaEventRecord(start, 0), cudaErrorInvalidResourceHandle);
    expect("elapsed time from a destroyed event", cudaEventElapsedTime(&ms, start, stop), cudaErrorInvalidResourceHandle);
    expect("an event destroyed twice", cudaEventDestroy(start), cudaErrorInvalidResourceHandle);
    expect("the last error", cudaGetLastError(), cudaErrorInvalidResourceHandle);

    static int big[64];
    int host[4];
    expect("host memory as a host-to-device destination", cudaMemcpy(host, h, sizeof host, cudaMemcpyHostToDevice), cudaErrorInvalidValue);
    expect("host memory as a device-to-host source", cudaMemcpy(h, host, sizeof host, cudaMemcpyDeviceToHost), cudaErrorInvalidValue);
    expect("host memory as a device-to-device source", cudaMemcpy(d, host, sizeof host, cudaMemcpyDeviceToDevice), cudaErrorInvalidValue);
    expect("cudaMemset of host memory", cudaMemset(host, 0, sizeof host), cudaErrorInvalidValue);
    expect("a copy past the end of an allocation", cudaMemcpy(d, big, sizeof big, cudaMemcpyHostToDevice), cudaErrorInvalidValue);
    expect("a fill past the end", cudaMemset(d, 0, 2 * sizeof h), cudaErrorInvalidValue);
    expect("a copy from a cudaMemcpyKind that does not exist", cudaMemcpy(h, d, 4, (cudaMemcpyKind)9), cudaErrorInvalidMemcpyDirection);
    for (int i = 0; i < 32; i++) h[i] = i;
    expect("a copy into the middle", cudaMemcpy(d + 8, h, 8 * sizeof(int), cudaMemcpyHostToDevice), cudaSuccess);
    int *t;
    expect("cudaGetSymbolAddress", cudaGetSymbolAddress((void **)&t, table), cudaSuccess);
    expect("a device variable by its address", cudaMemcpy(t, d + 8, 8 * sizeof(int), cudaMemcpyDeviceToDevice), cudaSuccess);
    expect("past the end of a device variable", cudaMemcpy(t + 1, h, 8 * sizeof(int), cudaMemcpyHostToDevice), cudaErrorInvalidValue);
    int back[8] = {0};
    expect("cudaMemcpyDefault", cudaMemcpy(back, t, sizeof back, cudaMemcpyDefault), cudaSuccess);
    for (int i = 0; i < 8; i++)
        if (back[i] != i) {
            printf("back[%d] = %d, expected %d\n", i, back[i], i);
            failures++;
        }
    expect("the last error", cudaGetLastError(), cudaErrorInvalidValue);

    expect("a device that does not exist", cudaSetDevice(7), cudaErrorInvalidDevice);
    expect("cudaFree", cudaFree(d), cudaSuccess);
    expect("freeing twice", cudaFree(d), cudaErrorInvalidValue);
    expect("freeing null", cudaFree(0), cudaSuccess);
    expect("cudaEventDestroy", cudaEventDestroy(stop), cudaSuccess);

    printf(failures == 0 ? "PASSED\n" : "FAILED\n");
    return failures == 0 ? 0 : 1;
}
