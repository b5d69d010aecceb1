// Forms of the API that code written for CUDA 11 uses: the five-argument cudaGraphInstantiate, the four-argument
// cudaGraphExecUpdate (NVIDIA simpleCudaGraphs,
// jacobiCudaGraphs, graphMemoryNodes) and max/min of a double and a float (NVIDIA eigenvalues: an ambiguous call).
#include <cstdio>
__global__ void k(float *o, float t) { o[0] = max(5.0e-37, t); o[1] = min(t, 0.25); }
int main() { float *d, h[2]; cudaMalloc(&d, sizeof h); k<<<1, 1>>>(d, 0.5f); cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  cudaGraph_t g; cudaGraphExec_t e; cudaGraphNode_t err; char log[8]; cudaGraphCreate(&g, 0);
  int r = cudaGraphInstantiate(&e, g, &err, log, sizeof log);
  cudaGraphExecUpdateResult result = cudaGraphExecUpdateError;
  int u = cudaGraphExecUpdate(e, g, &err, &result);
  bool ok = h[0] == 0.5f && h[1] == 0.25f && r == 0 && err == 0 && u == 0 && result == cudaGraphExecUpdateSuccess; printf("%s\n", ok ? "PASSED" : "FAILED"); return !ok; }
