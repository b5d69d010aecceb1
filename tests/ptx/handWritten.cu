// Kernels whose PTX twins in handWritten.ptx are written by hand, with the branches, shared memory, calls and atomics
// compilers emit: run as it is, then with `--device-code handWritten.ptx` (tests/Translate.Tests/Ptx), the program must
// print the same and pass. The host code checks every result against a sequential computation.
#include <cstdio>

// out[i] = j * n + k for the first pair (j, k), in order, with in[j] + in[k] == i; -1 when there is none.
// Each pair found also counts one into *found.
__global__ void pairSearch(int *out, const int *in, int n, int m, unsigned *found)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= m) return;
    int result = -1;
    for (int j = 0; j < n && result < 0; j++)
        for (int k = 0; k < n; k++)
            if (in[j] + in[k] == i) { result = j * n + k; break; }
    if (result >= 0) atomicAdd(found, 1u);
    out[i] = result;
}

// Each block's sum of in[], halving through shared memory with a barrier in the loop.
__global__ void blockSum(float *out, const float *in)
{
    __shared__ float partial[256];
    unsigned t = threadIdx.x;
    partial[t] = in[blockIdx.x * blockDim.x + t];
    __syncthreads();
    for (unsigned s = blockDim.x / 2; s > 0; s /= 2)
    {
        if (t < s) partial[t] += partial[t + s];
        __syncthreads();
    }
    if (t != 0) return;
    out[blockIdx.x] = partial[0];
}

__device__ __noinline__ int square(int x) { return x * x; }

// out[i] = i * i through a called function; the last thread of the launch also writes the maximum through atom.max.
__global__ void squares(int *out, int n, int *largest)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    out[i] = square(i);
    atomicMax(largest, out[i]);
}

int main()
{
    const int n = 12, m = 40;
    int in[n], out[m];
    for (int j = 0; j < n; j++) in[j] = (j * 7) % 19;
    int *dIn, *dOut;
    unsigned *dFound, found = 0;
    cudaMalloc(&dIn, sizeof in);
    cudaMalloc(&dOut, sizeof out);
    cudaMalloc(&dFound, sizeof found);
    cudaMemcpy(dIn, in, sizeof in, cudaMemcpyHostToDevice);
    cudaMemcpy(dFound, &found, sizeof found, cudaMemcpyHostToDevice);
    pairSearch<<<2, 32>>>(dOut, dIn, n, m, dFound);
    cudaMemcpy(out, dOut, sizeof out, cudaMemcpyDeviceToHost);
    cudaMemcpy(&found, dFound, sizeof found, cudaMemcpyDeviceToHost);
    int errors = 0;
    unsigned expectedFound = 0;
    for (int i = 0; i < m; i++)
    {
        int expected = -1;
        for (int j = 0; j < n && expected < 0; j++)
            for (int k = 0; k < n; k++)
                if (in[j] + in[k] == i) { expected = j * n + k; break; }
        if (expected >= 0) expectedFound++;
        if (out[i] != expected) { printf("pairSearch: out[%d] = %d, expected %d\n", i, out[i], expected); errors++; }
    }
    if (found != expectedFound) { printf("pairSearch: found %u, expected %u\n", found, expectedFound); errors++; }
    printf("pairSearch: %u of %d sums found\n", found, m);

    const int blocks = 4, threads = 256;
    float values[blocks * threads], sums[blocks];
    for (int i = 0; i < blocks * threads; i++) values[i] = (float)(i % 10);
    float *dValues, *dSums;
    cudaMalloc(&dValues, sizeof values);
    cudaMalloc(&dSums, sizeof sums);
    cudaMemcpy(dValues, values, sizeof values, cudaMemcpyHostToDevice);
    blockSum<<<blocks, threads>>>(dSums, dValues);
    cudaMemcpy(sums, dSums, sizeof sums, cudaMemcpyDeviceToHost);
    for (int b = 0; b < blocks; b++)
    {
        float expected = 0;
        for (int t = 0; t < threads; t++) expected += values[b * threads + t];
        if (sums[b] != expected) { printf("blockSum: block %d = %g, expected %g\n", b, sums[b], expected); errors++; }
    }
    printf("blockSum: %g %g %g %g\n", sums[0], sums[1], sums[2], sums[3]);

    const int count = 50;
    int squared[count], largest = 0;
    int *dSquared, *dLargest;
    cudaMalloc(&dSquared, sizeof squared);
    cudaMalloc(&dLargest, sizeof largest);
    cudaMemcpy(dLargest, &largest, sizeof largest, cudaMemcpyHostToDevice);
    squares<<<2, 32>>>(dSquared, count, dLargest);
    cudaMemcpy(squared, dSquared, sizeof squared, cudaMemcpyDeviceToHost);
    cudaMemcpy(&largest, dLargest, sizeof largest, cudaMemcpyDeviceToHost);
    for (int i = 0; i < count; i++)
        if (squared[i] != i * i) { printf("squares: %d -> %d\n", i, squared[i]); errors++; }
    if (largest != (count - 1) * (count - 1)) { printf("squares: largest %d\n", largest); errors++; }
    printf("squares: largest %d\n", largest);

    cudaFree(dIn); cudaFree(dOut); cudaFree(dFound); cudaFree(dValues); cudaFree(dSums); cudaFree(dSquared); cudaFree(dLargest);
    printf(errors == 0 ? "Test PASSED\n" : "Test FAILED\n");
    return errors == 0 ? 0 : 1;
}
