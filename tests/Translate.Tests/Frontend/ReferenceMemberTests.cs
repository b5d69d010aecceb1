using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// A class holding a reference member (CUB's <c>BlockLoad</c> keeps <c>TempStorage &amp;temp_storage</c> to its shared
/// memory; held-out HeCBench quantBnB) was TR0406 "reference member is not translated": the member is the address of what
/// it refers to, bound by a constructor's member initializer or a brace list, read and written through by every use,
/// copied with its object (the copy refers to the same variable). CUB reaches that storage through
/// <c>reinterpret_cast&lt;T&amp;&gt;(*this)</c> of a word array (<c>Uninitialized&lt;T&gt;::Alias()</c>), which was TR0404
/// ("conversion from 'Uninitialized&lt;…&gt;' to '…'"): a cast to a reference between unrelated classes names the same bytes.
/// </summary>
public sealed class ReferenceMemberTests : FrontendTestBase
{
    private const string Program = """
        #include <cstdio>
        template <int THREADS>
        struct BlockSum {
            struct TempStorage { float partial[THREADS]; };
            TempStorage &temp;
            int tid;
            __device__ BlockSum(TempStorage &t) : temp(t), tid(threadIdx.x) {}
            __device__ float Sum(float v) {
                temp.partial[tid] = v;
                __syncthreads();
                float s = 0.0f;
                for (int i = 0; i < THREADS; i++) s += temp.partial[i];
                __syncthreads();
                return s;
            }
        };
        struct Counter {
            int &count;
            const float &scale;
            __host__ __device__ Counter(int &c, const float &s) : count(c), scale(s) {}
            __host__ __device__ void add(int n) { count += n; }
            __host__ __device__ float scaled() const { return count * scale; }
        };
        struct Pair { int &r; int k; };
        struct Two { float a, b; };
        template <typename T> struct Uninitialized {
            unsigned storage[sizeof(T) / sizeof(unsigned)];
            __host__ __device__ T &Alias() { return reinterpret_cast<T &>(*this); }
        };
        __device__ float aliased(float x) {
            Uninitialized<Two> u;
            u.Alias().a = x;
            u.Alias().b = 2.5f;
            ((Two &)u).a += 1.0f;                      // a C-style cast to a reference: the same bytes
            return u.Alias().a + u.Alias().b + (u.storage[1] == 0x40200000u ? 100.0f : 0.0f);  // 2.5f's bits
        }
        __global__ void k(float *out) {
            __shared__ BlockSum<64>::TempStorage storage;
            float s = BlockSum<64>(storage).Sum((float)threadIdx.x);   // 0 + 1 + ... + 63 = 2016
            int n = 1;
            float f = 0.5f;
            Counter c(n, f);
            c.add(threadIdx.x);
            Counter copy = c;   // refers to the same n and f
            copy.add(2);
            f = 2.0f;           // seen through both
            Pair p{n, 3};
            p.r += p.k;
            out[threadIdx.x] = s + c.scaled() * 1000.0f + (float)n * 100000.0f;
            if (threadIdx.x == 0) out[64] = aliased(0.5f);
        }
        int main() {
            float *d, h[65];
            cudaMalloc((void **)&d, sizeof h);
            k<<<1, 64>>>(d);   // 64 threads; thread 0 also writes h[64]
            cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            int n = 5; float f = 3.0f;
            Counter c(n, f);
            c.add(4);
            Pair p = {n, 10};
            p.r -= p.k;
            printf("%g %g %g %d %g %g\n", h[0], h[1], h[63], n, c.scaled(), h[64]);
            return 0;
        }
        """;

    // Thread t: n = 1 + t + 2 + 3 (through c, its copy and p); scaled = n * 2; out = 2016 + 1000 * scaled + 100000 * n.
    // Host: n = 5 + 4 - 10 = -1, scaled = -3. aliased(0.5) = 1.5 + 2.5 + 100.
    private const string Expected = "614016 716016 7.04002e+06 -1 -3 104\n";

    [Fact]
    public void Runs_on_the_interpreter() => Assert.Equal(Expected, LiftAndRun(Program, "interp"));

    [RequiresFact(Need.Cpu)]
    public void Runs_on_cpu() => Assert.Equal(Expected, LiftAndRun(Program, "cpu"));

    /// <summary>OpenCL 1.2 C has no generic address space: a reference member bound to shared memory or to a thread's own
    /// variable is a struct field declared with that space, every store into it agreeing (it was TR0502).</summary>
    [RequiresFact(Need.OpenCl)]
    public void Runs_on_opencl() => Assert.Equal(Expected, LiftAndRun(Program, "opencl"));
}
