// Lanes of a warp exchanging values through shared memory between two top-level statements with no barrier,
// relying on the warp reconverging after a branch, as NVIDIA GPUs run them (HeCBench romberg: column sums under
// `if (threadIdx.x < ROW_SIZE)`, then thread 0 reading all of them under `if (!threadIdx.x)`). Every device gave
// thread 0 the other lanes' old values: a wrong integral, no diagnostic.
#include <cstdio>

#define COLUMNS 17

// Each lane below COLUMNS sums one column of the block's table, then lane 0 adds up the column sums.
__global__ void columnSums(const float *table, float *out)
{
    extern __shared__ float s[];
    int t = threadIdx.x;
    for (int i = 0; i < COLUMNS; i++) s[COLUMNS * t + i] = table[(blockIdx.x * blockDim.x + t) * COLUMNS + i];
    __syncthreads();
    if (t < COLUMNS) {
        float sum = 0.0f;
        for (int i = t; i < (int)blockDim.x * COLUMNS; i += COLUMNS) sum += s[i];
        s[t] = sum;
    }
    if (!t) {
        float total = 0.0f;
        for (int k = 0; k < COLUMNS; k++) total += s[k] * (k + 1);
        out[blockIdx.x] = total;
    }
}

// Every lane writes, then reads its neighbour's value within its own warp.
__global__ void neighbours(int *out)
{
    __shared__ int s[128];
    int t = threadIdx.x;
    s[t] = t * 3 + (int)blockIdx.x;
    out[blockIdx.x * blockDim.x + t] = s[(t & ~31) | ((t + 1) & 31)];
}

// A shared scalar set by lane 0 and read by the rest of its warp; lanes of later warps returned first.
__global__ void broadcast(int *out)
{
    __shared__ int flag;
    int t = threadIdx.x;
    if (t >= 32) return;
    if (t == 0) flag = 7 * (int)blockIdx.x + 1;
    out[blockIdx.x * 32 + t] = flag;
}

int main()
{
    const int blocks = 4, threads = 64;
    const int n = blocks * threads * COLUMNS;
    float *table = new float[n], *sums = new float[blocks];
    for (int i = 0; i < n; i++) table[i] = (float)(i % 13) - 4.0f;
    float *dTable, *dSums;
    cudaMalloc(&dTable, n * sizeof(float));
    cudaMalloc(&dSums, blocks * sizeof(float));
    cudaMemcpy(dTable, table, n * sizeof(float), cudaMemcpyHostToDevice);
    columnSums<<<blocks, threads, threads * COLUMNS * sizeof(float)>>>(dTable, dSums);
    cudaMemcpy(sums, dSums, blocks * sizeof(float), cudaMemcpyDeviceToHost);
    int failures = 0;
    for (int b = 0; b < blocks; b++) {
        float expected = 0.0f;
        for (int k = 0; k < COLUMNS; k++) {
            float column = 0.0f;
            for (int t = 0; t < threads; t++) column += table[(b * threads + t) * COLUMNS + k];
            expected += column * (k + 1);
        }
        if (sums[b] != expected) {
            printf("columnSums: block %d gave %g, expected %g\n", b, sums[b], expected);
            failures++;
        }
    }

    int *values = new int[blocks * 128], *dValues;
    cudaMalloc(&dValues, blocks * 128 * sizeof(int));
    neighbours<<<blocks, 128>>>(dValues);
    cudaMemcpy(values, dValues, blocks * 128 * sizeof(int), cudaMemcpyDeviceToHost);
    for (int b = 0; b < blocks; b++)
        for (int t = 0; t < 128; t++) {
            int expected = ((t & ~31) | ((t + 1) & 31)) * 3 + b;
            if (values[b * 128 + t] != expected && failures++ < 10)
                printf("neighbours: block %d thread %d read %d, expected %d\n", b, t, values[b * 128 + t], expected);
        }

    broadcast<<<blocks, 96>>>(dValues);
    cudaMemcpy(values, dValues, blocks * 32 * sizeof(int), cudaMemcpyDeviceToHost);
    for (int b = 0; b < blocks; b++)
        for (int t = 0; t < 32; t++)
            if (values[b * 32 + t] != 7 * b + 1 && failures++ < 20)
                printf("broadcast: block %d lane %d read %d, expected %d\n", b, t, values[b * 32 + t], 7 * b + 1);

    printf(failures ? "FAILED\n" : "PASSED\n");
    return failures ? 1 : 0;
}
