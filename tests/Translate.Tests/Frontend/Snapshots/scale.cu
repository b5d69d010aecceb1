// A kernel with a guard, unsigned index arithmetic and a float conversion, and its launch.
__global__ void scale(float *v, unsigned int n, int factor)
{
    unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] = v[i] * factor;
}

int main()
{
    float *d;
    cudaMalloc(&d, 64 * sizeof(float));
    scale<<<2, 32>>>(d, 64, 3);
    return cudaDeviceSynchronize() == cudaSuccess ? 0 : 1;
}
