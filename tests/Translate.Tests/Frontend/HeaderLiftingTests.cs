using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Ir.Printing;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>
/// What our CUDA headers declare lifts exactly: cooperative groups, __half, math constants, and the
/// C++ the headers are written in (constructors with bodies, conversion operators, functor temporaries).
/// </summary>
public class HeaderLiftingTests : FrontendTestBase
{
    private static string Run(string cuda)
    {
        var result = Lift(cuda);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find("interp")!.Run(result.Checked!, new RunOptions([], stdout, new StringWriter()));
        Assert.Equal(0, status);
        return stdout.ToString();
    }

    private const string OneKernelMain = """
        int main() {
            int *d; int h[4];
            cudaMalloc(&d, sizeof(h));
            k<<<1, 64>>>(d);
            cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
            printf("%d %d %d %d\n", h[0], h[1], h[2], h[3]);
            return 0;
        }
        """;

    [Theory]
    [InlineData("g.sync();")]
    [InlineData("cg::sync(g);")]
    [InlineData("cg::this_grid().sync();")]
    public void Grid_sync_in_each_spelling_lifts_to_the_grid_barrier(string call)
    {
        var r = Lift("#include <cooperative_groups.h>\nnamespace cg = cooperative_groups;\n"
                     + "__global__ void k(int *p) {\n  cg::grid_group g = cg::this_grid();\n  p[g.thread_rank()] = g.is_valid();\n  "
                     + call + "\n}\nint main() { return 0; }\n");
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        var kernel = IrPrinter.Print(r.Checked!.Module);
        Assert.Contains("(grid-sync)", kernel);
    }

    [Fact]
    public void Tiles_of_eight_reduce_within_their_own_lanes()
    {
        // Lane values 0..63: each 8-thread tile sums its own eight, broadcasting to all of them.
        var output = Run("""
            #include <cstdio>
            #include <cooperative_groups.h>
            #include <cooperative_groups/reduce.h>
            namespace cg = cooperative_groups;
            __global__ void k(int *out) {
                cg::thread_block b = cg::this_thread_block();
                auto t = cg::tiled_partition<8>(b);
                int s = cg::reduce(t, (int)b.thread_rank(), cg::plus<int>());
                int hi = cg::reduce(t, (int)b.thread_rank(), cg::greater<int>());
                if (b.thread_rank() == 63) { out[0] = s; out[1] = hi; out[2] = t.meta_group_rank(); out[3] = t.size(); }
            }
            """ + OneKernelMain);
        Assert.Equal("476 63 7 8\n", output); // 56 + … + 63
    }

    [Fact]
    public void Half_constructors_conversions_and_operators_round_to_nearest_even()
    {
        // 1 + 2^-11 lies halfway between 1 and the next half: it rounds to the even 1.
        // 2049 and 2051 are not halves (11 bits): they round to 2048 and 2052.
        var output = Run("""
            #include <cstdio>
            #include <cuda_fp16.h>
            #include <math_constants.h>
            __global__ void k(int *out) {
                __half a = 1.00048828125f;
                __half b(2049);
                __half c = __float2half(2051.0f);
                float f = c;
                out[0] = __half_as_ushort(a);
                out[1] = (int)(float)b;
                out[2] = (int)f;
                out[3] = __half_as_ushort(__float2half(CUDART_INF_F)) + (a < b) + (__hisnan(__float2half(CUDART_NAN_F)) << 16);
            }
            """ + OneKernelMain);
        Assert.Equal($"{0x3c00} 2048 2052 {0x7c00 + 1 + (1 << 16)}\n", output);
    }

    [Fact]
    public void Constructor_with_member_initializers_is_lifted()
    {
        // Run on every device with other constructor forms in DeviceCxxTests.
        var r = Lift("struct P { int v; __device__ P(int x) : v(x) {} };\n__global__ void k(int *p) {\n  P q(*p);\n  *p = q.v;\n}\nint main() { return 0; }\n");
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
    }
}
