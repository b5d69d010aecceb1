// Barriers that only some threads of a block reach, with no barrier after them: CUDA calls this undefined, but NVIDIA
// GPUs wait only for the threads that have not exited (PTX ISA, barrier), and real code relies on it (HeCBench wyllie).
// cpu and opencl run it so, warning TR0321 where the threads part; the interpreter runs it as it is.
#include <cstdio>

#define N 200
#define BLOCK 256

// List ranking by pointer jumping: each thread's loop runs as many rounds as its node needs (HeCBench wyllie's shape).
__global__ void rankList(long long *list, int size) {
  int index = blockIdx.x * blockDim.x + threadIdx.x;
  if (index < size) {
    long long node, next;
    while (((node = list[index]) >> 32) != -1 && ((next = list[node >> 32]) >> 32) != -1) {
      long long rank = (node & 0xffffffff) + (next & 0xffffffff);
      __syncthreads();
      list[index] = ((next >> 32) << 32) + rank;
    }
  }
}

// A partial last block: the threads past the end skip the branch and its barrier.
__global__ void neighbourSums(const int *in, int *out, int n) {
  __shared__ int s[BLOCK];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    s[threadIdx.x] = in[i];
    __syncthreads();
    int last = min(n - blockIdx.x * blockDim.x, (int)blockDim.x);
    out[i] = s[threadIdx.x] + s[(threadIdx.x + 1) % last];
  }
}

// A loop whose trip count is the thread's own, left by break in some rounds; the threads with the most rounds
// see every other thread's additions after their last barrier.
__global__ void uneven(int *out) {
  __shared__ int count;
  if (threadIdx.x == 0) count = 0;
  __syncthreads();
  int rounds = threadIdx.x % 5;
  for (int k = 0;; k++) {
    if (k == rounds) break;
    atomicAdd(&count, 1);
    __syncthreads();
  }
  if (rounds == 4 && threadIdx.x == 4) out[0] = count;
}

int main() {
  int bad = 0;

  long long h[N];
  for (int i = 0; i < N; i++) {
    long long next = i + 1 < N ? i + 1 : -1;
    h[i] = (next << 32) | (next == -1 ? 0 : 1);
  }
  long long *d;
  cudaMalloc(&d, sizeof h);
  cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
  rankList<<<1, BLOCK>>>(d, N);
  if (cudaDeviceSynchronize() != cudaSuccess) bad++;
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  for (int i = 0; i < N; i++)
    if ((h[i] & 0xffffffff) != N - 1 - i) bad++;
  printf("rank of the head %lld\n", h[0] & 0xffffffff);
  cudaFree(d);

  const int n = 300;
  int hin[n], hout[n];
  for (int i = 0; i < n; i++) hin[i] = i * 3 + 1;
  int *din, *dout;
  cudaMalloc(&din, sizeof hin);
  cudaMalloc(&dout, sizeof hout);
  cudaMemcpy(din, hin, sizeof hin, cudaMemcpyHostToDevice);
  neighbourSums<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(din, dout, n);
  if (cudaDeviceSynchronize() != cudaSuccess) bad++;
  cudaMemcpy(hout, dout, sizeof hout, cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++) {
    int base = i / BLOCK * BLOCK, last = n - base < BLOCK ? n - base : BLOCK;
    if (hout[i] != hin[i] + hin[base + (i - base + 1) % last]) bad++;
  }
  printf("neighbour sums %d %d\n", hout[0], hout[n - 1]);

  uneven<<<1, 100>>>(dout);
  if (cudaDeviceSynchronize() != cudaSuccess) bad++;
  int count;
  cudaMemcpy(&count, dout, sizeof count, cudaMemcpyDeviceToHost);
  int expected = 0;
  for (int t = 0; t < 100; t++) expected += t % 5;
  if (count != expected) bad++;
  printf("rounds added %d\n", count);
  cudaFree(din);
  cudaFree(dout);

  printf("%s\n", bad == 0 ? "PASSED" : "FAILED");
  return bad == 0 ? 0 : 1;
}
