// Graph memory: cudaMallocAsync/cudaFreeAsync captured as allocation and free nodes, an explicit
// allocation node freed outside the graph, AutoFreeOnLaunch, and the graph memory figures.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void fill(int *p, int n, int v) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] = v + i; }
__global__ void copy(int *dst, const int *src, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) dst[i] = src[i]; }

static unsigned long long attr(cudaGraphMemAttributeType a) { unsigned long long v = 0; cudaDeviceGetGraphMemAttribute(0, a, &v); return v; }

static bool holds(const int *h, int n, int v) { for (int i = 0; i < n; i++) if (h[i] != v + i) return false; return true; }

int main()
{
    const int n = 256;
    const size_t bytes = n * sizeof(int);
    int *out, host[n];
    cudaMalloc(&out, bytes);
    cudaStream_t s;
    cudaStreamCreate(&s);

    // Captured: allocate, use, free, all inside the graph.
    int *tmp = nullptr;
    cudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal);
    int allocated = (int)cudaMallocAsync((void **)&tmp, bytes, s);
    printf("malloc async %d address %d\n", allocated, tmp != nullptr);
    fill<<<1, n, 0, s>>>(tmp, n, 40);
    copy<<<1, n, 0, s>>>(out, tmp, n);
    printf("free async %d\n", (int)cudaFreeAsync(tmp, s));
    cudaGraph_t g;
    printf("end %d\n", (int)cudaStreamEndCapture(s, &g));
    cudaGraphNode_t nodes[8];
    size_t count = 8;
    cudaGraphGetNodes(g, nodes, &count);
    printf("types");
    for (size_t k = 0; k < count; k++) { cudaGraphNodeType t; cudaGraphNodeGetType(nodes[k], &t); printf(" %d", (int)t); }
    printf("\n");
    cudaMemAllocNodeParams got;
    cudaGraphMemAllocNodeGetParams(nodes[0], &got);
    void *freed = nullptr;
    cudaGraphMemFreeNodeGetParams(nodes[3], &freed);
    printf("alloc params %d %d\n", got.bytesize == bytes && got.dptr == tmp, freed == tmp);
    cudaGraphExec_t exec;
    cudaGraphInstantiate(&exec, g, 0);
    for (int r = 0; r < 2; r++)
    {
        printf("launch %d", (int)cudaGraphLaunch(exec, s));
        cudaStreamSynchronize(s);
        cudaMemcpy(host, out, bytes, cudaMemcpyDeviceToHost);
        printf(" right %d used %llu reserved %d\n", holds(host, n, 40), attr(cudaGraphMemAttrUsedMemCurrent), attr(cudaGraphMemAttrReservedMemCurrent) >= bytes);
    }
    printf("use after the graph freed it %d\n", (int)cudaMemset(tmp, 0, bytes));
    cudaGetLastError();

    // Explicit: the allocation outlives the launch until the program frees it.
    cudaGraph_t g2;
    cudaGraphCreate(&g2, 0);
    cudaMemAllocNodeParams ap = {};
    ap.poolProps.allocType = cudaMemAllocationTypePinned;
    ap.poolProps.location.type = cudaMemLocationTypeDevice;
    ap.poolProps.location.id = 0;
    ap.bytesize = bytes;
    cudaGraphNode_t alloc, kernel;
    allocated = (int)cudaGraphAddMemAllocNode(&alloc, g2, nullptr, 0, &ap);
    printf("alloc node %d address %d\n", allocated, ap.dptr != nullptr);
    int *p = (int *)ap.dptr;
    int v = 7, count2 = n;
    void *args[] = {&p, &count2, &v};
    cudaKernelNodeParams kp = {};
    kp.func = (void *)fill; kp.gridDim = dim3(1); kp.blockDim = dim3(n); kp.kernelParams = args;
    cudaGraphAddKernelNode(&kernel, g2, &alloc, 1, &kp);
    cudaGraphExec_t exec2;
    cudaGraphInstantiate(&exec2, g2, 0);
    printf("launch %d", (int)cudaGraphLaunch(exec2, s));
    cudaStreamSynchronize(s);
    cudaMemcpy(host, p, bytes, cudaMemcpyDeviceToHost);
    printf(" right %d used %llu\n", holds(host, n, 7), attr(cudaGraphMemAttrUsedMemCurrent));
    int freedOutside = (int)cudaFreeAsync(p, s);
    printf("free outside %d used %llu\n", freedOutside, attr(cudaGraphMemAttrUsedMemCurrent));
    printf("double free %d\n", (int)cudaFree(p));
    cudaGetLastError();

    cudaGraphExec_t exec3;
    printf("auto free instantiate %d\n", (int)cudaGraphInstantiateWithFlags(&exec3, g2, cudaGraphInstantiateFlagAutoFreeOnLaunch));
    printf("launches %d %d", (int)cudaGraphLaunch(exec3, s), (int)cudaGraphLaunch(exec3, s));
    cudaStreamSynchronize(s);
    printf(" used %llu high %d\n", attr(cudaGraphMemAttrUsedMemCurrent), attr(cudaGraphMemAttrUsedMemHigh) >= bytes);
    cudaFree(p);

    unsigned long long zero = 0;
    printf("reset high %d", (int)cudaDeviceSetGraphMemAttribute(0, cudaGraphMemAttrUsedMemHigh, &zero));
    printf(" high %llu\n", attr(cudaGraphMemAttrUsedMemHigh));
    cudaGraphExecDestroy(exec); cudaGraphExecDestroy(exec2); cudaGraphExecDestroy(exec3);
    cudaGraphDestroy(g); cudaGraphDestroy(g2);
    int trimmed = (int)cudaDeviceGraphMemTrim(0);
    printf("trim %d reserved after destroy %llu\n", trimmed, attr(cudaGraphMemAttrReservedMemCurrent));
    return 0;
}
