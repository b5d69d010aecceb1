using Translate.Backends.OpenCl;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Runtime.OpenCl;
using Translate.Tests.Snapshots;

namespace Translate.Tests.OpenCl;

/// <summary>The emitted text: snapshots of readable kernels, determinism, diagnostics, and that every program builds.</summary>
public sealed class EmitterTests : OpenClTestBase
{
    private static string SnapshotPath(string name) => Path.Combine(Repository.Root, "tests", "snapshots", "opencl", name + ".cl");

    [Theory]
    [InlineData("block_reduction")]
    [InlineData("warp_reduction")]
    public void Emitted_OpenCL_matches_its_snapshot(string name)
    {
        var text = name == "block_reduction" ? Programs.BlockReduction : Programs.WarpSum;
        var source = OpenClEmitter.Emit(Check(text, name + ".lisp"));
        Snapshot.Matches(SnapshotPath(name), source);
    }

    [Fact]
    public void Emission_is_deterministic()
    {
        Assert.Equal(OpenClEmitter.Emit(Check(Programs.Histogram)), OpenClEmitter.Emit(Check(Programs.Histogram)));
    }

    [Fact]
    public void Reserved_names_are_renamed_and_kernel_names_kept()
    {
        var source = OpenClEmitter.Emit(Check(Programs.Histogram));
        Assert.Contains("__kernel void histogram(__global char* data, int n, __global int* bins, __local int* local_)", source);
    }

    [Fact]
    public void A_shuffle_under_a_thread_dependent_condition_runs_for_every_work_item_and_only_its_result_waits_for_the_condition()
    {
        var source = OpenClEmitter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (out (ptr float)))
                (declare v float)
                (set v 1.0)
                (if (lt [tid.x] 32)
                    (set v (shfl down (int -1) v 1 32)))
                (store (ptradd out [tid.x]) v)))
            """));
        // If-converted: the predicate, then the shuffle (work-group barriers inside) outside any if, then the kept result.
        int kernel = source.IndexOf("__kernel", StringComparison.Ordinal);
        int predicate = source.IndexOf("bool __ifc1_ = ", kernel, StringComparison.Ordinal);
        int shuffle = source.IndexOf("= tr_shfl", kernel, StringComparison.Ordinal);
        int kept = source.IndexOf("if (__ifc1_)", kernel, StringComparison.Ordinal);
        Assert.True(predicate >= 0 && shuffle > predicate && kept > shuffle, source);
    }

    [Fact]
    public void A_shuffle_in_a_loop_some_work_items_run_longer_runs_in_step_while_any_work_item_of_the_block_iterates()
    {
        var source = OpenClEmitter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (out (ptr float)))
                (declare v float)
                (set v (sitofp (rem [tid.x] 5) float))
                (while (flt v 4.0) (set v (fadd v (shfl down (int -1) v 1 32))))
                (store (ptradd out [tid.x]) v)))
            """));
        // The loop's condition asks the whole block (a work-group barrier all reach); the shuffle runs for all.
        int kernel = source.IndexOf("__kernel", StringComparison.Ordinal);
        int loop = source.IndexOf("while (__ifc", kernel, StringComparison.Ordinal);
        int shuffle = source.IndexOf("= tr_shfl", kernel, StringComparison.Ordinal);
        Assert.True(source.IndexOf("tr_syncthreads_count", kernel, StringComparison.Ordinal) is > 0 and var ask && ask < loop && loop < shuffle, source);
    }

    [Fact]
    public void A_loop_run_in_step_is_left_by_break_and_continue_through_flags_not_jumps()
    {
        var source = OpenClEmitter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (out (ptr float)))
                (declare v float)
                (set v 1.0)
                (while (flt v 4.0)
                  (if (eq (rem [tid.x] 3) 0) (break))
                  (if (eq (rem [tid.x] 5) 0) ((set v (fadd v 1.0)) (continue)))
                  (set v (fadd v (shfl down (int -1) v 1 32))))
                (store (ptradd out [tid.x]) v)))
            """));
        // Each leaving statement runs in a do { } while (false) it leaves; no jump leaves the loop itself.
        var kernel = source[source.IndexOf("__kernel", StringComparison.Ordinal)..];
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(kernel, @"} while \(false\);"));
        Assert.DoesNotContain("break;", kernel);
    }

    [Fact]
    public void A_shuffle_in_a_loop_left_by_break_inside_a_branch_holding_the_shuffle_is_TR0503()
    {
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (out (ptr float)))
                (declare v float)
                (set v 1.0)
                (while (flt v 4.0)
                  (if (eq (rem [tid.x] 3) 0) ((set v (fadd v (shfl down (int -1) v 1 32))) (break)))
                  (set v (fadd v 1.0)))
                (store (ptradd out [tid.x]) v)))
            """)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.DivergentCollective, d.Code);
        Assert.Equal(6, d.Location.Line);
    }

    [Fact]
    public void A_warp_collective_after_a_divergent_return_runs_for_every_work_item_the_returned_ones_taking_no_part()
    {
        var source = OpenClEmitter.Emit(Check("""
            (c-lisp
              (define ((reduce float) (v float))
                (declare o int)
                (for ((set o 16) (gt o 0) (set o (udiv o 2)))
                  (set v (fadd v (shfl down (int -1) v o 32))))
                (ret v))
              (define-kernel ((k void) (out (ptr float)) (n int))
                (if (ge [tid.x] n) (ret))
                (store out (call reduce 1.0))))
            """));
        Assert.Contains("__exited", source);
        Assert.Contains("if (!__exited", source);
    }

    [Fact]
    public void A_warp_collective_after_a_divergent_return_in_a_loop_the_returned_work_items_cannot_follow_is_TR0503()
    {
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (out (ptr float)) (n int))
                (declare o int)
                (declare v float)
                (set v 1.0)
                (if (ge [tid.x] n) (ret))
                (for ((set o (fptosi (load out) int)) (gt o 0) (set o (udiv o 2)))
                  (set v (fadd v (shfl down (int -1) v o 32))))
                (store out v)))
            """)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.DivergentCollective, d.Code);
        Assert.Equal(8, d.Location.Line);
    }

    /// <summary>A cooperative-groups-like object: a struct whose size field a constructor sets, read by member calls.</summary>
    private static string GroupLoop(string tileValue) => $$"""
        (c-lisp
          (define-struct group (tile int))
          (define ((group_init void) (this (ptr (struct group))) (t int))
            (store (sptradd this tile) t))
          (define ((group_size int) (this (ptr (struct group))))
            (ret (load (sptradd this tile))))
          (define ((group_sync void) (this (ptr (struct group))))
            (syncwarp (int -1)))
          (define ((reduce int) (g (struct group)) (v int))
            (declare i int)
            (for ((set i (call group_size (ptr-to g))) (gt i 0) (set i (div i 2)))
              (call group_sync (ptr-to g)))
            (ret v))
          (define-kernel ((k void) (out (ptr int)))
            (declare g (struct group))
            (call group_init (ptr-to g) {{tileValue}})
            (store (ptradd out [tid.x]) (call reduce (load (ptr-to g)) 1))))
        """;

    [Fact]
    public void A_collective_in_a_loop_over_a_field_of_a_private_struct_set_uniformly_is_uniform()
    {
        var source = OpenClEmitter.Emit(Check(GroupLoop("16")));
        Assert.Contains("group_size(&g)", source);
    }

    [Fact]
    public void A_collective_in_a_loop_over_a_field_set_from_the_thread_index_is_divergent()
    {
        var d = Assert.Single(WorkGroupUniformity.Check(Check(GroupLoop("[tid.x]"))));
        Assert.Equal(Codes.DivergentCollective, d.Code);
    }

    [Fact]
    public void A_private_struct_written_through_a_copy_of_its_address_is_not_known_to_stay_uniform()
    {
        var text = GroupLoop("16").Replace(
            "(call group_init (ptr-to g) 16)",
            "(call group_init (ptr-to g) 16) (declare p (ptr (struct group))) (set p (ptr-to g)) (store (sptradd p tile) [tid.x])");
        Assert.Equal(Codes.DivergentCollective, Assert.Single(WorkGroupUniformity.Check(Check(text))).Code);
    }

    [Fact]
    public void Inline_assembly_is_TR0504()
    {
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (store out (asm "mov.u32 %0, %%laneid;" "=r" int))))
            """)));
        Assert.Equal(Codes.OpenClUnsupported, Assert.Single(e.Diagnostics).Code);
    }

    /// <summary>A device function that calls itself through another, reached from a kernel (CUDA allows it; OpenCL C does not).</summary>
    public const string MutualRecursion = """
        (c-lisp
          (define ((odd bool) (n int)) (if (eq n 0) (ret #f)) (ret (call even (sub n 1))))
          (define ((even bool) (n int)) (if (eq n 0) (ret #t)) (ret (call odd (sub n 1))))
          (define-kernel ((k void) (out (ptr int)))
            (if (call even [tid.x]) (store (ptradd out [tid.x]) 1))))
        """;

    [Fact]
    public void Recursion_is_TR0504_at_the_function_that_closes_the_cycle()
    {
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(Check(MutualRecursion)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.OpenClUnsupported, d.Code);
        Assert.Contains("'even' calls itself", d.Message);
    }

    [RequiresFact(Need.OpenCl)]
    public void Every_program_builds_without_errors()
    {
        foreach (var text in new[] { Programs.VectorAdd, Programs.BlockReduction, Programs.MatmulTiled, Programs.Histogram,
                     Programs.WarpSum, Programs.Particles, Programs.Clones, Programs.Globals })
        {
            using var m = Session.Load(Check(text));
            Assert.DoesNotContain(m.Warnings, w => w.Severity == Severity.Error);
        }
    }

    [RequiresFact(Need.OpenCl)]
    public void The_compiler_log_of_a_failed_build_is_kept()
    {
        var e = Assert.Throws<Translate.Runtime.OpenCl.Interop.ClBuildException>(() =>
            Session.Context.BuildFromSource("__kernel void k(__global int* p) { p[0] = undeclared; }", ""));
        Assert.Contains("undeclared", e.Log);
    }
}
