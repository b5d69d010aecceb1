using System.Text.RegularExpressions;
using Translate.Backends.Cpu;

namespace Translate.Tests.Cpu;

/// <summary>
/// One OS thread runs every thread of a block on the cpu device, so an atomic on the block's shared memory
/// is a plain read-modify-write there; an atomic through a pointer that may reach global memory stays atomic.
/// (Every operation's result on shared memory: tests/programs/sharedAtomics.cu, on every device.)
/// </summary>
public sealed class SharedAtomicTests : CpuTestBase
{
    /// <summary>
    /// Per block: 128 threads each add 1 a hundred times through <c>p</c>, which points at a shared counter in
    /// even blocks and at one global counter in odd blocks (their increments race across OS threads), and through
    /// <c>q</c>, a local that only ever points into shared memory.
    /// </summary>
    private const string Mixed = """
        (c-lisp
          (define-kernel ((mixed void) (counter (ptr int)) (perBlock (ptr int)))
            (define-shared local int)
            (define-shared other (arr 4 int))
            (declare p (ptr int)) (declare q (ptr int)) (declare k int)
            (if (eq [tid.x] 0) (set local 0))
            (if (eq [tid.x] 0) (store (aptradd other 2) 0))
            [__syncthreads]
            (set p (ptr-to local))
            (if (eq (rem [bid.x] 2) 1) (set p counter))
            (set q (aptradd other 1))
            (set q (ptradd q 1))
            (for ((set k 0) (lt k 100) (set k (add k 1)))
              (atomic-rmw add p 1 device relaxed)
              (atomic-rmw add q 1 device relaxed))
            [__syncthreads]
            (if (eq [tid.x] 0) (store (ptradd perBlock [bid.x]) (add local (load (aptradd other 2))))))
          (define ((main int))
            (declare counter (ptr int)) (declare perBlock (ptr int)) (declare b int)
            (call cudaMallocManaged (bitcast (ptr-to counter) (ptr (ptr int8))) (int64 4) 1)
            (call cudaMallocManaged (bitcast (ptr-to perBlock) (ptr (ptr int8))) (int64 256) 1)
            (store counter 0)
            (launch mixed (grid 64 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) counter perBlock)
            (call cudaDeviceSynchronize)
            (call printf (string "global %d\n") (load counter))
            (for ((set b 0) (lt b 4) (set b (add b 1)))
              (call printf (string "block %d: %d\n") b (load (ptradd perBlock b))))
            (ret 0)))
        """;

    [RequiresFact(Need.Cpu)]
    public void Increments_through_a_pointer_that_reaches_global_memory_in_some_blocks_are_not_lost()
    {
        var expected = "global 409600\nblock 0: 25600\nblock 1: 12800\nblock 2: 25600\nblock 3: 12800\n";
        Assert.Equal(expected, RunInterp(Mixed).Stdout);
        Assert.Equal(expected, RunCpu(Mixed).Stdout);
    }

    [RequiresFact(Need.Cpu)]
    public void Only_the_atomic_that_may_reach_global_memory_is_an_atomic_instruction()
    {
        var text = CpuCompiler.EmitLlvmText(Check(Mixed), optimize: false);
        Assert.Single(Regex.Matches(text, @"atomicrmw add"));
    }
}
