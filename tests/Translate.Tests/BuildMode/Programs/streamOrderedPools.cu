// The stream-ordered allocator: the default pool and a created one, release threshold, reuse,
// trimming, the used/reserved figures, access, and freed memory no longer usable.
#include <cstdio>
#include <cstdint>
#include <cuda_runtime.h>

__global__ void fill(int *p, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] = 3 * i; }

static unsigned long long get(cudaMemPool_t pool, cudaMemPoolAttr a) { unsigned long long v = 0; cudaMemPoolGetAttribute(pool, a, &v); return v; }

int main()
{
    const int n = 1 << 16;
    const size_t bytes = n * sizeof(int);
    cudaStream_t s;
    cudaStreamCreate(&s);
    int supported = 0;
    cudaDeviceGetAttribute(&supported, cudaDevAttrMemoryPoolsSupported, 0);
    cudaMemPool_t def = nullptr, cur = nullptr;
    printf("supported %d default %d", supported, (int)cudaDeviceGetDefaultMemPool(&def, 0));
    cudaDeviceGetMemPool(&cur, 0);
    printf(" current is default %d\n", def != nullptr && cur == def);

    uint64_t keep = UINT64_MAX;
    printf("threshold %d\n", (int)cudaMemPoolSetAttribute(def, cudaMemPoolAttrReleaseThreshold, &keep));
    int *p = nullptr, *host = new int[n];
    printf("malloc async %d\n", (int)cudaMallocAsync(&p, bytes, s));
    fill<<<n / 256, 256, 0, s>>>(p, n);
    cudaMemcpyAsync(host, p, bytes, cudaMemcpyDeviceToHost, s);
    printf("used while live %llu\n", get(def, cudaMemPoolAttrUsedMemCurrent));
    cudaFreeAsync(p, s);
    cudaStreamSynchronize(s);
    bool right = true;
    for (int i = 0; i < n; i++) right = right && host[i] == 3 * i;
    printf("right %d used %llu reserved %llu used high %llu\n", right, get(def, cudaMemPoolAttrUsedMemCurrent),
           get(def, cudaMemPoolAttrReservedMemCurrent), get(def, cudaMemPoolAttrUsedMemHigh));
    printf("freed memory refused %d\n", (int)cudaMemsetAsync(p, 0, 16, s));
    cudaGetLastError();
    int *q = nullptr;
    cudaMallocAsync(&q, bytes, s);
    printf("reused %d\n", q == p);
    cudaFreeAsync(q, s);
    int trimmed = (int)cudaMemPoolTrimTo(def, 0);
    printf("trim %d reserved %llu\n", trimmed, get(def, cudaMemPoolAttrReservedMemCurrent));

    uint64_t none = 0;
    cudaMemPoolSetAttribute(def, cudaMemPoolAttrReleaseThreshold, &none);
    cudaMallocAsync(&p, bytes, s);
    cudaFreeAsync(p, s);
    printf("reserved before sync %llu", get(def, cudaMemPoolAttrReservedMemCurrent));
    cudaStreamSynchronize(s);
    printf(" after %llu\n", get(def, cudaMemPoolAttrReservedMemCurrent));
    printf("set current figure %d\n", (int)cudaMemPoolSetAttribute(def, cudaMemPoolAttrReservedMemCurrent, &none));
    cudaGetLastError();

    cudaMemPoolProps props = {};
    props.allocType = cudaMemAllocationTypePinned;
    props.location.type = cudaMemLocationTypeDevice;
    props.location.id = 0;
    cudaMemPool_t pool;
    printf("create %d\n", (int)cudaMemPoolCreate(&pool, &props));
    int *r = nullptr, *t = nullptr;
    printf("from pool %d", (int)cudaMallocFromPoolAsync((void **)&r, 4096, pool, s));
    printf(" pool used %llu default used %llu\n", get(pool, cudaMemPoolAttrUsedMemCurrent), get(def, cudaMemPoolAttrUsedMemCurrent));
    printf("set device pool %d", (int)cudaDeviceSetMemPool(0, pool));
    cudaDeviceGetMemPool(&cur, 0);
    cudaMallocAsync(&t, 100, s);
    printf(" current %d pool used %llu\n", cur == pool, get(pool, cudaMemPoolAttrUsedMemCurrent));
    cudaMemLocation here = {cudaMemLocationTypeDevice, 0};
    cudaMemAccessFlags flags = cudaMemAccessFlagsProtNone;
    cudaMemPoolGetAccess(&flags, pool, &here);
    cudaMemAccessDesc readOnly = {here, cudaMemAccessFlagsProtRead};
    printf("access %d own device read-only %d\n", (int)flags, (int)cudaMemPoolSetAccess(pool, &readOnly, 1));
    cudaGetLastError();
    cudaFreeAsync(r, s); cudaFreeAsync(t, s);
    cudaStreamSynchronize(s);
    printf("destroy %d default %d\n", (int)cudaMemPoolDestroy(pool), (int)cudaMemPoolDestroy(def));
    cudaGetLastError();
    cudaDeviceGetMemPool(&cur, 0);
    printf("back to default %d\n", cur == def);
    return 0;
}
