// What lives across grid.sync(): on opencl a kernel with grid barriers runs as one kernel per stretch
// between them, so each thread's variables and each block's shared memory used on both sides must be kept.
// Kernel 1, on a 2-D grid of 2-D blocks: an int, a double, a float4, a struct and a pointer into global
// memory set before the barrier and read after it; a static shared array, a shared scalar and dynamic shared
// memory written before and read after by other threads of the block; each block reading the other blocks'
// results after the barrier (what makes it a grid barrier). Kernel 2: the grid barrier inside a device
// function, a counter kept through four phases, a parameter changed before a barrier. Kernel 3: dynamic shared
// memory written by one device function before the barrier and read by another after it (two `extern __shared__`
// arrays of different names, one memory).
#include <cooperative_groups.h>
#include <cstdio>

namespace cg = cooperative_groups;

struct Pair {
  int count;
  float weight;
};

__global__ void keep(const int *in, int *partial, int *out, float *outF, double *outD) {
  cg::grid_group grid = cg::this_grid();
  __shared__ int tile[32];
  __shared__ float blockScale;
  extern __shared__ int dyn[];
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  int b = blockIdx.y * gridDim.x + blockIdx.x;
  int g = b * 32 + t;
  int mine = in[g] * 3 + 1;
  double acc = 0.5 * mine;
  float4 v = make_float4(mine, mine + 1, mine + 2, mine + 3);
  Pair p = {mine % 7, mine * 0.25f};
  int *row = out + g * 4;
  tile[t] = mine;
  dyn[t] = 1000 + g;
  if (t == 0) blockScale = 2.0f + b;
  __syncthreads();
  if (t == 0) {
    int s = 0;
    for (int i = 0; i < 32; i++) s += tile[i];
    partial[b] = s;
  }
  grid.sync();
  int blocks = gridDim.x * gridDim.y;
  int total = 0;
  for (int i = 0; i < blocks; i++) total += partial[i];
  row[0] = mine + tile[31 - t];
  row[1] = total + p.count;
  row[2] = dyn[31 - t];
  row[3] = (int)(v.x + v.y + v.z + v.w);
  outF[g] = p.weight * blockScale;
  outD[g] = acc;
}

__device__ void everyone() { cg::this_grid().sync(); }

__global__ void rounds(int *cells, int *result, int n, int step) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int seen = 0;
  step = step * 2;
  cells[i] = i;
  everyone();
  seen += cells[(i + step) % n];
  everyone();
  cells[i] = seen;
  everyone();
  seen += cells[(i + 1) % n];
  result[i] = seen + step;
}

__device__ void put(int v) {
  extern __shared__ int given[];
  given[threadIdx.x] = v;
}

__device__ int take(int i) {
  extern __shared__ int taken[];
  return taken[i];
}

__global__ void handOver(int *result) {
  put(blockIdx.x * 100 + threadIdx.x);
  everyone();
  result[blockIdx.x * blockDim.x + threadIdx.x] = take(blockDim.x - 1 - threadIdx.x);
}

int main() {
  const int blocks = 4, threads = 32, n = blocks * threads;
  int hIn[n], hOut[n * 4], hCells[n];
  float hF[n];
  double hD[n];
  for (int i = 0; i < n; i++) hIn[i] = (i * 37) % 101;
  int *in, *partial, *out, *cells, *result, *hand;
  float *outF;
  double *outD;
  cudaMalloc(&in, sizeof hIn);
  cudaMalloc(&partial, blocks * sizeof(int));
  cudaMalloc(&out, sizeof hOut);
  cudaMalloc(&outF, sizeof hF);
  cudaMalloc(&outD, sizeof hD);
  cudaMalloc(&cells, sizeof hCells);
  cudaMalloc(&result, sizeof hCells);
  cudaMalloc(&hand, sizeof hCells);
  cudaMemcpy(in, hIn, sizeof hIn, cudaMemcpyHostToDevice);
  void *args1[] = {&in, &partial, &out, &outF, &outD};
  cudaError_t e1 = cudaLaunchCooperativeKernel((void *)keep, dim3(2, 2), dim3(8, 4), args1, threads * sizeof(int), 0);
  int size = n, step = 3;
  void *args2[] = {&cells, &result, &size, &step};
  cudaError_t e2 = cudaLaunchCooperativeKernel((void *)rounds, dim3(blocks), dim3(threads), args2, 0, 0);
  int hHand[n];
  void *args3[] = {&hand};
  cudaError_t e3 = cudaLaunchCooperativeKernel((void *)handOver, dim3(blocks), dim3(threads), args3, threads * sizeof(int), 0);
  cudaMemcpy(hHand, hand, sizeof hHand, cudaMemcpyDeviceToHost);
  cudaMemcpy(hOut, out, sizeof hOut, cudaMemcpyDeviceToHost);
  cudaMemcpy(hF, outF, sizeof hF, cudaMemcpyDeviceToHost);
  cudaMemcpy(hD, outD, sizeof hD, cudaMemcpyDeviceToHost);
  cudaMemcpy(hCells, result, sizeof hCells, cudaMemcpyDeviceToHost);

  int total = 0;
  for (int i = 0; i < n; i++) total += hIn[i] * 3 + 1;
  int wrong = 0;
  for (int g = 0; g < n; g++) {
    int b = g / 32, t = g % 32, mine = hIn[g] * 3 + 1;
    int mirror = hIn[b * 32 + 31 - t] * 3 + 1;
    int expect[4] = {mine + mirror, total + mine % 7, 1000 + b * 32 + 31 - t, 4 * mine + 6};
    for (int k = 0; k < 4; k++)
      if (hOut[g * 4 + k] != expect[k]) wrong++;
    if (hF[g] != mine * 0.25f * (2.0f + b)) wrong++;
    if (hD[g] != 0.5 * mine) wrong++;
  }
  int wrongRounds = 0;
  for (int i = 0; i < n; i++) {
    int first = (i + 6) % n;
    int seen = first + ((i + 1) % n + 6) % n;
    if (hCells[i] != seen + 6) wrongRounds++;
  }
  int wrongHand = 0;
  for (int i = 0; i < n; i++)
    if (hHand[i] != (i / threads) * 100 + threads - 1 - i % threads) wrongHand++;
  printf("launches: %s %s %s\n", cudaGetErrorName(e1), cudaGetErrorName(e2), cudaGetErrorName(e3));
  printf("handed over through dynamic shared memory: %d of %d wrong\n", wrongHand, n);
  printf("kept through the grid barrier: %d of %d wrong; four phases: %d of %d wrong\n", wrong, n * 6, wrongRounds, n);
  printf("thread 0: %d %d %d %d %g %g\n", hOut[0], hOut[1], hOut[2], hOut[3], hF[0], hD[0]);
  bool ok = e1 == cudaSuccess && e2 == cudaSuccess && e3 == cudaSuccess && wrong == 0 && wrongRounds == 0 && wrongHand == 0;
  printf("%s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
