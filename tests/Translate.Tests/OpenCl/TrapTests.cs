using Translate.Tests.Cli;

namespace Translate.Tests.OpenCl;

/// <summary>
/// A trap (<c>__trap()</c>, a failed device <c>assert</c>, a C++ function falling off its end) stops the
/// run on the opencl device as on the interpreter: TR0311 at the trap's CUDA line, exit status 1 —
/// OpenCL cannot stop a kernel, so the trap records itself and the runtime reports it after the launch.
/// </summary>
public sealed class TrapTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [RequiresFact(Need.OpenCl)]
    public void A_trap_in_a_device_function_is_TR0311_at_its_line_as_on_the_interpreter()
    {
        string source = _cli.Write("trap.cu", """
            #include <cstdio>
            __device__ int check(int v) { if (v > 40) __trap(); return v * 2; }
            __global__ void k(int *out) { out[threadIdx.x] = check(threadIdx.x); }
            int main()
            {
                int *d;
                cudaMalloc(&d, 64 * sizeof(int));
                k<<<1, 64>>>(d);
                printf("sync %d\n", (int)cudaDeviceSynchronize());
                return 0;
            }
            """);
        var opencl = CliRunner.Run("run", source, "--device", "opencl");
        Assert.Equal(1, opencl.ExitCode);
        Assert.Contains("trap.cu:2:", opencl.Stderr);
        Assert.Contains("error TR0311", opencl.Stderr);
        Assert.DoesNotContain("sync", opencl.Stdout);
    }
}
