// vectorAdd: adds two vectors of random floats on the GPU and checks the result on the host.
// Our own rendition of the CUDA SDK sample of the same name, kept to the C subset the
// Translate frontend lifts (malloc, loops, printf, the CUDA runtime API, <<<>>>).
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

// C[i] = A[i] + B[i] for every i below numElements; one thread per element.
__global__ void vectorAdd(const float *A, const float *B, float *C, int numElements)
{
    int i = blockDim.x * blockIdx.x + threadIdx.x;
    if (i < numElements)
        C[i] = A[i] + B[i];
}

// Stops the program when a CUDA call failed, saying which one.
static void checkCuda(cudaError_t err, const char *what)
{
    if (err != cudaSuccess) {
        printf("Failed to %s (error code %s)!\n", what, cudaGetErrorString(err));
        exit(1);
    }
}

// A host buffer of `size` bytes for floats; stops the program when malloc fails.
static float *allocHost(size_t size)
{
    float *p = (float *)malloc(size);
    if (p == NULL) {
        printf("Failed to allocate host vectors!\n");
        exit(1);
    }
    return p;
}

int main(void)
{
    int numElements = 50000;
    size_t size = (size_t)numElements * sizeof(float);
    printf("[Vector addition of %d elements]\n", numElements);

    float *h_A = allocHost(size);
    float *h_B = allocHost(size);
    float *h_C = allocHost(size);

    // Inputs in [0, 1].
    for (int i = 0; i < numElements; ++i) {
        h_A[i] = rand() / (float)RAND_MAX;
        h_B[i] = rand() / (float)RAND_MAX;
    }

    float *d_A = NULL, *d_B = NULL, *d_C = NULL;
    checkCuda(cudaMalloc((void **)&d_A, size), "allocate device vector A");
    checkCuda(cudaMalloc((void **)&d_B, size), "allocate device vector B");
    checkCuda(cudaMalloc((void **)&d_C, size), "allocate device vector C");

    printf("Copy input data from the host memory to the CUDA device\n");
    checkCuda(cudaMemcpy(d_A, h_A, size, cudaMemcpyHostToDevice), "copy vector A from host to device");
    checkCuda(cudaMemcpy(d_B, h_B, size, cudaMemcpyHostToDevice), "copy vector B from host to device");

    int threadsPerBlock = 256;
    int blocksPerGrid = (numElements + threadsPerBlock - 1) / threadsPerBlock;
    printf("CUDA kernel launch with %d blocks of %d threads\n", blocksPerGrid, threadsPerBlock);
    vectorAdd<<<blocksPerGrid, threadsPerBlock>>>(d_A, d_B, d_C, numElements);
    checkCuda(cudaGetLastError(), "launch vectorAdd kernel");

    printf("Copy output data from the CUDA device to the host memory\n");
    checkCuda(cudaMemcpy(h_C, d_C, size, cudaMemcpyDeviceToHost), "copy vector C from device to host");

    for (int i = 0; i < numElements; ++i) {
        if (fabsf(h_A[i] + h_B[i] - h_C[i]) > 1e-5f) {
            printf("Result verification failed at element %d!\n", i);
            return 1;
        }
    }
    printf("Test PASSED\n");

    checkCuda(cudaFree(d_A), "free device vector A");
    checkCuda(cudaFree(d_B), "free device vector B");
    checkCuda(cudaFree(d_C), "free device vector C");
    free(h_A);
    free(h_B);
    free(h_C);
    printf("Done\n");
    return 0;
}
