// Launch latency on the device: microseconds per launch of kernels that do (almost) nothing, launched back to
// back and synchronized once, so the figure is the runtime's cost per launch, not the work. launch.c times the
// same loop bodies as OpenMP parallel regions and serially. Prints "NAME MICROSECONDS" lines.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void empty() {}

// One block whose threads meet at a barrier (a reduction step of a solver that launches one block per iteration).
__global__ void oneBlockBarrier(float *x)
{
    __shared__ float s[256];
    s[threadIdx.x] = (float)threadIdx.x;
    __syncthreads();
    if (threadIdx.x == 0) x[0] += s[255];
}

static cudaEvent_t start, stop;

static void begin()
{
    cudaDeviceSynchronize();
    cudaEventRecord(start, 0);
}

static void report(const char *name, int reps)
{
    cudaEventRecord(stop, 0);
    cudaEventSynchronize(stop);
    float ms = 0.0f;
    cudaEventElapsedTime(&ms, start, stop);
    printf("%s %.3f\n", name, ms * 1000.0f / reps);
}

int main()
{
    const int reps = 200000, many = 20000;
    float *x;
    cudaMalloc(&x, sizeof(float));
    cudaMemset(x, 0, sizeof(float));
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    empty<<<1, 1>>>();
    oneBlockBarrier<<<1, 256>>>(x);
    empty<<<1024, 256>>>();

    begin();
    for (int r = 0; r < reps; ++r) empty<<<1, 1>>>();
    report("empty-1x1", reps);
    begin();
    for (int r = 0; r < reps; ++r) oneBlockBarrier<<<1, 256>>>(x);
    report("barrier-1x256", reps);
    begin();
    for (int r = 0; r < many; ++r) empty<<<1024, 256>>>();
    report("empty-1024x256", many);
    return 0;
}
