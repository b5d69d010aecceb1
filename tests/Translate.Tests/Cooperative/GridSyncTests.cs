using Translate.Backends.OpenCl;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;
using Translate.Tests.Cli;
using Translate.Tests.BuildMode;
using Translate.Tests.Cpu;
using Translate.Runtime.Devices;

namespace Translate.Tests.Cooperative;

/// <summary>
/// (grid-sync) and launch-cooperative (docs/ir/barriers.md): they read and print back, are device- and
/// host-only; in a cooperative launch every block passes the grid barrier together on interp, cpu and opencl
/// (same output; opencl runs the kernel as one kernel per stretch between grid barriers); a grid barrier that
/// could never complete is TR0317 instead of a hang; OpenCL refuses the grid barriers it cannot split at.
/// </summary>
public class GridSyncTests : CpuTestBase
{
    /// <summary>Each block sums its 64 values, grid barrier, block 0 adds the partial sums.</summary>
    private static string Reduction(string launch, int blocks = 4, string beforeGridSync = "") => $$"""
        (c-lisp
          (define-kernel ((reduce void) (x (ptr int)) (partial (ptr int)) (out (ptr int)))
            (define-shared s (arr 64 int))
            (declare k int)
            (declare i int)
            (declare acc int)
            (store (aptradd s [tid.x]) (load (ptradd x (add (mul [bid.x] [bdim.x]) [tid.x]))))
            [__syncthreads]
            (for ((set k (ashr [bdim.x] 1)) (gt k 0) (set k (ashr k 1)))
              (if (lt [tid.x] k)
                (store (aptradd s [tid.x]) (add (load (aptradd s [tid.x])) (load (aptradd s (add [tid.x] k))))))
              [__syncthreads])
            (if (eq [tid.x] 0) (store (ptradd partial [bid.x]) (load (aptradd s 0))))
            {{beforeGridSync}}
            (grid-sync)
            (if (land (eq [bid.x] 0) (eq [tid.x] 0))
              ((set acc 0)
               (for ((set i 0) (lt i [gdim.x]) (set i (add i 1)))
                 (set acc (add acc (load (ptradd partial i)))))
               (store out acc))))
          (define ((main int))
            (declare x (ptr int))
            (declare partial (ptr int))
            (declare out (ptr int))
            (declare i int)
            (declare err int)
            (call cudaMallocManaged (bitcast (ptr-to x) (ptr (ptr int8))) (int64 8192) 1)
            (call cudaMallocManaged (bitcast (ptr-to partial) (ptr (ptr int8))) (int64 512) 1)
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 4) 1)
            (for ((set i 0) (lt i 2048) (set i (add i 1))) (store (ptradd x i) (add i 1)))
            (store out -1)
            (set err ({{launch}} reduce (grid {{blocks}} 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) x partial out))
            (call cudaDeviceSynchronize)
            (call printf (string "launch %d sum %d\n") err (load out))
            (ret 0)))
        """;

    [Fact]
    public void Grid_sync_and_a_cooperative_launch_print_back_as_they_were_read()
    {
        var module = IrParser.ParseText(Reduction("launch-cooperative"), "t.lisp");
        string printed = IrPrinter.Print(module);
        Assert.Contains("(grid-sync)", printed);
        Assert.Contains("(launch-cooperative", printed);
        Assert.Equal(printed, IrPrinter.Print(IrParser.ParseText(printed, "t.lisp")));
        TypeChecker.Check(module);
    }

    [Fact]
    public void Grid_sync_in_host_code_is_TR0210_and_takes_no_operands()
    {
        var host = Assert.Throws<DiagnosticException>(() => Check("(c-lisp (define ((main int)) (grid-sync) (ret 0)))"));
        Assert.Equal(Codes.KernelOnly, host.Diagnostics[0].Code);
        Assert.Throws<DiagnosticException>(() => IrParser.ParseText("(c-lisp (define-kernel ((k void)) (grid-sync 1)))", "t.lisp"));
    }

    [RequiresFact(Need.Cpu)]
    public void A_cooperative_reduction_gives_the_total_on_interp_cpu_and_opencl()
    {
        var program = Reduction("launch-cooperative");
        var interp = RunInterp(program);
        Assert.Equal("launch 0 sum 32896\n", interp.Stdout); // 1 + … + 256 over four blocks of 64
        Assert.Equal(interp, RunCpu(program));
        if (Requirements.Missing(Need.OpenCl) is null) Assert.Equal(interp.Stdout, RunOpenCl(program));
    }

    private static string RunOpenCl(string program)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, DeviceRegistry.Find("opencl")!.Run(Check(program), new RunOptions([], stdout, TextWriter.Null)));
        return stdout.ToString();
    }

    [RequiresFact(Need.Cpu)]
    public void A_grid_larger_than_can_be_resident_is_cudaErrorCooperativeLaunchTooLarge_and_runs_nothing()
    {
        // 64-thread blocks: 32 per multiprocessor (the block-slot limit), one multiprocessor per core.
        int blocks = 32 * Environment.ProcessorCount + 1;
        var program = Reduction("launch-cooperative", blocks);
        Assert.Equal("launch 720 sum -1\n", RunInterp(program).Stdout);
        Assert.Equal("launch 720 sum -1\n", RunCpu(program).Stdout);
    }

    [RequiresFact(Need.Cpu)]
    public void Grid_sync_in_a_launch_that_is_not_cooperative_is_TR0317_on_interp_and_cpu()
    {
        var program = Reduction("launch");
        var onInterp = Assert.Throws<DiagnosticException>(() => RunInterp(program));
        Assert.Equal(Codes.GridBarrierIncomplete, onInterp.Diagnostics[0].Code);
        Assert.Equal(15, onInterp.Diagnostics[0].Location.Line);
        var onCpu = RunFails(program, Codes.GridBarrierIncomplete);
        Assert.Equal(15, onCpu.Location.Line);
        if (Requirements.Missing(Need.OpenCl) is not null) return;
        var onOpenCl = Assert.Throws<DiagnosticException>(() => RunOpenCl(program));
        Assert.Equal(Codes.GridBarrierIncomplete, onOpenCl.Diagnostics[0].Code);
    }

    [RequiresFact(Need.Cpu)]
    public void A_block_that_returns_before_the_grid_barrier_is_TR0317_not_a_hang()
    {
        var program = Reduction("launch-cooperative", beforeGridSync: "(if (eq [bid.x] 2) (ret))");
        var onInterp = Assert.Throws<DiagnosticException>(() => RunInterp(program));
        Assert.Equal(Codes.GridBarrierIncomplete, onInterp.Diagnostics[0].Code);
        Assert.Contains("block (2,0,0)", onInterp.Diagnostics[0].Message);
        RunFails(program, Codes.GridBarrierIncomplete);
    }

    [Fact]
    public void OpenCl_runs_a_kernel_with_a_grid_barrier_as_two_kernels_keeping_what_crosses_it()
    {
        var program = OpenClEmitter.Compile(Check(Reduction("launch-cooperative")), OpenClTarget.Portable);
        Assert.False(program.HasErrors);
        var plan = program.GridPhases["reduce"];
        Assert.Equal(["reduce__grid_phase0", "reduce__grid_phase1"], plan.Phases);
        Assert.Equal(["reduce__grid_phase0", "reduce__grid_phase1"], program.Kernels.Select(k => k.Name));
        Assert.Contains("kernel reduce runs as reduce__grid_phase0, reduce__grid_phase1 in turn", program.Source);
    }

    [Theory]
    [InlineData("(for ((set i 0) (lt i 2) (set i (add i 1))) (grid-sync))", "a grid.sync() is inside a branch or loop")]
    [InlineData("(if (eq [bid.x] 0) (grid-sync))", "a grid.sync() is inside a branch or loop")]
    [InlineData("(if (eq [tid.x] 5) (ret)) (grid-sync)", "a thread may return before the last grid.sync()")]
    [InlineData("(declare p (ptr int)) (set p (aptradd s 0)) (grid-sync) (store p 1)", "pointer 'p' lives across a grid.sync() and may point at shared")]
    [InlineData("(declare a (arr 4 int)) (store (aptradd a 0) 1) (grid-sync) (store out (load (aptradd a 0)))", "local array 'a' lives across")]
    public void OpenCl_refuses_a_grid_barrier_it_cannot_split_at_naming_the_kernel_and_what_is_needed(string statements, string reason)
    {
        var program = $$"""
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (define-shared s (arr 64 int))
                (declare i int)
                {{statements}}
                (store out 1)))
            """;
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check(program)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.OpenClUnsupported, d.Code);
        Assert.Contains("kernel 'k'", d.Message);
        Assert.Contains(reason, d.Message);
        Assert.False(d.Location.IsNone);
    }

    /// <summary>A <c>grid.sync()</c> is a method of our cooperative_groups.h, inlined into the kernel: the refusal names the
    /// kernel's line that calls it (conjugateGradientMultiBlockCG's loop was reported at cooperative_groups.h:275).</summary>
    [Fact]
    public void OpenCl_names_the_kernels_call_of_an_inlined_grid_sync_it_cannot_split()
    {
        const string program = """
            (c-lisp
              (define ((sync void))
                (loc "cooperative_groups.h" 275 34)
                (grid-sync))
              (define-kernel ((k void) (out (ptr int)))
                (loc "cg.cu" 7 3)
                (declare i int)
                (for ((set i 0) (lt i 2) (set i (add i 1)))
                  (loc "cg.cu" 9 5)
                  (call sync))
                (store out 1)))
            """;
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check(program)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(("cg.cu", 9, 5), (d.Location.File, d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void OpenCl_refuses_a_grid_barrier_with_a_device_functions_own_shared_variable_used_on_both_sides()
    {
        const string program = """
            (c-lisp
              (define ((bump void))
                (define-shared counter (arr 1 int))
                (if (eq [tid.x] 0) (store (aptradd counter 0) (add (load (aptradd counter 0)) 1))))
              (define-kernel ((k void) (out (ptr int)))
                (call bump)
                (grid-sync)
                (call bump)
                (store out 1)))
            """;
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check(program)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Contains("shared variable 'counter' of a device function is used on both sides of a grid.sync()", d.Message);
    }

    /// <summary>tests/programs/cooperative/gridSyncReduction.cu: cudaLaunchCooperativeKernel in a built executable.</summary>
    [RequiresFact(Need.BuildMode)]
    public void A_built_program_launches_cooperatively_on_cpu_and_opencl()
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "gridSync");
        var build = CliRunner.Run("build", Path.Combine(Repository.Root, "tests", "programs", "cooperative", "gridSyncReduction.cu"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var cpu = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "cpu" });
        Assert.True(cpu.ExitCode == 0, cpu.Stdout + cpu.Stderr);
        Assert.Equal("one block too many: cudaErrorCooperativeLaunchTooLarge\nlaunch: cudaSuccess, sync: cudaSuccess, wrong elements: 0\nPASSED\n", cpu.Stdout);
        if (Requirements.Missing(Need.OpenCl) is not null) return;
        var opencl = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "opencl" });
        Assert.True(opencl.ExitCode == 0, opencl.Stdout + opencl.Stderr);
        Assert.Equal(cpu.Stdout, opencl.Stdout);
    }
}
