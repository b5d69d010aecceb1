// Pointers to data members (int P::*) were refused (TR0405). They are the member's byte offset, -1 for null (as the
// Itanium C++ ABI has them): read and written through .* and ->*, compound assignment through them, null tests and
// comparisons, one passed from the host as a kernel argument, a member of a local object and of a nested struct.
#include <cstdio>

struct Particle { float x; float y; int id; double mass; };
struct Pair { Particle a; Particle b; };

__device__ float sumField(const Particle *ps, int n, float Particle::*field)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += ps[i].*field;
    return s;
}

__global__ void members(Particle *ps, int n, float Particle::*which, int *out, float *sums)
{
    int t = threadIdx.x;
    if (t < n)
    {
        Particle &p = ps[t];
        p.*which += 1.0f;
        Particle *q = &ps[t];
        q->*which *= 2.0f;
    }
    __syncthreads();
    if (t == 0)
    {
        sums[0] = sumField(ps, n, &Particle::x);
        sums[1] = sumField(ps, n, &Particle::y);
        float Particle::*none = nullptr;
        int Particle::*idp = &Particle::id;
        out[0] = none ? 1 : 0;
        out[1] = idp ? 1 : 0;
        out[2] = (none == nullptr) + 2 * (idp != nullptr) + 4 * (&Particle::x == &Particle::x) + 8 * (&Particle::x != which);
        Particle local = ps[1];
        local.*idp = 42;
        out[3] = local.id;
        double Particle::*mp = &Particle::mass;
        out[4] = (int)(ps[2].*mp);
        Pair pair;
        pair.b = ps[3];
        Particle Pair::*second = &Pair::b;
        out[5] = (pair.*second).id;
        out[6] = (int)((pair.*second).*which);
    }
}

int main()
{
    const int n = 8;
    Particle host[n];
    for (int i = 0; i < n; i++) { host[i].x = (float)i; host[i].y = 10.0f * i; host[i].id = i; host[i].mass = 0.5 * i; }
    Particle *ps;
    int *out;
    float *sums;
    cudaMalloc(&ps, sizeof host);
    cudaMalloc(&out, 7 * sizeof(int));
    cudaMalloc(&sums, 2 * sizeof(float));
    cudaMemcpy(ps, host, sizeof host, cudaMemcpyHostToDevice);
    members<<<1, 32>>>(ps, n, &Particle::y, out, sums);
    int got[7];
    float gotSums[2];
    Particle after[n];
    cudaMemcpy(got, out, sizeof got, cudaMemcpyDeviceToHost);
    cudaMemcpy(gotSums, sums, sizeof gotSums, cudaMemcpyDeviceToHost);
    cudaMemcpy(after, ps, sizeof after, cudaMemcpyDeviceToHost);

    int errors = 0;
    float Particle::*y = &Particle::y;
    float expectedSums[2] = {0.0f, 0.0f};
    for (int i = 0; i < n; i++)
    {
        float expectedY = (10.0f * i + 1.0f) * 2.0f;
        if (after[i].*y != expectedY || after[i].x != (float)i) { printf("particle %d: x %f y %f\n", i, after[i].x, after[i].y); errors++; }
        expectedSums[0] += (float)i;
        expectedSums[1] += expectedY;
    }
    int expected[7] = {0, 1, 15, 42, 1, 3, 62};
    for (int k = 0; k < 7; k++)
        if (got[k] != expected[k]) { printf("out[%d] = %d, expected %d\n", k, got[k], expected[k]); errors++; }
    for (int k = 0; k < 2; k++)
        if (gotSums[k] != expectedSums[k]) { printf("sums[%d] = %f, expected %f\n", k, gotSums[k], expectedSums[k]); errors++; }
    printf("%s\n", errors ? "FAILED" : "PASSED");
    return errors ? 1 : 0;
}
