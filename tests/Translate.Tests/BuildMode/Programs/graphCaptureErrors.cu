// What stream capture refuses: unjoined work, waiting for a capturing stream, the legacy stream
// depending on a capture, unsafe calls, ending in the wrong stream; and what relaxed mode allows.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void mark(int *p) { p[threadIdx.x] = 1; }

int main()
{
    int *d, host[32] = {0};
    cudaMalloc(&d, sizeof host);
    cudaMemset(d, 0, sizeof host);
    cudaStream_t s1, s2, quiet;
    cudaStreamCreate(&s1); cudaStreamCreate(&s2);
    cudaStreamCreateWithFlags(&quiet, cudaStreamNonBlocking);
    cudaEvent_t fork;
    cudaEventCreate(&fork);
    cudaGraph_t g;
    cudaStreamCaptureStatus status;

    cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal);
    cudaEventRecord(fork, s1);
    cudaStreamWaitEvent(s2, fork, 0);
    mark<<<1, 32, 0, s2>>>(d);
    g = (cudaGraph_t)1;
    int ended = (int)cudaStreamEndCapture(s1, &g);
    printf("unjoined %d graph %d", ended, g == nullptr);
    cudaStreamIsCapturing(s2, &status);
    printf(" forked stream released %d\n", status == cudaStreamCaptureStatusNone);
    cudaGetLastError();

    cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal);
    mark<<<1, 32, 0, s1>>>(d);
    printf("synchronize capturing stream %d", (int)cudaStreamSynchronize(s1));
    cudaStreamIsCapturing(s1, &status);
    printf(" status %d", (int)status);
    mark<<<1, 32, 0, s1>>>(d);
    int launched = (int)cudaGetLastError();
    printf(" next launch %d end %d\n", launched, (int)cudaStreamEndCapture(s1, &g));
    cudaGetLastError();

    cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal);
    printf("legacy stream copy %d", (int)cudaMemcpy(d, host, sizeof host, cudaMemcpyHostToDevice));
    printf(" end %d\n", (int)cudaStreamEndCapture(s1, &g));
    cudaGetLastError();

    cudaStreamBeginCapture(quiet, cudaStreamCaptureModeGlobal);
    int *extra = nullptr;
    int copied = (int)cudaMemcpy(d, host, sizeof host, cudaMemcpyHostToDevice);
    printf("non-blocking: legacy copy %d malloc %d", copied, (int)cudaMalloc(&extra, 16));
    printf(" end %d\n", (int)cudaStreamEndCapture(quiet, &g));
    cudaGetLastError();

    cudaStreamBeginCapture(quiet, cudaStreamCaptureModeRelaxed);
    printf("relaxed malloc %d", (int)cudaMalloc(&extra, 16));
    printf(" end %d\n", (int)cudaStreamEndCapture(quiet, &g));
    cudaGraphDestroy(g);
    cudaFree(extra);

    cudaStreamCaptureMode mode = cudaStreamCaptureModeRelaxed;
    cudaThreadExchangeStreamCaptureMode(&mode);
    cudaStreamBeginCapture(quiet, cudaStreamCaptureModeGlobal);
    printf("previous mode %d thread relaxed malloc %d", (int)mode, (int)cudaMalloc(&extra, 16));
    printf(" end %d\n", (int)cudaStreamEndCapture(quiet, &g));
    cudaThreadExchangeStreamCaptureMode(&mode);
    cudaGraphDestroy(g);
    cudaFree(extra);

    cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal);
    cudaEventRecord(fork, s1);
    cudaStreamWaitEvent(s2, fork, 0);
    printf("end in forked stream %d", (int)cudaStreamEndCapture(s2, &g));
    printf(" captured event query %d\n", (int)cudaEventQuery(fork));
    cudaStreamEndCapture(s1, &g);
    cudaGetLastError();

    printf("capture legacy stream %d\n", (int)cudaStreamBeginCapture(0, cudaStreamCaptureModeGlobal));
    cudaGetLastError();

    cudaMemcpy(host, d, sizeof host, cudaMemcpyDeviceToHost);
    int sum = 0;
    for (int i = 0; i < 32; i++) sum += host[i];
    printf("no captured kernel ran %d\n", sum == 0);
    return 0;
}
