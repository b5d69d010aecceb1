using Translate.Tests.BuildMode;
using Translate.Tests.Cli;

namespace Translate.Tests.Cpu;

/// <summary>
/// An access to unmapped memory by code compiled for the cpu device (unchecked: no --check) is reported as TR0320 with
/// the kernel's name (or "host code") and how to locate the access, and the run goes on as after a GPU's fault: in build
/// mode the launch fails with a sticky cudaErrorIllegalAddress the program sees; a whole-program run stops with the
/// diagnostic, its output kept. Each program runs in a process of its own, as a fault it could not unwind from would end it.
/// </summary>
public class CompiledCodeFaultTests : CpuTestBase
{
    private const string WildKernel = """
        #include <cstdio>
        #include <cstdlib>
        #include <cuda_runtime.h>
        __global__ void scatter(int *p, long offset) { p[offset + threadIdx.x] = 1; }
        int main(int argc, char **argv)
        {
            int *d;
            cudaMalloc(&d, 64 * sizeof(int));
            scatter<<<1, 32>>>(d, atol(argv[1]));
            printf("sync %d\n", (int)cudaDeviceSynchronize());
            printf("malloc after %d\n", (int)cudaMalloc(&d, 4));
            return 0;
        }
        """;

    [RequiresTheory(Need.BuildMode)]
    [InlineData("4294967296", "accessed memory at 0x")] // 16 GiB past the allocation: unmapped
    [InlineData("35184372088832", "accessed an address that is not valid on this machine")] // 128 TiB past: non-canonical, no address given
    public void A_kernel_writing_far_past_its_allocation_in_build_mode_is_named_and_is_a_sticky_cudaErrorIllegalAddress(string offset, string what)
    {
        using var dir = new CliRunner();
        string source = dir.Write("wild.cu", WildKernel);
        string exe = Path.Combine(dir.Directory, "wild");
        Assert.Equal(0, CliRunner.Run("build", source, "-o", exe).ExitCode);
        var run = Executable.Run(exe, dir.Directory, null, offset);
        Assert.Equal((0, "sync 700\nmalloc after 700\n"), (run.ExitCode, run.Stdout));
        Assert.Contains("error TR0320: kernel 'scatter' " + what, run.Stderr);
        Assert.Contains("--check", run.Stderr);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_kernel_within_its_allocation_prints_nothing_of_the_kind()
    {
        using var dir = new CliRunner();
        string source = dir.Write("tame.cu", WildKernel);
        string exe = Path.Combine(dir.Directory, "tame");
        Assert.Equal(0, CliRunner.Run("build", source, "-o", exe).ExitCode);
        var run = Executable.Run(exe, dir.Directory, null, "0");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("sync 0\nmalloc after 0\n", run.Stdout);
        Assert.DoesNotContain("TR0320", run.Stderr);
    }

    [RequiresFact(Need.Dotnet, Need.Cpu)]
    public void Host_code_compiled_for_cpu_dereferencing_a_bad_pointer_stops_the_run_with_its_output_kept()
    {
        using var dir = new CliRunner();
        string source = dir.Write("host.cu", """
            #include <cstdio>
            int main(int argc, char **argv)
            {
                printf("first line\n");
                int *p = (int *)(long)(argc * 64);
                p[3] = 7;
                printf("%d\n", p[3]);
                return 0;
            }
            """);
        var run = ScriptTests.RunScript(dir.Directory, "run", source, "--device", "cpu");
        Assert.Equal((1, "first line\n"), (run.ExitCode, run.Stdout));
        Assert.Contains("error TR0320: the program's host code, compiled for the cpu device, accessed memory at 0x4c", run.Stderr);
        Assert.Contains("--device interp", run.Stderr);
    }

    [RequiresFact(Need.Cpu)]
    public void Once_the_reporter_is_installed_a_null_dereference_in_managed_code_is_still_a_NullReferenceException()
    {
        // A kernel launch installs the handler in this process; faults outside compiled code go on to .NET's own.
        AssertPrints("3\n", """
            (c-lisp
              (define-kernel ((three void) (p (ptr int))) (store p 3))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) 4 1)
                (launch three (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) d)
                (call cudaDeviceSynchronize)
                (call printf (string "%d\n") (load d))
                (ret 0)))
            """);
        int[]? nothing = Environment.TickCount == int.MinValue ? [1] : null;
        Assert.Throws<NullReferenceException>(() => nothing![0]);
    }
}
