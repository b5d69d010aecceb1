using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// A brace list of values computed at run time becomes a <c>std::initializer_list</c> in device code
/// (<c>std::min({a, b, c})</c> was TR0404, "a brace initializer of type 'const int[3]'"): its elements in a hidden array,
/// the list that array's address and length, read by the standard library's own code and by range-for.
/// </summary>
public sealed class InitializerListTests : FrontendTestBase
{
    private const string Program = """
        #include <cstdio>
        #include <algorithm>
        #include <initializer_list>
        __host__ __device__ int weigh(std::initializer_list<int> l) {
            int s = 0;
            for (int v : l) s += v;
            return s + (int)l.size() * 100;
        }
        __global__ void k(int *o, float *f, int x, int y, int z) {
            o[0] = std::min({x, y, z});
            o[1] = std::max({x, y, z, x + y});
            f[0] = std::max({1.5f, f[1], -2.0f});
            o[2] = weigh({x, y, z});
            int acc = 0;
            for (int i = 0; i < 3; i++) acc += std::min({x + i, y - i, z * i});   // a list per round
            o[3] = acc;
        }
        int main() {
            int *d, h[4];
            float *df, hf[2] = {0, 7.25f};
            cudaMalloc((void **)&d, sizeof h);
            cudaMalloc((void **)&df, sizeof hf);
            cudaMemcpy(df, hf, sizeof hf, cudaMemcpyHostToDevice);
            k<<<1, 1>>>(d, df, 3, 1, 2);
            cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            cudaMemcpy(hf, df, sizeof hf, cudaMemcpyDeviceToHost);
            printf("%d %d %d %d %g %d %d\n", h[0], h[1], h[2], h[3], hf[0], std::min({5, 2, 9}), weigh({1, 2}));
            return 0;
        }
        """;

    // min(3,1,2) = 1; max(3,1,2,4) = 4; max(1.5, 7.25, -2) = 7.25; 6 + 300; min(3,1,0) + min(4,0,2) + min(5,-1,4) = -1.
    private const string Expected = "1 4 306 -1 7.25 2 203\n";

    [Fact]
    public void Runs_on_the_interpreter() => Assert.Equal(Expected, LiftAndRun(Program, "interp"));

    [RequiresFact(Need.Cpu)]
    public void Runs_on_cpu() => Assert.Equal(Expected, LiftAndRun(Program, "cpu"));

    /// <summary>On OpenCL C the list's array is the thread's own, so the initializer_list's pointer member is declared
    /// <c>__private</c> (it was refused: a struct's pointer members were all global).</summary>
    [RequiresFact(Need.OpenCl)]
    public void Runs_on_opencl() => Assert.Equal(Expected, LiftAndRun(Program, "opencl"));
}
