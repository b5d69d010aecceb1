using Translate.Tests.Cli;

namespace Translate.Tests.Ptx;

/// <summary>
/// PTX modules as input (translator/Frontend/Ptx): hand-written PTX with the branches compilers emit runs a program's
/// kernels and gives what the program's own kernels give; what does not parse or translate is a located diagnostic.
/// </summary>
public sealed class PtxModuleTests
{
    private static string Folder => Path.Combine(Repository.Root, "tests", "ptx");

    [RequiresTheory(Need.Cpu)]
    [InlineData("interp")]
    [InlineData("cpu")]
    public void Hand_written_kernels_print_what_the_programs_own_kernels_print(string device)
    {
        string program = Path.Combine(Folder, "handWritten.cu");
        var own = CliRunner.Run("run", program, "--device", device);
        Assert.True(own.ExitCode == 0, own.Stderr);
        var fromPtx = CliRunner.Run("run", program, "--device", device, "--device-code", Path.Combine(Folder, "handWritten.ptx"));
        Assert.True(fromPtx.ExitCode == 0, fromPtx.Stderr);
        Assert.Equal(own.Stdout, fromPtx.Stdout);
        Assert.Contains("Test PASSED", fromPtx.Stdout);
    }

    [RequiresFact(Need.OpenCl)]
    public void On_opencl_kernels_that_compute_addresses_as_integers_are_refused_not_run_wrongly()
    {
        // A lifted program's device memory is the interpreter's; PTX computes addresses in 64-bit registers and
        // converts them back (inttoptr), which the OpenCL device cannot follow there (TR0510, documented).
        var run = CliRunner.Run("run", Path.Combine(Folder, "handWritten.cu"), "--device", "opencl", "--device-code", Path.Combine(Folder, "handWritten.ptx"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("TR0510", run.Stderr);
    }

    [Fact]
    public void Lifting_gives_kernels_and_functions_with_structured_control_flow()
    {
        var lift = CliRunner.Run("lift", Path.Combine(Folder, "handWritten.ptx"));
        Assert.True(lift.ExitCode == 0, lift.Stderr);
        Assert.Contains("(define-kernel ((pairSearch void)", lift.Stdout);
        Assert.Contains("(define ((square int) (square_x int))", lift.Stdout);
        Assert.Contains("(while #t", lift.Stdout);
        Assert.Contains("(define-shared __ptx_shared (arr 128 int64))", lift.Stdout);
        Assert.DoesNotContain("goto", lift.Stdout);
    }

    [Fact]
    public void An_unoptimized_frame_whose_address_stays_in_loads_and_stores_becomes_one_variable_per_slot()
    {
        var lift = CliRunner.Run("lift", Path.Combine(Folder, "unoptimizedFrame.ptx"));
        Assert.True(lift.ExitCode == 0, lift.Stderr);
        string warpSums = lift.Stdout[lift.Stdout.IndexOf("(define-kernel ((warpSums", StringComparison.Ordinal)..lift.Stdout.IndexOf("(define-kernel ((rowSums", StringComparison.Ordinal)];
        Assert.DoesNotContain("__ptx_local", warpSums);
        Assert.Contains("(declare frame20 float)", warpSums); // v, stored and loaded as .f32
        Assert.Contains("(declare frame24 int)", warpSums);   // the loop's offset
        // rowSums passes &sum to a function: its frame's address escapes, so the frame stays one array.
        string rowSums = lift.Stdout[lift.Stdout.IndexOf("(define-kernel ((rowSums", StringComparison.Ordinal)..];
        Assert.Contains("(declare __ptx_local (arr 4 int64))", rowSums);
    }

    [Fact]
    public void A_syntax_error_is_TR0417_at_its_line_and_column()
    {
        using var dir = new CliRunner();
        string path = dir.Write("bad.ptx", ".version 7.0\n.target sm_70\n.address_size 64\n.visible .entry k()\n{\n\tadd.s32 %r1, , 2;\n}\n");
        var lift = CliRunner.Run("lift", path);
        Assert.Equal(1, lift.ExitCode);
        Assert.Contains("bad.ptx:6:15: error TR0417", lift.Stderr);
    }

    [Theory]
    [InlineData("\ttex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [%rd1, {%f1, %f2}];", "6:", "texture or surface")]
    [InlineData("\tmma.sync.aligned.m8n8k4.row.col.f32.f16.f16.f32 %f1, %f2, %f3, %f4;", "6:2: error TR0418", "'mma.sync.aligned")]
    [InlineData("\tbra.uni $L_nowhere;", "error TR0418", "the label '$L_nowhere' is not defined")]
    public void What_is_not_translated_is_TR0418_naming_it(string instruction, string where, string what)
    {
        using var dir = new CliRunner();
        string path = dir.Write("k.ptx", $".version 7.0\n.target sm_70\n.address_size 64\n.visible .entry k(.param .u64 p)\n{{\n{instruction}\n\tret;\n}}\n");
        var lift = CliRunner.Run("lift", path);
        Assert.Equal(1, lift.ExitCode);
        Assert.Contains(where, lift.Stderr);
        Assert.Contains(what, lift.Stderr);
    }

    [Fact]
    public void An_irreducible_loop_is_refused()
    {
        // Two blocks that branch into each other, each entered from the top: a loop with two entries.
        using var dir = new CliRunner();
        string path = dir.Write("k.ptx", """
            .version 7.0
            .target sm_70
            .address_size 64
            .visible .entry k(.param .u32 n)
            {
            	.reg .pred %p<3>;
            	.reg .b32 %r<3>;
            	ld.param.u32 %r1, [n];
            	setp.eq.s32 %p1, %r1, 0;
            	@%p1 bra $L_b;
            $L_a:
            	add.s32 %r1, %r1, -1;
            	setp.eq.s32 %p2, %r1, 0;
            	@%p2 bra $L_end;
            $L_b:
            	add.s32 %r1, %r1, -2;
            	setp.gt.s32 %p2, %r1, 0;
            	@%p2 bra $L_a;
            $L_end:
            	ret;
            }
            """);
        var lift = CliRunner.Run("lift", path);
        Assert.Equal(1, lift.ExitCode);
        Assert.Contains("TR0418", lift.Stderr);
        Assert.Contains("irreducible", lift.Stderr);
    }
}
