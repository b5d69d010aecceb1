// static locals: a counter in a __device__ function shared by every thread (tickets handed out once
// each), a constant table, and a static local of a host function (counted across calls).
#include <cstdio>
__device__ int nextTicket() { static int tickets = 100; return atomicAdd(&tickets, 1); }
__device__ float scaleOf(int i) { static const float table[4] = {0.5f, 1.0f, 2.0f, 4.0f}; return table[i & 3]; }
__global__ void k(int *ticket, float *scaled) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  ticket[t] = nextTicket();
  scaled[t] = scaleOf(threadIdx.x) * threadIdx.x;
}
static int hostCalls() { static int calls; return ++calls; }
int main() {
  int *ticket; float *scaled;
  cudaMallocManaged(&ticket, 64 * sizeof(int)); cudaMallocManaged(&scaled, 64 * sizeof(float));
  k<<<2, 32>>>(ticket, scaled); cudaDeviceSynchronize();
  int seen[64] = {0}, bad = 0;
  for (int t = 0; t < 64; t++) {
    int v = ticket[t] - 100;
    if (v < 0 || v >= 64 || seen[v]++) { printf("ticket %d: %d\n", t, ticket[t]); bad++; }
    float want = (t % 32 & 3) == 0 ? 0.5f : (t % 32 & 3) == 1 ? 1.0f : (t % 32 & 3) == 2 ? 2.0f : 4.0f;
    if (scaled[t] != want * (t % 32)) { printf("scaled %d: %f\n", t, scaled[t]); bad++; }
  }
  hostCalls(); hostCalls();
  if (hostCalls() != 3) { printf("host static\n"); bad++; }
  printf(bad ? "FAILED\n" : "PASSED\n");
  return bad != 0;
}
