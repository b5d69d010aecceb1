// An explicitly built graph: fill, copy, empty join, kernel, copy back, host node; cloned with the
// kernel's parameters changed, instantiated, updated, nested as a child graph. Prints what it checked.
#include <cstdio>
#include <cstring>
#include <cuda_runtime.h>

__global__ void axpy(float a, const float *x, float *y, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) y[i] = a * x[i] + y[i]; }

static const int n = 512;
static float hostX[n], hostY[n];
static int checked = 0, wrong = 0;
static float expectA = 0;
static void CUDART_CB check(void *)
{
    checked++;
    for (int i = 0; i < n; i++) if (hostY[i] != expectA * hostX[i] + 1.0f) wrong++;
}

static void printResult(const char *what) { printf("%s checked %d wrong %d\n", what, checked, wrong); }

int main()
{
    for (int i = 0; i < n; i++) hostX[i] = (float)i;
    float *x, *y;
    cudaMalloc(&x, n * sizeof(float)); cudaMalloc(&y, n * sizeof(float));
    cudaGraph_t g;
    cudaGraphCreate(&g, 0);
    cudaGraphNode_t fill, up, join, kernel, down, host;

    float oneBits = 1.0f;
    cudaMemsetParams ms = {0};
    ms.dst = y; ms.value = *(unsigned *)&oneBits; ms.elementSize = 4; ms.width = n; ms.height = 1;
    printf("memset node %d\n", (int)cudaGraphAddMemsetNode(&fill, g, nullptr, 0, &ms));
    printf("memcpy node %d\n", (int)cudaGraphAddMemcpyNode1D(&up, g, nullptr, 0, x, hostX, n * sizeof(float), cudaMemcpyHostToDevice));
    cudaGraphNode_t both[2] = {fill, up};
    printf("empty node %d\n", (int)cudaGraphAddEmptyNode(&join, g, both, 2));
    float a = 2.0f;
    int count = n;
    void *args[] = {&a, &x, &y, &count};
    cudaKernelNodeParams kp = {0};
    kp.func = (void *)axpy; kp.gridDim = dim3((n + 127) / 128); kp.blockDim = dim3(128); kp.kernelParams = args;
    printf("kernel node %d\n", (int)cudaGraphAddKernelNode(&kernel, g, &join, 1, &kp));
    a = 99.0f;   // the node copied the arguments
    cudaMemcpy3DParms back = {0};
    back.srcPtr = make_cudaPitchedPtr(y, n * sizeof(float), n, 1);
    back.dstPtr = make_cudaPitchedPtr(hostY, n * sizeof(float), n, 1);
    back.extent = make_cudaExtent(n * sizeof(float), 1, 1);
    back.kind = cudaMemcpyDeviceToHost;
    printf("3-D memcpy node %d\n", (int)cudaGraphAddMemcpyNode(&down, g, nullptr, 0, &back));
    printf("add dependency %d\n", (int)cudaGraphAddDependencies(g, &kernel, &down, 1));
    cudaHostNodeParams hp = {check, nullptr};
    printf("host node %d\n", (int)cudaGraphAddHostNode(&host, g, &down, 1, &hp));
    printf("cycle refused %d\n", (int)cudaGraphAddDependencies(g, &host, &fill, 1));
    cudaGetLastError();

    size_t nodes = 0, roots = 0, edges = 0;
    cudaGraphGetNodes(g, nullptr, &nodes); cudaGraphGetRootNodes(g, nullptr, &roots); cudaGraphGetEdges(g, nullptr, nullptr, &edges);
    printf("nodes %zu roots %zu edges %zu\n", nodes, roots, edges);
    cudaGraphNode_t from[8], to[8];
    size_t room = 8;
    cudaGraphGetEdges(g, from, to, &room);
    bool kernelToDown = false;
    for (size_t k = 0; k < room; k++) kernelToDown = kernelToDown || (from[k] == kernel && to[k] == down);
    printf("edge kernel->copy %d\n", kernelToDown);

    cudaKernelNodeParams got = {0};
    cudaGraphKernelNodeGetParams(kernel, &got);
    printf("kept argument %g func %d block %u\n", *(float *)got.kernelParams[0], got.func == (void *)axpy, got.blockDim.x);

    cudaGraphExec_t exec;
    printf("instantiate %d\n", (int)cudaGraphInstantiate(&exec, g, 0));
    expectA = 2.0f;
    cudaGraphLaunch(exec, 0);
    cudaDeviceSynchronize();
    printResult("launch a=2");

    // A clone with the kernel's factor changed: the original is untouched.
    cudaGraph_t clone;
    cudaGraphClone(&clone, g);
    cudaGraphNode_t kernelInClone;
    printf("find in clone %d\n", (int)cudaGraphNodeFindInClone(&kernelInClone, kernel, clone));
    float three = 3.0f;
    void *args3[] = {&three, &x, &y, &count};
    kp.kernelParams = args3;
    printf("set params %d\n", (int)cudaGraphKernelNodeSetParams(kernelInClone, &kp));
    cudaGraphExec_t execClone;
    cudaGraphInstantiate(&execClone, clone, 0);
    expectA = 3.0f;
    cudaGraphLaunch(execClone, 0);
    cudaDeviceSynchronize();
    printResult("clone a=3");
    expectA = 2.0f;
    cudaGraphLaunch(exec, 0);
    cudaDeviceSynchronize();
    printResult("original a=2");

    // The instantiated graph's own kernel parameters, then an update from the clone.
    float five = 5.0f;
    void *args5[] = {&five, &x, &y, &count};
    kp.kernelParams = args5;
    printf("exec set params %d\n", (int)cudaGraphExecKernelNodeSetParams(exec, kernel, &kp));
    expectA = 5.0f;
    cudaGraphLaunch(exec, 0);
    cudaDeviceSynchronize();
    printResult("exec a=5");
    cudaGraphExecUpdateResultInfo info;
    int updated = (int)cudaGraphExecUpdate(exec, clone, &info);
    printf("update %d result %d\n", updated, (int)info.result);
    expectA = 3.0f;
    cudaGraphLaunch(exec, 0);
    cudaDeviceSynchronize();
    printResult("updated a=3");
    cudaGraph_t other;
    cudaGraphCreate(&other, 0);
    cudaGraphNode_t lone;
    cudaGraphAddEmptyNode(&lone, other, nullptr, 0);
    updated = (int)cudaGraphExecUpdate(exec, other, &info);
    printf("update other topology %d result %d\n", updated, (int)info.result);
    cudaGetLastError();

    // The graph as one node of another.
    cudaGraph_t parent;
    cudaGraphCreate(&parent, 0);
    cudaGraphNode_t child;
    printf("child node %d\n", (int)cudaGraphAddChildGraphNode(&child, parent, nullptr, 0, g));
    cudaGraphNodeType type;
    cudaGraphNodeGetType(child, &type);
    cudaGraphExec_t execParent;
    cudaGraphInstantiate(&execParent, parent, 0);
    expectA = 2.0f;
    cudaGraphLaunch(execParent, 0);
    cudaDeviceSynchronize();
    printResult("child graph a=2");
    printf("child type %d\n", (int)type);

    cudaGraphExecDestroy(exec); cudaGraphExecDestroy(execClone); cudaGraphExecDestroy(execParent);
    printf("destroy %d %d %d %d\n", (int)cudaGraphDestroy(g), (int)cudaGraphDestroy(clone), (int)cudaGraphDestroy(other), (int)cudaGraphDestroy(parent));
    printf("destroyed handle %d\n", (int)cudaGraphDestroy(g));
    return 0;
}
