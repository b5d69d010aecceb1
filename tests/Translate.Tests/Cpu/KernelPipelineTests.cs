using System.Diagnostics;
using System.Text.RegularExpressions;
using Translate.Backends.Cpu;
using Translate.Backends.Cpu.Abi;

namespace Translate.Tests.Cpu;

/// <summary>
/// Kernel modules are optimized by LLVM's O2 pipeline with inductive range-check elimination added, so the usual
/// <c>if (i &lt; n)</c> guard does not turn every vector load into a masked one (half the speed on memory that is
/// not in the cache).
/// </summary>
public sealed class KernelPipelineTests : CpuTestBase
{
    public const string Opt = "/usr/lib/llvm-19/bin/opt";

    private const string Triad = """
        (c-lisp
          (define-kernel ((triad void) (a (ptr float)) (b (ptr float)) (c (ptr float)) (s float) (n int))
            (declare i int)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (if (lt i n) (store (ptradd a i) (fadd (load (ptradd b i)) (fmul s (load (ptradd c i))))))))
        """;

    [RequiresFact(Need.Cpu)]
    public void A_guarded_one_dimensional_kernel_loads_its_vectors_unmasked()
    {
        var text = CpuCompiler.EmitLlvmText(Check(Triad), shape: new BlockShape(256, 1, 1));
        Assert.Matches(new Regex(@"load <\d+ x float>"), text);
        Assert.DoesNotContain("llvm.masked.load", text);
    }

    [Fact]
    public void Only_kernels_compiled_for_one_dimensional_blocks_get_range_check_elimination()
    {
        Assert.Equal(KernelPipeline.OneDimensional, KernelPipeline.For(new BlockShape(256, 1, 1)));
        Assert.Equal(DefaultO2Pipeline.Text, KernelPipeline.For(new BlockShape(32, 8, 1)));
        Assert.Equal(DefaultO2Pipeline.Text, KernelPipeline.For(null));
    }

    [Fact]
    public void Range_check_elimination_runs_after_the_first_loop_invariant_code_motion_and_before_indvars()
    {
        var pipeline = KernelPipeline.OneDimensional;
        int licm = pipeline.IndexOf("licm", StringComparison.Ordinal);
        int irce = pipeline.IndexOf(",irce,", StringComparison.Ordinal);
        int indvars = pipeline.IndexOf("indvars", StringComparison.Ordinal);
        Assert.True(licm >= 0 && licm < irce && irce < indvars, pipeline);
        Assert.Equal(DefaultO2Pipeline.Text, pipeline.Remove(irce, ",irce".Length));
    }

    [RequiresFact(Need.LlvmOpt)]
    public void The_committed_O2_pipeline_is_what_this_machines_LLVM_prints()
    {
        var start = new ProcessStartInfo(Opt, ["-mtriple=x86_64-pc-linux-gnu", "-passes=default<O2>", "-print-pipeline-passes", "-disable-output", "-"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var opt = Process.Start(start)!;
        opt.StandardInput.Write("target triple = \"x86_64-pc-linux-gnu\"\n");
        opt.StandardInput.Close();
        string printed = opt.StandardOutput.ReadToEnd().Trim();
        opt.WaitForExit();
        Assert.True(opt.ExitCode == 0, opt.StandardError.ReadToEnd());
        Assert.True(printed == DefaultO2Pipeline.Text, $"this LLVM's O2 pipeline is not the one committed from LLVM {DefaultO2Pipeline.LlvmVersion}: run scripts/generate-kernel-pipeline.sh");
    }
}
