using Translate.Tests.Cli;

namespace Translate.Tests.Gpu;

/// <summary>
/// Constructs LLVM 19's NVPTX backend cannot select, where it would stop the whole process (a batch with
/// it): fences become membar at their scope, and an empty struct parameter (a functor without members)
/// a placeholder byte.
/// </summary>
public sealed class NvptxLlvmLimitsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [RequiresFact(Need.GpuBackends)]
    public void Thread_fences_become_membar_at_their_scope()
    {
        var r = CliRunner.Run("compile", _cli.Write("fence.cu", """
            __global__ void k(int *p) {
                p[0] = 1; __threadfence_block();
                p[1] = 2; __threadfence();
                p[2] = 3; __threadfence_system();
            }
            """), "--target", "ptx");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("membar.cta;", r.Stdout);
        Assert.Contains("membar.gl;", r.Stdout);
        Assert.Contains("membar.sys;", r.Stdout);
    }

    [RequiresFact(Need.GpuBackends)]
    public void An_empty_struct_parameter_is_one_placeholder_byte()
    {
        var r = CliRunner.Run("compile", _cli.Write("functor.cu", """
            struct Twice { __device__ float operator()(float x) const { return 2 * x; } };
            template <typename F> __global__ void apply(F f, float *x) { x[threadIdx.x] = f(x[threadIdx.x]); }
            void run(float *x) { apply<<<1, 32>>>(Twice{}, x); }
            """), "--target", "ptx");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Matches(@"\.entry apply_Twice\(\s*\.param \.u8 apply_Twice_param_0,\s*\.param \.u64 apply_Twice_param_1", r.Stdout);
    }
}
