// Template instantiation, static and dynamic shared memory, a barrier in a loop, a device function,
// ++ inside an expression, a switch with fall-through, and an atomic.
__device__ int twice(int x) { return x + x; }

template <int N>
__global__ void blockSum(const int *in, int *out)
{
    __shared__ int s[N];
    extern __shared__ int scratch[];
    int t = threadIdx.x;
    s[t] = in[t];
    scratch[t] = 0;
    __syncthreads();
    for (int k = N / 2; k > 0; k /= 2) {
        if (t < k) s[t] += s[t + k];
        __syncthreads();
    }
    int idx = 0;
    switch (t) {
    case 0:
        atomicAdd(out, twice(s[idx++]));
    case 1:
        break;
    default:
        scratch[t]--;
    }
}

int main()
{
    int *in, *out;
    cudaMalloc(&in, 8 * sizeof(int));
    cudaMalloc(&out, sizeof(int));
    blockSum<8><<<1, 8, 8 * sizeof(int)>>>(in, out);
    return 0;
}
