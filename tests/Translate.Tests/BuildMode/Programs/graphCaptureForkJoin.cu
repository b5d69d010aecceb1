// Stream capture of a fork and join across two streams (kernels, copies, a fill, a host function),
// replayed three times with new input; nothing may run while capturing. Prints what it checked.
#include <cstdio>
#include <cstring>
#include <cuda_runtime.h>

__global__ void addTo(int *p, int n, int v) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] += v; }
__global__ void scale(int *p, int n, int f) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] *= f; }
__global__ void sum(const int *a, const int *b, int *out, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) out[i] = a[i] + b[i]; }

static int hostCalls = 0;
static void CUDART_CB countCall(void *data) { hostCalls += *(int *)data; }

int main()
{
    const int n = 1000;
    const size_t bytes = n * sizeof(int);
    int *a, *b, *c;
    cudaMalloc(&a, bytes); cudaMalloc(&b, bytes); cudaMalloc(&c, bytes);
    cudaMemset(b, 0x7f, bytes);
    int *in = new int[n], *out = new int[n];
    memset(out, 0, bytes);
    cudaStream_t s1, s2;
    cudaStreamCreate(&s1); cudaStreamCreate(&s2);
    cudaEvent_t fork, join;
    cudaEventCreate(&fork); cudaEventCreate(&join);
    int one = 1, step = 1;

    printf("begin %d\n", (int)cudaStreamBeginCapture(s1, cudaStreamCaptureModeGlobal));
    cudaMemcpyAsync(a, in, bytes, cudaMemcpyHostToDevice, s1);
    cudaEventRecord(fork, s1);
    cudaStreamWaitEvent(s2, fork, 0);
    cudaStreamCaptureStatus status;
    cudaStreamIsCapturing(s2, &status);
    printf("forked stream captures %d\n", (int)status);
    cudaMemsetAsync(b, 0, bytes, s2);
    addTo<<<(n + 255) / 256, 256, 0, s2>>>(b, n, step);
    step = 100;   // arguments were copied at capture: the graph keeps adding 1
    scale<<<(n + 255) / 256, 256, 0, s1>>>(a, n, 3);
    cudaLaunchHostFunc(s2, countCall, &one);
    unsigned long long id = 0;
    cudaGraph_t capturing = nullptr;
    const cudaGraphNode_t *deps = nullptr;
    size_t numDeps = 0;
    cudaStreamGetCaptureInfo(s1, &status, &id, &capturing, &deps, &numDeps);
    printf("capture info %d id %d deps %zu\n", (int)status, id != 0, numDeps);
    cudaEventRecord(join, s2);
    cudaStreamWaitEvent(s1, join, 0);
    sum<<<(n + 255) / 256, 256, 0, s1>>>(a, b, c, n);
    cudaMemcpyAsync(out, c, bytes, cudaMemcpyDeviceToHost, s1);
    cudaGraph_t graph = nullptr;
    int ended = (int)cudaStreamEndCapture(s1, &graph);
    printf("end %d graph %d\n", ended, graph != nullptr && graph == capturing);
    cudaStreamIsCapturing(s2, &status);
    printf("after end captures %d\n", (int)status);

    bool untouched = hostCalls == 0;
    for (int i = 0; i < n; i++) untouched = untouched && out[i] == 0;
    int probe;
    cudaMemcpy(&probe, b, sizeof probe, cudaMemcpyDeviceToHost);
    printf("nothing ran while capturing %d\n", untouched && probe == 0x7f7f7f7f);

    size_t nodes = 0, edges = 0, roots = 0;
    cudaGraphGetNodes(graph, nullptr, &nodes);
    cudaGraphGetEdges(graph, nullptr, nullptr, &edges);
    cudaGraphGetRootNodes(graph, nullptr, &roots);
    printf("nodes %zu edges %zu roots %zu\n", nodes, edges, roots);
    cudaGraphNode_t list[16];
    size_t count = 16;
    cudaGraphGetNodes(graph, list, &count);
    printf("types");
    for (size_t k = 0; k < count; k++) { cudaGraphNodeType t; cudaGraphNodeGetType(list[k], &t); printf(" %d", (int)t); }
    printf("\n");

    cudaGraphExec_t exec;
    printf("instantiate %d\n", (int)cudaGraphInstantiate(&exec, graph, 0));
    for (int r = 0; r < 3; r++)
    {
        for (int i = 0; i < n; i++) in[i] = i + r;
        cudaGraphLaunch(exec, s1);
        cudaStreamSynchronize(s1);
        bool right = true;
        for (int i = 0; i < n; i++) right = right && out[i] == 3 * (i + r) + 1;
        printf("replay %d right %d host calls %d\n", r, right, hostCalls);
    }
    printf("dot %d\n", (int)cudaGraphDebugDotPrint(graph, "capture.dot", 0));
    FILE *dot = fopen("capture.dot", "r");
    char head[32] = {0};
    if (dot) { fread(head, 1, 15, dot); fclose(dot); }
    printf("dot starts %s\n", head);
    printf("destroy %d %d\n", (int)cudaGraphExecDestroy(exec), (int)cudaGraphDestroy(graph));
    printf("last %d\n", (int)cudaGetLastError());
    return 0;
}
