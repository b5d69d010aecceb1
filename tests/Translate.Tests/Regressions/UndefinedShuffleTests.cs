using Translate.Tests.Cli;

namespace Translate.Tests.Regressions;

/// <summary>
/// A shuffle whose source lane does not take part is undefined in CUDA, and no value a device could give
/// is the right one: NVIDIA's reduction sample, built for compute capability 7.0, ends with a 2-thread
/// block whose lanes shuffle down by 16, past the end of the block. Every device stops with TR0308
/// instead of printing a sum (docs/ir/warps.md); opencl may instead refuse a shuffle under a
/// thread-dependent condition (TR0503).
/// </summary>
public sealed class UndefinedShuffleTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var device in new[] { "interp", "cpu", "opencl" }.Where(d => Requirements.DeviceMissing(d) is null))
        {
            // Lanes 2..31 do not exist in a block of 2 threads.
            data.Add(device, "k<<<1, 2>>>(o, 0xffffffffu);");
            // Lanes 8..31 exist but are not in the mask.
            data.Add(device, "k<<<1, 32>>>(o, 0xffu);");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_shuffle_that_reads_a_lane_not_taking_part_is_TR0308(string device, string launch)
    {
        var program = _cli.Write("shuffle.cu", $$"""
            #include <cstdio>
            __global__ void k(int *o, unsigned int mask) {
              int v = threadIdx.x + 1;
              if (threadIdx.x < 8 || mask == 0xffffffffu)
                for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(mask, v, offset);
              if (threadIdx.x == 0) *o = v;
            }
            int main() {
              int *o; cudaMalloc(&o, 4);
              {{launch}}
              int r = 0; cudaMemcpy(&r, o, 4, cudaMemcpyDeviceToHost);
              printf("%d\n", r);
              return 0;
            }
            """);
        var run = CliRunner.Run("run", program, "--device", device);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(device == "opencl" ? "error TR0(308|503)" : "error TR0308", run.Stderr);
    }
}
