// Structs and device functions: particles (a struct with a float3 and a float4) advanced by a kernel
// that calls helpers taking structs by value, by pointer and by reference.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

struct Particle {
    float3 position;
    float3 velocity;
    float mass;
    int id;
};

struct Bounds {
    float lo, hi;
};

__host__ __device__ float3 add(float3 a, float3 b) { return make_float3(a.x + b.x, a.y + b.y, a.z + b.z); }
__host__ __device__ float3 scale(float3 a, float s) { return make_float3(a.x * s, a.y * s, a.z * s); }
__host__ __device__ float dot(const float3 &a, const float3 &b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

__device__ void bounce(Particle *p, Bounds b)
{
    if (p->position.y < b.lo) { p->position.y = b.lo; p->velocity.y = -p->velocity.y; }
    if (p->position.y > b.hi) { p->position.y = b.hi; p->velocity.y = -p->velocity.y; }
}

__host__ __device__ Particle step(Particle p, float dt)
{
    float3 gravity = make_float3(0.0f, -9.8f, 0.0f);
    p.velocity = add(p.velocity, scale(gravity, dt));
    p.position = add(p.position, scale(p.velocity, dt));
    return p;
}

__global__ void advance(Particle *particles, int n, float dt, Bounds bounds, float *energy)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    Particle p = particles[i];
    for (int s = 0; s < 4; ++s) {
        p = step(p, dt);
        bounce(&p, bounds);
    }
    particles[i] = p;
    energy[i] = 0.5f * p.mass * dot(p.velocity, p.velocity);
}

int main()
{
    const int n = 500;
    const float dt = 0.01f;
    Bounds bounds = {0.0f, 10.0f};
    Particle *h = (Particle *)malloc(n * sizeof(Particle));
    Particle *ref = (Particle *)malloc(n * sizeof(Particle));
    float *energy = (float *)malloc(n * sizeof(float));
    for (int i = 0; i < n; ++i) {
        h[i].position = make_float3(i * 0.1f, (float)(i % 11), 0.0f);
        h[i].velocity = make_float3(1.0f, (float)(i % 7) - 3.0f, 0.5f);
        h[i].mass = 1.0f + (i % 3);
        h[i].id = i;
        ref[i] = h[i];
    }
    Particle *dp;
    float *de;
    cudaMalloc(&dp, n * sizeof(Particle));
    cudaMalloc(&de, n * sizeof(float));
    cudaMemcpy(dp, h, n * sizeof(Particle), cudaMemcpyHostToDevice);
    advance<<<(n + 127) / 128, 128>>>(dp, n, dt, bounds, de);
    cudaMemcpy(h, dp, n * sizeof(Particle), cudaMemcpyDeviceToHost);
    cudaMemcpy(energy, de, n * sizeof(float), cudaMemcpyDeviceToHost);

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        Particle p = ref[i];
        for (int s = 0; s < 4; ++s) {
            p = step(p, dt);
            if (p.position.y < bounds.lo) { p.position.y = bounds.lo; p.velocity.y = -p.velocity.y; }
            if (p.position.y > bounds.hi) { p.position.y = bounds.hi; p.velocity.y = -p.velocity.y; }
        }
        float e = 0.5f * p.mass * dot(p.velocity, p.velocity);
        if (h[i].id != i || fabsf(h[i].position.y - p.position.y) > 1e-4f || fabsf(energy[i] - e) > 1e-3f) {
            if (errors < 5) printf("particle %d: y %f (expected %f), energy %f (expected %f)\n", i, h[i].position.y, p.position.y, energy[i], e);
            ++errors;
        }
    }
    cudaFree(dp); cudaFree(de);
    free(h); free(ref); free(energy);
    if (errors) { printf("Test FAILED\n"); return 1; }
    printf("Test PASSED\n");
    return 0;
}
