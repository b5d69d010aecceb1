// Event record and wait nodes (explicit, and captured with the external flags), instantiation with
// parameters, nodes disabled in an instantiated graph, destroying a node, replacing a child graph's
// parameters in an instantiated graph. Prints what it checked.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void add(int *p, int v) { p[threadIdx.x] += v; }

static int value(const int *d) { int h[32]; cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost); for (int i = 1; i < 32; i++) if (h[i] != h[0]) return -1; return h[0]; }

static cudaGraphNode_t kernelNode(cudaGraph_t g, cudaGraphNode_t *after, int count, int **p, int *v)
{
    void *args[] = {p, v};
    cudaKernelNodeParams kp = {};
    kp.func = (void *)add; kp.gridDim = dim3(1); kp.blockDim = dim3(32); kp.kernelParams = args;
    cudaGraphNode_t node;
    cudaGraphAddKernelNode(&node, g, after, count, &kp);
    return node;
}

int main()
{
    int *d;
    cudaMalloc(&d, 32 * sizeof(int));
    cudaMemset(d, 0, 32 * sizeof(int));
    cudaStream_t s;
    cudaStreamCreate(&s);
    cudaEvent_t start, done;
    cudaEventCreate(&start); cudaEventCreate(&done);

    cudaGraph_t g;
    cudaGraphCreate(&g, 0);
    int one = 1;
    cudaGraphNode_t k1 = kernelNode(g, nullptr, 0, &d, &one);
    cudaGraphNode_t k2 = kernelNode(g, &k1, 1, &d, &one);
    cudaGraphNode_t record;
    printf("event record node %d\n", (int)cudaGraphAddEventRecordNode(&record, g, &k2, 1, done));
    cudaEvent_t got;
    cudaGraphEventRecordNodeGetEvent(record, &got);
    printf("node event %d\n", got == done);

    cudaGraphInstantiateParams ip = {};
    ip.flags = cudaGraphInstantiateFlagUpload;
    ip.uploadStream = s;
    cudaGraphExec_t exec;
    int made = (int)cudaGraphInstantiateWithParams(&exec, g, &ip);
    printf("instantiate with params %d result %d\n", made, (int)ip.result_out);
    cudaEventRecord(start, s);
    cudaGraphLaunch(exec, s);
    cudaStreamSynchronize(s);
    float ms = -1;
    int elapsed = (int)cudaEventElapsedTime(&ms, start, done);
    printf("value %d event query %d elapsed %d %d\n", value(d), (int)cudaEventQuery(done), elapsed, ms >= 0);

    printf("disable %d", (int)cudaGraphNodeSetEnabled(exec, k2, 0));
    unsigned enabled = 9;
    cudaGraphNodeGetEnabled(exec, k2, &enabled);
    cudaGraphLaunch(exec, s);
    cudaStreamSynchronize(s);
    printf(" enabled %u value %d", enabled, value(d));
    cudaGraphNodeSetEnabled(exec, k2, 1);
    cudaGraphLaunch(exec, s);
    cudaStreamSynchronize(s);
    printf(" enabled again value %d\n", value(d));
    printf("disable an event node %d\n", (int)cudaGraphNodeSetEnabled(exec, record, 0));
    cudaGetLastError();

    printf("destroy node %d", (int)cudaGraphDestroyNode(k1));
    size_t nodes = 0, edges = 0, roots = 0;
    cudaGraphGetNodes(g, nullptr, &nodes); cudaGraphGetEdges(g, nullptr, nullptr, &edges); cudaGraphGetRootNodes(g, nullptr, &roots);
    printf(" nodes %zu edges %zu roots %zu\n", nodes, edges, roots);

    cudaGraph_t captured;
    cudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal);
    printf("external record %d", (int)cudaEventRecordWithFlags(start, s, cudaEventRecordExternal));
    add<<<1, 32, 0, s>>>(d, 100);
    printf(" external wait %d", (int)cudaStreamWaitEvent(s, start, cudaEventWaitExternal));
    printf(" end %d", (int)cudaStreamEndCapture(s, &captured));
    cudaGraphNode_t list[4];
    size_t count = 4;
    cudaGraphGetNodes(captured, list, &count);
    printf(" types");
    for (size_t k = 0; k < count; k++) { cudaGraphNodeType t; cudaGraphNodeGetType(list[k], &t); printf(" %d", (int)t); }
    printf("\n");

    cudaGraph_t child, other, bigger, parent;
    cudaGraphCreate(&child, 0); cudaGraphCreate(&other, 0); cudaGraphCreate(&bigger, 0); cudaGraphCreate(&parent, 0);
    int ten = 10, thousand = 1000;
    kernelNode(child, nullptr, 0, &d, &one);
    kernelNode(other, nullptr, 0, &d, &ten);
    cudaGraphNode_t b1 = kernelNode(bigger, nullptr, 0, &d, &ten);
    kernelNode(bigger, &b1, 1, &d, &thousand);
    cudaGraphNode_t childNode;
    cudaGraphAddChildGraphNode(&childNode, parent, nullptr, 0, child);
    cudaGraphExec_t execParent;
    cudaGraphInstantiate(&execParent, parent, 0);
    cudaMemset(d, 0, 32 * sizeof(int));
    printf("child params %d", (int)cudaGraphExecChildGraphNodeSetParams(execParent, childNode, other));
    cudaGraphLaunch(execParent, s);
    cudaStreamSynchronize(s);
    printf(" value %d other topology %d\n", value(d), (int)cudaGraphExecChildGraphNodeSetParams(execParent, childNode, bigger));
    cudaGetLastError();
    return 0;
}
