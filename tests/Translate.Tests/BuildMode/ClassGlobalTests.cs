using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// <c>__constant__</c>/<c>__device__</c> globals of class type without initializer start as zero storage (what static
/// storage is) or as what their constexpr default constructor sets, and take cudaMemcpyToSymbol — in build mode, on
/// cpu and opencl, as in the lifted path.
/// </summary>
public class ClassGlobalTests
{
    private const string Program = """
        #include <cstdio>
        #include <vector>
        struct Range { int lo, hi; };
        __constant__ Range c_range;
        struct Acc { float sum; int n; __host__ __device__ constexpr Acc() : sum(1.5f), n(2) {} };
        __device__ Acc acc;
        struct Pt { int x; int y; constexpr Pt() : x(3), y(0) {} };
        __device__ Pt pts[3];
        __device__ Range plain[4];
        __global__ void read(int *out) {
            out[0] = c_range.lo; out[1] = c_range.hi;
            out[2] = (int)(acc.sum * 2); out[3] = acc.n;
            out[4] = pts[2].x; out[5] = pts[2].y; out[6] = plain[3].hi;
        }
        int main() {
            Range h = {5, 9};
            cudaMemcpyToSymbol(c_range, &h, sizeof h);
            int *d;
            cudaMalloc(&d, 7 * sizeof(int));
            read<<<1, 1>>>(d);
            std::vector<int> r(7);
            cudaMemcpy(r.data(), d, 7 * sizeof(int), cudaMemcpyDeviceToHost);
            for (int v : r) printf("%d ", v);
            printf("\n");
            return 0;
        }
        """;

    [RequiresFact(Need.BuildMode)]
    public void Class_typed_device_globals_without_initializer_work_in_build_mode_on_cpu_and_opencl()
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "globals");
        var build = CliRunner.Run("build", dir.Write("globals.cu", Program), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        foreach (var device in Requirements.BuildModeDeviceNames)
        {
            var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
            Assert.True(run.ExitCode == 0, $"{device}: {run.Stderr}");
            Assert.Equal("5 9 3 2 3 0 0 \n", run.Stdout);
        }
    }

    [Fact]
    public void A_class_global_constructed_with_arguments_is_refused_with_its_reason()
    {
        using var dir = new CliRunner();
        string source = dir.Write("ctor.cu", """
            struct P { int v; constexpr P(int x) : v(x) {} };
            __device__ P p(4);
            __global__ void k(int *o) { o[0] = p.v; }
            """);
        var r = CliRunner.Run("lift", source);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("TR0406", r.Stderr);
        Assert.Contains("constructed with arguments", r.Stderr);
    }
}
