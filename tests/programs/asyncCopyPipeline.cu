// <cuda/pipeline> and <cuda_pipeline.h> were missing (TR0401; NVIDIA's globalToShmemAsyncCopy): tiled
// matrix products staging tiles through shared memory with a thread-scope pipeline of several stages
// (float4 copies with cuda::aligned_size_t), a block-scope pipeline whose threads all produce and
// consume (pipeline_shared_state, group copies), copies tracked by a cuda::barrier, and the pipeline
// primitives (__pipeline_memcpy_async with a zero-filled tail, __pipeline_commit, __pipeline_wait_prior).
#include <stdio.h>
#include <cuda/pipeline>
#include <cuda/barrier>
#include <cuda_pipeline.h>
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

#define T 8
#define STAGES 3

// C = A * B for n x n matrices, one T x T tile per block; tiles of A and B travel through a ring of
// STAGES shared buffers, refilled ahead of use.
__global__ void ringProduct(float *c, const float *a, const float *b, int n) {
  alignas(16) __shared__ float as[STAGES][T][T];
  alignas(16) __shared__ float bs[STAGES][T][T];
  int tx = threadIdx.x, ty = threadIdx.y;
  int row = blockIdx.y * T + ty, col = blockIdx.x * T + tx;
  const auto four = cuda::aligned_size_t<alignof(float4)>(sizeof(float4));
  cuda::pipeline<cuda::thread_scope_thread> pipe = cuda::make_pipeline();
  int tiles = n / T, fetched = 0;
  float sum = 0;
  for (int t = 0; t < tiles; t++) {
    for (; fetched < tiles && fetched < t + STAGES; fetched++) {
      pipe.producer_acquire();
      if (tx * 4 < T) {
        int s = fetched % STAGES;
        cuda::memcpy_async(&as[s][ty][tx * 4], &a[row * n + fetched * T + tx * 4], four, pipe);
        cuda::memcpy_async(&bs[s][ty][tx * 4], &b[(fetched * T + ty) * n + blockIdx.x * T + tx * 4], four, pipe);
      }
      pipe.producer_commit();
    }
    pipe.consumer_wait();
    __syncthreads();
    int s = t % STAGES;
    for (int k = 0; k < T; k++) sum += as[s][ty][k] * bs[s][k][tx];
    pipe.consumer_release();
    __syncthreads();
  }
  c[row * n + col] = sum;
}

// The same product with one block-scope pipeline of two stages: every thread produces and consumes,
// and the block copies each tile row by row with group copies.
__global__ void sharedStateProduct(float *c, const float *a, const float *b, int n) {
  __shared__ float as[2][T][T];
  __shared__ float bs[2][T][T];
  __shared__ cuda::pipeline_shared_state<cuda::thread_scope_block, 2> state;
  auto block = cg::this_thread_block();
  auto pipe = cuda::make_pipeline(block, &state);
  int tx = threadIdx.x, ty = threadIdx.y;
  int row = blockIdx.y * T + ty, col = blockIdx.x * T + tx;
  int tiles = n / T;
  float sum = 0;
  for (int stage = 0; stage < 2 && stage < tiles; stage++) {
    pipe.producer_acquire();
    for (int r = 0; r < T; r++) {
      cuda::memcpy_async(block, &as[stage][r][0], &a[(blockIdx.y * T + r) * n + stage * T], sizeof(float) * T, pipe);
      cuda::memcpy_async(block, &bs[stage][r][0], &b[(stage * T + r) * n + blockIdx.x * T], sizeof(float) * T, pipe);
    }
    pipe.producer_commit();
  }
  for (int t = 0; t < tiles; t++) {
    int s = t % 2;
    pipe.consumer_wait();
    for (int k = 0; k < T; k++) sum += as[s][ty][k] * bs[s][k][tx];
    pipe.consumer_release();
    int next = t + 2;
    if (next < tiles) {
      pipe.producer_acquire();
      for (int r = 0; r < T; r++) {
        cuda::memcpy_async(block, &as[s][r][0], &a[(blockIdx.y * T + r) * n + next * T], sizeof(float) * T, pipe);
        cuda::memcpy_async(block, &bs[s][r][0], &b[(next * T + r) * n + blockIdx.x * T], sizeof(float) * T, pipe);
      }
      pipe.producer_commit();
    }
  }
  c[row * n + col] = sum;
}

// Copies tracked by a barrier's phase: each thread copies its element; the phase's end publishes them.
__global__ void barrierProduct(float *c, const float *a, const float *b, int n) {
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  __shared__ float as[T][T];
  __shared__ float bs[T][T];
  int tx = threadIdx.x, ty = threadIdx.y;
  if (tx == 0 && ty == 0) init(&bar, blockDim.x * blockDim.y);
  __syncthreads();
  int row = blockIdx.y * T + ty, col = blockIdx.x * T + tx;
  float sum = 0;
  for (int t = 0; t < n / T; t++) {
    cuda::memcpy_async(&as[ty][tx], &a[row * n + t * T + tx], sizeof(float), bar);
    cuda::memcpy_async(&bs[ty][tx], &b[(t * T + ty) * n + col], sizeof(float), bar);
    bar.arrive_and_wait();
    for (int k = 0; k < T; k++) sum += as[ty][k] * bs[k][tx];
    bar.arrive_and_wait();
  }
  c[row * n + col] = sum;
}

// The primitives: each thread stages 16 bytes of x per round, the last 4 of them zero-filled, two
// rounds in flight; out gets the sum of what was staged.
__global__ void primitiveSums(int *out, const int *x, int rounds) {
  alignas(16) __shared__ int staged[2][64][4];
  int t = threadIdx.x;
  int sum = 0;
  __pipeline_memcpy_async(&staged[0][t][0], &x[(0 * 64 + t) * 4], 16, 4);
  __pipeline_commit();
  for (int r = 0; r < rounds; r++) {
    if (r + 1 < rounds) __pipeline_memcpy_async(&staged[(r + 1) % 2][t][0], &x[((r + 1) * 64 + t) * 4], 16, 4);
    __pipeline_commit();
    __pipeline_wait_prior(1);
    for (int i = 0; i < 4; i++) sum += staged[r % 2][t][i];
  }
  nvcuda::experimental::pipeline pipe;
  int4 last;
  nvcuda::experimental::memcpy_async(last, *(const int4 *)&x[t * 4], pipe);
  pipe.commit();
  pipe.wait_prior<0>();
  out[t] = sum * 1000 + last.w;
}

static int checkProduct(const char *name, const float *c, const float *a, const float *b, int n) {
  int bad = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      float want = 0;
      for (int k = 0; k < n; k++) want += a[i * n + k] * b[k * n + j];
      if (c[i * n + j] != want) bad++;
    }
  printf("%s: %d of %d wrong, c[5] = %.1f\n", name, bad, n * n, c[5]);
  return bad == 0;
}

int main() {
  const int n = 32;
  float *a, *b, *c;
  int *x, *out;
  cudaMallocManaged(&a, n * n * sizeof(float));
  cudaMallocManaged(&b, n * n * sizeof(float));
  cudaMallocManaged(&c, n * n * sizeof(float));
  cudaMallocManaged(&x, 3 * 64 * 4 * sizeof(int));
  cudaMallocManaged(&out, 64 * sizeof(int));
  for (int i = 0; i < n * n; i++) {
    a[i] = (float)(i % 7) - 3.0f;
    b[i] = (float)((i * 5) % 11) - 5.0f;
  }
  for (int i = 0; i < 3 * 64 * 4; i++) x[i] = i % 13;
  int ok = 1;
  dim3 grid(n / T, n / T), threads(T, T);
  ringProduct<<<grid, threads>>>(c, a, b, n);
  cudaDeviceSynchronize();
  ok &= checkProduct("thread-scope pipeline, 3 stages", c, a, b, n);
  cudaMemset(c, 0, n * n * sizeof(float));
  sharedStateProduct<<<grid, threads>>>(c, a, b, n);
  cudaDeviceSynchronize();
  ok &= checkProduct("block-scope pipeline, 2 stages", c, a, b, n);
  cudaMemset(c, 0, n * n * sizeof(float));
  barrierProduct<<<grid, threads>>>(c, a, b, n);
  cudaDeviceSynchronize();
  ok &= checkProduct("barrier-tracked copies", c, a, b, n);
  primitiveSums<<<1, 64>>>(out, x, 3);
  cudaDeviceSynchronize();
  int bad = 0;
  for (int t = 0; t < 64; t++) {
    int sum = 0;
    for (int r = 0; r < 3; r++)
      for (int i = 0; i < 3; i++) sum += x[(r * 64 + t) * 4 + i];
    if (out[t] != sum * 1000 + x[t * 4 + 3]) bad++;
  }
  printf("pipeline primitives: %d of 64 wrong, out[9] = %d\n", bad, out[9]);
  ok &= bad == 0;
  printf("%s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
