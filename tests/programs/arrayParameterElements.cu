// A parameter declared as an array of vectors or structs (`float3 colors[16]`, NVIDIA's dxtc loadColorBlock): reading
// or writing a whole element was TR0412 (the lifted IR indexed the parameter as an array variable, while it is a
// pointer: 'aptradd' ... 'colors' is (ptr (vec 3 float))), and on opencl the parameter then lived in memory, refused for
// a pointer into shared memory (TR0502). From shared and global memory, in a kernel and on the host.
#include <cstdio>

struct S { float x, y; };

__host__ __device__ float3 pick(float3 colors[16], int i) { return colors[i]; }
__host__ __device__ void store(S items[], int i, S s) { items[i] = s; }
__host__ __device__ float sumRow(const float4 rows[][2], int r) { float4 a = rows[r][0], b = rows[r][1]; return a.x + a.w + b.y + b.z; }

__host__ __device__ int check(float got, float want) { return got == want ? 0 : 1; }

__global__ void kernel(int *failures, S *items, const float4 *rows)
{
    __shared__ float3 colors[16];
    int t = threadIdx.x;
    colors[t] = make_float3(t, 2 * t, 0);
    __syncthreads();
    float3 c = pick(colors, 15 - t);
    store(items, t, S{c.x, c.y});
    int f = check(c.x, 15 - t) + check(c.y, 2 * (15 - t));
    f += check(sumRow((const float4 (*)[2])rows, t % 2), t % 2 == 0 ? 1 + 4 + 6 + 7 : 9 + 12 + 14 + 15);
    failures[t] = f;
}

int main()
{
    const int threads = 16;
    int *d, h[threads];
    S *items, back[threads];
    float4 *rows, host[4];
    for (int i = 0; i < 4; i++) host[i] = make_float4(4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4);
    cudaMalloc((void **)&d, sizeof h);
    cudaMalloc((void **)&items, sizeof back);
    cudaMalloc((void **)&rows, sizeof host);
    cudaMemcpy(rows, host, sizeof host, cudaMemcpyHostToDevice);
    kernel<<<1, threads>>>(d, items, rows);
    cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
    cudaMemcpy(back, items, sizeof back, cudaMemcpyDeviceToHost);
    int failures = 0;
    for (int i = 0; i < threads; i++)
    {
        failures += h[i] + check(back[i].x, 15 - i) + check(back[i].y, 2 * (15 - i));
        if (h[i]) printf("thread %d: %d failures\n", i, h[i]);
    }
    float3 local[16];
    for (int i = 0; i < 16; i++) local[i] = make_float3(i, 0, 1);
    S mine[2];
    store(mine, 1, S{3, 4});
    failures += check(pick(local, 7).x, 7) + check(mine[1].y, 4) + check(sumRow((const float4 (*)[2])host, 1), 9 + 12 + 14 + 15);
    printf("%s\n", failures ? "FAILED" : "PASSED");
    return failures ? 1 : 0;
}
