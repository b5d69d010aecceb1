using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Transformations;

namespace Translate.Tests.Cpu;

/// <summary>Device functions that synchronize are inlined into kernels, so the cpu device can split them at barriers.</summary>
public class InlinerTests : CpuTestBase
{
    private const string BlockSum = """
        (c-lisp
          (define ((blockSum int) (buf (ptr int)) (v int))
            (declare t int)
            (set t [tid.x])
            (store (ptradd buf t) v)
            [__syncthreads]
            (declare s int)
            (for ((set s 32) (gt s 0) (set s (ashr s 1)))
              (if (lt t s) (store (ptradd buf t) (add (load (ptradd buf t)) (load (ptradd buf (add t s))))))
              [__syncthreads])
            (ret (load buf)))
          (define ((warpMax int) (v int))
            (declare o int)
            (for ((set o 16) (gt o 0) (set o (ashr o 1))) (set v (call max v (shfl xor -1 v o 32))))
            (ret v))
          (define ((max int) (a int) (b int)) (if (gt a b) (ret a)) (ret b))
          (define-kernel ((k void) (out (ptr int)))
            (define-shared buf (arr 64 int))
            (declare v int)
            (set v (add (call blockSum (aptradd buf 0) [tid.x]) (call warpMax [tid.x])))
            (store (ptradd out [tid.x]) v))
          (define ((main int))
            (declare out (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 256) 1)
            (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out)
            (call printf (string "%d %d %d\n") (load out) (load (ptradd out 31)) (load (ptradd out 63)))
            (ret 0)))
        """;

    [RequiresFact(Need.Cpu)]
    public void Barrier_and_shuffle_in_device_functions_run_as_on_the_interpreter()
    {
        Assert.Equal(("2047 2047 2079\n", 0), RunCpu(BlockSum)); // 2016 = 0+…+63; warp maxima 31 and 63
        Assert.Equal(RunInterp(BlockSum), RunCpu(BlockSum));
    }

    [Fact]
    public void Inlined_kernels_no_longer_call_synchronizing_functions()
    {
        var inlined = Inliner.InlineSynchronizingCalls(Check(BlockSum));
        Assert.Null(inlined.Module.Functions.FirstOrDefault(f => f.Name == "blockSum"));
        Assert.NotNull(inlined.Module.Functions.FirstOrDefault(f => f.Name == "max"));
        Assert.Contains(Ir.Analysis.IrTraversal.Descendants(inlined.Kernels.Single().Body!), e => e is BarrierExpr);
    }

    [Fact]
    public void Programs_without_synchronizing_calls_are_returned_unchanged()
    {
        var program = Check(CpuProgramTests.VectorAdd);
        Assert.Same(program, Inliner.InlineSynchronizingCalls(program));
    }

    [Fact]
    public void Recursion_through_a_barrier_is_TR0381()
    {
        var e = Assert.Throws<DiagnosticException>(() => Inliner.InlineSynchronizingCalls(Check("""
            (c-lisp
              (define ((f void) (n int)) [__syncthreads] (if (gt n 0) (call f (sub n 1))))
              (define-kernel ((k void)) (call f 3))
              (define ((main int)) (ret 0)))
            """)));
        Assert.Equal(Codes.RecursiveSynchronization, e.Diagnostics[0].Code);
    }

    [Fact]
    public void A_synchronizing_call_under_short_circuit_is_TR0380()
    {
        var e = Assert.Throws<DiagnosticException>(() => Inliner.InlineSynchronizingCalls(Check("""
            (c-lisp
              (define ((f bool)) [__syncthreads] (ret (eq 1 1)))
              (define-kernel ((k void) (out (ptr int)))
                (if (land (lt [tid.x] 4) (call f)) (store out 1)))
              (define ((main int)) (ret 0)))
            """)));
        Assert.Equal(Codes.CpuUnsupported, e.Diagnostics[0].Code);
    }

    [RequiresFact(Need.Cpu)]
    public void An_assigned_choice_between_synchronizing_calls_becomes_an_if_and_runs_as_on_the_interpreter()
    {
        const string program = """
            (c-lisp
              (define ((warpSum int) (v int))
                (declare o int)
                (for ((set o 16) (gt o 0) (set o (ashr o 1))) (set v (add v (shfl xor -1 v o 32))))
                (ret v))
              (define ((warpOr int) (v int)) (ret (vote ballot -1 (ne v 0))))
              (define-kernel ((k void) (out (ptr int)) (useSum bool))
                (declare v int)
                (set v (cond useSum (call warpSum [tid.x]) (call warpOr (and [tid.x] 1))))
                (store (ptradd out [tid.x]) v))
              (define ((main int))
                (declare out (ptr int))
                (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 256) 1)
                (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out #t)
                (call printf (string "%d %d\n") (load out) (load (ptradd out 40)))
                (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out #f)
                (call printf (string "%d %d\n") (load out) (load (ptradd out 40)))
                (ret 0)))
            """;
        // Lanes 0..31 sum to 496, lanes 32..63 to 1520; the odd lanes' ballot is 0xaaaaaaaa.
        Assert.Equal(("496 1520\n-1431655766 -1431655766\n", 0), RunCpu(program));
        Assert.Equal(RunInterp(program), RunCpu(program));
    }

    private const string LoopCalls = """
        (c-lisp
          (define ((bits int) (v int))
            (declare n int)
            (set n 0)
            (while (ne v 0) (set n (add n (and v 1))) (set v (lshr v 1)))
            (ret n))
          (define ((twice int) (v int)) (ret (mul 2 (call bits v))))
          (define ((square int) (v int)) (ret (mul v v)))
          (define ((depth int) (v int))
            (while (gt v 100) (set v (div v 2)))
            (if (lt v 10) (ret 0))
            (ret (add 1 (call depth (div v 10)))))
          (define-kernel ((k void) (out (ptr int)))
            (declare t int)
            (set t [tid.x])
            (store (ptradd out t) (add (call twice t) (call square t)))
            (if (land (lt t 4) (gt (call bits t) 1)) (store (ptradd out (add t 128)) 7))
            (store (ptradd out (add t 64)) (call depth (mul t 1000))))
          (define ((main int))
            (declare out (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 1024) 1)
            (launch k (grid 1 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) out)
            (call printf (string "%d %d %d %d\n") (load out) (load (ptradd out 63)) (load (ptradd out 127)) (load (ptradd out 131)))
            (ret 0)))
        """;

    [Fact]
    public void Calls_of_functions_holding_loops_are_inlined_where_the_inliner_can_and_stay_calls_elsewhere()
    {
        var inlined = Inliner.InlineCallsHoldingLoops(Check(LoopCalls));
        var called = Ir.Analysis.IrTraversal.Descendants(inlined.Kernels.Single().Body!).OfType<CallExpr>().Select(c => c.Function).ToList();
        // twice (through its callee's loop) is inlined with bits; square holds no loop, left to LLVM; bits under && and
        // the recursive depth stay calls.
        Assert.Equal(["square", "bits", "depth"], called);
        Assert.All(["bits", "twice", "square", "depth"], name => Assert.NotNull(inlined.Module.Functions.FirstOrDefault(f => f.Name == name)));
    }

    [RequiresFact(Need.Cpu)]
    public void Inlined_loops_run_as_on_the_interpreter()
    {
        // out[63] = 2 * bits(63) + 63²; depth(63000) = 1 (the while halves it to 61, then depth(6) = 0); thread 3 has two bits.
        Assert.Equal(("0 3981 1 7\n", 0), RunCpu(LoopCalls));
        Assert.Equal(RunInterp(LoopCalls), RunCpu(LoopCalls));
    }
}
