// Conditional graph nodes (CUDA 12.3): if, while (body filled by capturing into it) and switch, a handle
// with a default assigned at each launch, a conditional node added inside a capture, cudaGraphAddNode's
// generic parameters for kernel nodes, and the errors of a handle used outside its graph.
#include <cstdio>

__global__ void setFromOdd(const int *value, cudaGraphConditionalHandle h) { cudaGraphSetConditional(h, *value & 1); }
__global__ void add(int *counter, int amount) { *counter += amount; }
__global__ void countDown(int *n, cudaGraphConditionalHandle h) {
  if (--*n == 0) cudaGraphSetConditional(h, 0);
}
__global__ void select(const int *which, cudaGraphConditionalHandle h) { cudaGraphSetConditional(h, *which); }

static cudaGraphNode_t kernelNode(cudaGraph_t g, const cudaGraphNode_t *after, size_t n, void *func, void **args) {
  cudaGraphNodeParams p = {cudaGraphNodeTypeKernel};
  p.kernel.func = func;
  p.kernel.gridDim = dim3(1);
  p.kernel.blockDim = dim3(1);
  p.kernel.kernelParams = args;
  cudaGraphNode_t node;
  cudaError_t e = cudaGraphAddNode(&node, g, after, n, &p);
  if (e != cudaSuccess) printf("add kernel node: %d\n", (int)e);
  return node;
}

int main() {
  int *d;
  cudaMalloc(&d, 4 * sizeof(int));
  int h[4];

  // if: A sets the condition from d[0]'s parity; the body adds 100 to d[1].
  cudaGraph_t g;
  cudaGraphCreate(&g, 0);
  cudaGraphConditionalHandle ifHandle;
  printf("handle %d\n", (int)cudaGraphConditionalHandleCreate(&ifHandle, g));
  int *value = d, *counter = d + 1;
  void *aArgs[] = {&value, &ifHandle};
  cudaGraphNode_t a = kernelNode(g, nullptr, 0, (void *)setFromOdd, aArgs);
  cudaGraphNodeParams c = {cudaGraphNodeTypeConditional};
  c.conditional.handle = ifHandle;
  c.conditional.type = cudaGraphCondTypeIf;
  c.conditional.size = 1;
  cudaGraphNode_t ifNode;
  printf("if node %d body %d\n", (int)cudaGraphAddNode(&ifNode, g, &a, 1, &c), c.conditional.phGraph_out != nullptr);
  int hundred = 100;
  void *addArgs[] = {&counter, &hundred};
  kernelNode(c.conditional.phGraph_out[0], nullptr, 0, (void *)add, addArgs);
  cudaGraphExec_t exec;
  printf("instantiate %d\n", (int)cudaGraphInstantiate(&exec, g, 0));
  for (int v = 0; v < 4; v++) {
    cudaMemcpy(d, &v, sizeof v, cudaMemcpyHostToDevice);
    cudaGraphLaunch(exec, 0);
  }
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  printf("if ran body %d times\n", h[1] / 100);
  cudaGraphExecDestroy(exec);
  cudaGraphDestroy(g);

  // while with a default of 1 assigned at each launch (a do-while); the body is captured into.
  cudaGraphCreate(&g, 0);
  cudaGraphConditionalHandle loop;
  cudaGraphConditionalHandleCreate(&loop, g, 1, cudaGraphCondAssignDefault);
  c.conditional.handle = loop;
  c.conditional.type = cudaGraphCondTypeWhile;
  cudaGraphNode_t whileNode;
  cudaGraphAddNode(&whileNode, g, nullptr, 0, &c);
  cudaStream_t s;
  cudaStreamCreate(&s);
  printf("capture to body %d\n", (int)cudaStreamBeginCaptureToGraph(s, c.conditional.phGraph_out[0], nullptr, nullptr, 0, cudaStreamCaptureModeRelaxed));
  add<<<1, 1, 0, s>>>(d + 2, 1);
  countDown<<<1, 1, 0, s>>>(d + 3, loop);
  printf("end capture %d\n", (int)cudaStreamEndCapture(s, nullptr));
  cudaGraphInstantiate(&exec, g, 0);
  int start[4] = {0, 0, 0, 5};
  cudaMemcpy(d, start, sizeof start, cudaMemcpyHostToDevice);
  cudaGraphLaunch(exec, s);
  start[3] = 3;
  cudaMemcpy(d + 3, start + 3, sizeof(int), cudaMemcpyHostToDevice);
  cudaGraphLaunch(exec, s);
  cudaStreamSynchronize(s);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  printf("while ran body %d times\n", h[2]);
  cudaGraphExecDestroy(exec);
  cudaGraphDestroy(g);

  // switch with three bodies, added to a capture's graph between two captured kernels.
  cudaStreamBeginCapture(s, cudaStreamCaptureModeRelaxed);
  cudaStreamCaptureStatus status;
  cudaGraph_t captured;
  const cudaGraphNode_t *deps;
  size_t ndeps;
  cudaGraphConditionalHandle which;
  cudaStreamGetCaptureInfo(s, &status, nullptr, &captured, &deps, &ndeps);
  cudaGraphConditionalHandleCreate(&which, captured);
  select<<<1, 1, 0, s>>>(d, which);
  cudaStreamGetCaptureInfo(s, &status, nullptr, &captured, &deps, &ndeps);
  c.conditional.handle = which;
  c.conditional.type = cudaGraphCondTypeSwitch;
  c.conditional.size = 3;
  cudaGraphNode_t switchNode;
  printf("switch node %d\n", (int)cudaGraphAddNode(&switchNode, captured, deps, ndeps, &c));
  int amounts[3] = {1, 10, 100};
  void *args[3][2];
  for (int b = 0; b < 3; b++) {
    args[b][0] = &counter;
    args[b][1] = &amounts[b];
    kernelNode(c.conditional.phGraph_out[b], nullptr, 0, (void *)add, args[b]);
  }
  cudaStreamUpdateCaptureDependencies(s, &switchNode, 1, cudaStreamSetCaptureDependencies);
  add<<<1, 1, 0, s>>>(d + 2, 1000);
  cudaStreamEndCapture(s, &g);
  cudaGraphInstantiate(&exec, g, 0);
  int zero[4] = {0, 0, 0, 0};
  cudaMemcpy(d, zero, sizeof zero, cudaMemcpyHostToDevice);
  for (int v = 0; v < 5; v++) {  // 3 and 4 select no body
    cudaMemcpy(d, &v, sizeof v, cudaMemcpyHostToDevice);
    cudaGraphLaunch(exec, s);
  }
  cudaStreamSynchronize(s);
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  printf("switch sum %d after %d\n", h[1], h[2]);

  // A handle belongs to the graph it was created for.
  cudaGraph_t other;
  cudaGraphCreate(&other, 0);
  c.conditional.handle = which;
  c.conditional.type = cudaGraphCondTypeIf;
  c.conditional.size = 1;
  printf("foreign handle %d\n", (int)cudaGraphAddNode(&ifNode, other, nullptr, 0, &c));
  cudaGetLastError();
  c.conditional.handle = 12345;
  printf("unknown handle %d\n", (int)cudaGraphAddNode(&ifNode, other, nullptr, 0, &c));
  cudaGetLastError();
  cudaGraphConditionalHandle h2;
  cudaGraphConditionalHandleCreate(&h2, other);
  c.conditional.handle = h2;
  c.conditional.size = 2;
  printf("if with two bodies %d\n", (int)cudaGraphAddNode(&ifNode, other, nullptr, 0, &c));
  cudaGetLastError();
  cudaGraphExecDestroy(exec);
  cudaGraphDestroy(g);
  cudaGraphDestroy(other);
  cudaStreamDestroy(s);
  cudaFree(d);
  return 0;
}
