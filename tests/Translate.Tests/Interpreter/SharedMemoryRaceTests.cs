using Translate.Ir.Diagnostics;

namespace Translate.Tests.Interpreter;

/// <summary>
/// The interpreter reports a data race on shared memory (TR0318) — threads of different warps touching a byte in one
/// barrier interval, one of them changing it — rather than give the one result its thread order happens to produce.
/// </summary>
public class SharedMemoryRaceTests : InterpreterTestBase
{
    /// <summary>A kernel of 64 threads (two warps) with BODY, printing out[0] and out[63].</summary>
    private static string Program(string body, string setup = "") => $$"""
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (define-shared sh (arr 64 int))
            (define-shared flag (arr 1 int))
            (declare t int)
            (set t [tid.x])
            {{body}})
          (define ((main int))
            (declare d (ptr int))
            (call cudaMallocManaged (ptr-to d) (int64 256) 1)
            {{setup}}
            (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
            (call cudaDeviceSynchronize)
            (call printf (string "%d %d\n") (load d) (load (ptradd d 63)))
            (ret 0)))
        """;

    [Fact]
    public void Reading_a_slot_another_warp_wrote_with_no_barrier_between_is_TR0318_naming_both_threads()
    {
        var d = RunFails(Program("""
            (store (aptradd sh t) (add t 1))
            (store (ptradd out t) (load (aptradd sh (urem (add t 32) 64))))
            """), Codes.SharedMemoryRace);
        // Threads run in order here: thread 0 read slot 32 before thread 32 wrote it.
        Assert.Equal(7, d.Location.Line);
        Assert.Contains("thread (32,0,0) writes it after thread (0,0,0) read it", d.Message);
        Assert.Contains("shared 'sh'", d.Message);
    }

    [Fact]
    public void The_same_exchange_with_a_barrier_between_runs()
    {
        AssertPrints("33 32\n", Program("""
            (store (aptradd sh t) (add t 1))
            [__syncthreads]
            (store (ptradd out t) (load (aptradd sh (urem (add t 32) 64))))
            """));
    }

    [Fact]
    public void Writing_ones_own_slot_while_another_warp_still_reads_it_is_TR0318()
    {
        // An exchange in a loop whose closing barrier is missing: the next round's write races with this round's reads.
        var d = RunFails(Program("""
            (declare i int)
            (declare sum int)
            (set sum 0)
            (for ((set i 0) (lt i 2) (set i (add i 1)))
              (store (aptradd sh t) (add t i))
              [__syncthreads]
              (set sum (add sum (load (aptradd sh (sub 63 t))))))
            (store (ptradd out t) sum)
            """), Codes.SharedMemoryRace);
        Assert.Contains("thread (32,0,0) reads it after thread (31,0,0) wrote it", d.Message);
    }

    [Fact]
    public void Two_warps_writing_different_values_to_one_variable_is_TR0318()
    {
        RunFails(Program("""
            (if (eq (urem t 32) 0) (store (aptradd flag 0) (add t 1)))
            [__syncthreads]
            (store (ptradd out t) (load (aptradd flag 0)))
            """), Codes.SharedMemoryRace);
    }

    [Fact]
    public void Many_threads_storing_the_same_value_is_no_race()
    {
        // The flag idiom: every order leaves the same memory.
        AssertPrints("1 1\n", Program("""
            (if (eq t 0) (store (aptradd flag 0) 0))
            [__syncthreads]
            (if (gt t 5) (store (aptradd flag 0) 1))
            [__syncthreads]
            (store (ptradd out t) (load (aptradd flag 0)))
            """));
    }

    [Fact]
    public void Threads_of_one_warp_ordered_by_syncwarp_are_not_a_race()
    {
        // Warp-synchronous code is ordered by the warp, not by block barriers.
        AssertPrints("2 63\n", Program("""
            (store (aptradd sh t) t)
            (syncwarp -1)
            (if (lt t 32) (store (ptradd out t) (add (load (aptradd sh (xor t 1))) 1)))
            (if (ge t 32) (store (ptradd out t) (load (aptradd sh t))))
            """));
    }

    [Fact]
    public void Atomics_on_shared_memory_do_not_race()
    {
        AssertPrints("64 64\n", Program("""
            (if (eq t 0) (store (aptradd flag 0) 0))
            [__syncthreads]
            (atomic-rmw add (aptradd flag 0) 1 block relaxed)
            [__syncthreads]
            (store (ptradd out t) (load (aptradd flag 0)))
            """));
    }
}
