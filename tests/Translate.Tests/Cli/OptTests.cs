using Translate.Ir.Passes;

namespace Translate.Tests.Cli;

/// <summary><c>translate opt</c>: the targets' IR passes run by name, each stage printable and runnable on its own.</summary>
public sealed class OptTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Program => Path.Combine(Repository.Root, "tests", "programs", "barrierInSwitch.cu");

    private string Lifted()
    {
        var lift = CliRunner.Run("lift", Program);
        Assert.True(lift.ExitCode == 0, lift.Stderr);
        return _cli.Write("lifted.lisp", lift.Stdout);
    }

    private static int Switches(string ir) => ir.Split("(switch ").Length - 1;

    [Fact]
    public void List_names_every_pass_and_every_pipeline_with_its_passes()
    {
        var r = CliRunner.Run("opt", "--list");
        Assert.Equal(0, r.ExitCode);
        foreach (var pass in PassCatalog.All) Assert.Contains($"pass {pass.Name} ", r.Stdout);
        Assert.Contains("pipeline cpu ", r.Stdout);
        Assert.Contains("inline-synchronizing, inline-loops, unreachable-statements, unroll-array-loops, array-scalars, selected-assignments, guarded-tails, synchronizing-switches, column-blocks", r.Stdout);
    }

    [Fact]
    public void A_named_pass_rewrites_the_module_and_the_result_runs_as_the_input_did()
    {
        string lifted = Lifted();
        var r = CliRunner.Run("opt", lifted, "--passes", "synchronizing-switches");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(Switches(r.Stdout) < Switches(File.ReadAllText(lifted)), r.Stdout);
        var before = CliRunner.Run("run", lifted, "--device", "interp");
        var after = CliRunner.Run("run", _cli.Write("opt.lisp", r.Stdout), "--device", "interp");
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(before.Stdout, after.Stdout);
        Assert.Contains("PASSED", after.Stdout);
    }

    /// <summary>
    /// A kernel's trailing <c>if (i &lt; n) { … loop … }</c> becomes <c>if (!(i &lt; n)) return; …</c> (an else arm runs
    /// before that return), nested guards too; ifs in the middle of a body or holding no loop stay.
    /// </summary>
    [Fact]
    public void Guarded_tails_turns_a_kernels_trailing_guard_around_a_loop_into_an_early_return_that_runs_the_same()
    {
        var (lifted, optimized) = PassesOnRegressionProgram("guardedLoops.cu", "guarded-tails");
        Assert.Contains("(if (not (lt i n)) ((ret)))", optimized);
        Assert.Contains("(if (not (ne (rem base 3) 0)) ((ret)))", optimized);
        Assert.DoesNotContain("(if (not (lt i n)) ((ret)))", lifted);
    }

    /// <summary>
    /// Short loops over local arrays are unrolled, arrays indexed only by constants become one variable per element and
    /// ifs that only assign scalars become selects; an array indexed at run time, one passed to a function and one read
    /// in a loop left by break stay arrays, and an if holding a division stays an if. The result runs as the input did.
    /// </summary>
    [Fact]
    public void Local_arrays_indexed_by_constants_become_scalars_and_assigning_ifs_become_selects_that_run_the_same()
    {
        var (_, optimized) = PassesOnRegressionProgram("localArrayCounters.cu", "unroll-array-loops,array-scalars,selected-assignments");
        foreach (var scalar in new[] { "(declare __arr1_cases_2 int)", "(declare __arr2_e_0 float)", "(declare __arr3_a_4 int)", "(declare __arr4_w_0 int)" })
            Assert.Contains(scalar, optimized);
        foreach (var array in new[] { "(declare r (arr 4 int))", "(declare q (arr 4 int))", "(declare b (arr 4 int))" })
            Assert.Contains(array, optimized);
        Assert.DoesNotContain("(declare cases (arr", optimized);
        Assert.Contains("(set __arr1_cases_0 (select __sel1 (add __arr1_cases_0 1) __arr1_cases_0))", optimized);
        Assert.Contains("(set d (div d v))", optimized);
    }

    /// <summary>
    /// A kernel whose threads share nothing gets a twin that reads the x indices as one of 16 side-by-side columns; one
    /// whose callee reads the thread index does not. The interpreter runs the kernels themselves, as before.
    /// </summary>
    [Fact]
    public void Column_blocks_adds_a_twin_only_for_kernels_whose_threads_share_nothing()
    {
        var (_, optimized) = PassesOnRegressionProgram("columnBlocks.cu", "column-blocks");
        Assert.Contains("(define-kernel ((__tr_columns_cells void)", optimized);
        Assert.Contains("(set idx (add (mul 1 (add (mul [bid.x] 16) [tid.x])) 0))", optimized);
        Assert.DoesNotContain("__tr_columns_callsIndexReader", optimized);
    }

    /// <summary>
    /// Lifts <c>tests/programs/PROGRAM</c>, runs <paramref name="passes"/> on it and checks the result runs on interp as the
    /// input did (and passes); gives both texts.
    /// </summary>
    private (string Lifted, string Optimized) PassesOnRegressionProgram(string program, string passes)
    {
        var lift = CliRunner.Run("lift", Path.Combine(Repository.Root, "tests", "programs", program));
        Assert.True(lift.ExitCode == 0, lift.Stderr);
        string lifted = _cli.Write(program + ".lisp", lift.Stdout);
        var r = CliRunner.Run("opt", lifted, "--passes", passes);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var before = CliRunner.Run("run", lifted, "--device", "interp");
        var after = CliRunner.Run("run", _cli.Write(program + ".opt.lisp", r.Stdout), "--device", "interp");
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(before.Stdout, after.Stdout);
        Assert.Contains("PASSED", after.Stdout);
        return (lift.Stdout, r.Stdout);
    }

    [Fact]
    public void A_targets_pipeline_runs_by_name_and_its_output_runs_too()
    {
        string lifted = Lifted();
        var r = CliRunner.Run("opt", lifted, "--pipeline", "opencl");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var after = CliRunner.Run("run", _cli.Write("opencl-ready.lisp", r.Stdout), "--device", "interp");
        Assert.Contains("PASSED", after.Stdout);
    }

    [Fact]
    public void Dump_after_prints_the_module_each_named_pass_gave_to_standard_error()
    {
        var r = CliRunner.Run("opt", Lifted(), "--passes", "unreachable-statements,synchronizing-switches", "--dump-after", "all");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("; --- after unreachable-statements ---\n(c-lisp", r.Stderr);
        Assert.Contains("; --- after synchronizing-switches ---\n(c-lisp", r.Stderr);
        Assert.EndsWith(r.Stdout, r.Stderr); // the last dump is the result
    }

    [Theory]
    [InlineData("--passes", "synchronizing-switches,nope", "unknown pass 'nope'", "exited-work-items")]
    [InlineData("--pipeline", "gpu", "unknown pipeline 'gpu'", "work-group-barriers")]
    public void An_unknown_pass_or_pipeline_is_a_usage_error_naming_the_known_ones(string option, string value, string message, string known)
    {
        var r = CliRunner.Run("opt", Lifted(), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Contains(known, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Dump_after_a_pass_that_does_not_run_is_a_usage_error()
    {
        var r = CliRunner.Run("opt", Lifted(), "--pipeline", "cpu", "--dump-after", "grid-sync-fission");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("names no pass that runs here", r.Stderr);
    }
}
