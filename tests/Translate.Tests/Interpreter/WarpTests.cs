using Translate.Ir.Diagnostics;

namespace Translate.Tests.Interpreter;

public class WarpTests : InterpreterTestBase
{
    /// <summary>A warp sum with __shfl_down_sync at the given width; each segment's lane 0 holds its sum.</summary>
    private static string ShflDownReduction(int width) => $$"""
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (declare v int)
            (set v [tid.x])
            (declare off int)
            (for ((set off {{width / 2}}) (gt off 0) (set off (ashr off 1)))
              (set v (add v (shfl down -1 v off {{width}}))))
            (store (ptradd out [tid.x]) v))
          (define ((main int))
            (declare d (ptr int))
            (call cudaMallocManaged (ptr-to d) (int64 256) 1)
            (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
            (call printf (string "%d %d %d %d\n") (load d) (load (ptradd d 16)) (load (ptradd d 32)) (load (ptradd d 31)))
            (ret 0)))
        """;

    [Fact]
    public void Shfl_down_reduction_over_a_full_warp()
    {
        // Lane 0 of each warp: 0+…+31 = 496 and 32+…+63 = 1520. Lane 31's source is always past the
        // segment, so it adds its own value at each of the 5 steps: 31·2⁵ = 992. (Checked against a model of CUDA's rule.)
        AssertPrints("496 752 1520 992\n", ShflDownReduction(32));
    }

    [Fact]
    public void Shfl_down_reduction_with_width_16_stays_in_each_half_warp()
    {
        // Segments of 16: lane 0 sums 0..15 = 120, lane 16 sums 16..31 = 376, lane 32 sums 32..47 = 632;
        // lane 31 adds its own value at each of the 4 steps: 31·2⁴ = 496.
        AssertPrints("120 376 632 496\n", ShflDownReduction(16));
    }

    [Fact]
    public void Shuffle_modes_follow_CUDA_clamping_rules()
    {
        // lane 5: idx 33 with width 8 reads lane 1; up 7 in a segment of 8 keeps its own; xor 12 with width 8 targets lane 9 (a later segment): own.
        AssertPrints("1 5 5 3\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (declare a int) (declare b int) (declare c int) (declare e int)
                (set a (shfl idx -1 [tid.x] 33 8))
                (set b (shfl up -1 [tid.x] 7 8))
                (set c (shfl xor -1 [tid.x] 12 8))
                (set e (shfl xor -1 [tid.x] 6 8))
                (if (eq [tid.x] 5) ((store out a) (store (ptradd out 1) b) (store (ptradd out 2) c) (store (ptradd out 3) e))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 16) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d %d %d %d\n") (load d) (load (ptradd d 1)) (load (ptradd d 2)) (load (ptradd d 3)))
                (ret 0)))
            """);
    }

    [Fact]
    public void Sixty_four_bit_values_shuffle_whole()
    {
        AssertPrints("8589934593\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int64)))
                (declare v int64)
                (set v (add (int64 8589934592) (sext [tid.x] int64)))
                (set v (shfl idx -1 v 1 32))
                (if (eq [tid.x] 0) (store out v)))
              (define ((main int))
                (declare d (ptr int64))
                (call cudaMallocManaged (ptr-to d) (int64 8) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%lld\n") (load d))
                (ret 0)))
            """);
    }

    [Fact]
    public void Votes_any_all_and_ballot()
    {
        AssertPrints("1 0 0x0000ffff 1\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (declare any bool) (declare all bool) (declare bal int) (declare uni bool)
                (set any (vote any -1 (lt [tid.x] 16)))
                (set all (vote all -1 (lt [tid.x] 16)))
                (set bal (vote ballot -1 (lt [tid.x] 16)))
                (set uni (vote uni -1 #t))
                (if (eq [tid.x] 0) ((store out (zext any int)) (store (ptradd out 1) (zext all int)) (store (ptradd out 2) bal)
                                    (store (ptradd out 3) (zext uni int)))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 16) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d %d 0x%08x %d\n") (load d) (load (ptradd d 1)) (load (ptradd d 2)) (load (ptradd d 3)))
                (ret 0)))
            """);
    }

    [Fact]
    public void A_lane_named_in_the_mask_that_exited_is_TR0308()
    {
        var d = RunFails("""
            (c-lisp
              (define-kernel ((k void))
                (if (lt [tid.x] 8) (ret))
                (syncwarp -1))
              (define ((main int))
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))))
                (ret 0)))
            """, Codes.WarpDivergence);
        Assert.Contains("exited", d.Message);
    }

    [Fact]
    public void Lanes_waiting_at_different_warp_operations_is_TR0308()
    {
        RunFails("""
            (c-lisp
              (define-kernel ((k void))
                (if (lt [tid.x] 16)
                  (syncwarp -1)
                  (syncwarp -1)))
              (define ((main int))
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))))
                (ret 0)))
            """, Codes.WarpDivergence);
    }

    [Fact]
    public void A_partial_mask_only_waits_for_its_lanes()
    {
        AssertPrints("3\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (if (lt [tid.x] 4)
                  (store (ptradd out [tid.x]) (shfl idx 15 [tid.x] 3 32))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 16) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d\n") (load d))
                (ret 0)))
            """);
    }

    [Fact]
    public void Activemask_names_the_lanes_on_the_callers_side_of_a_branch_and_all_of_them_after_it()
    {
        // Lanes 0-4 take the branch (0x1f = 31), lanes 5-31 the other side (0xffffffe0 = -32); after the if
        // every lane is back (-1), whichever side ran first.
        AssertPrints("31 -32 -32 -1 -1\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (if (lt [tid.x] 5)
                  (store (ptradd out [tid.x]) [activemask])
                  (store (ptradd out [tid.x]) [activemask]))
                (store (ptradd out (add [tid.x] 32)) [activemask]))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 256) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d %d %d %d %d\n") (load d) (load (ptradd d 5)) (load (ptradd d 31)) (load (ptradd d 32)) (load (ptradd d 63)))
                (ret 0)))
            """);
    }

    [Fact]
    public void Activemask_in_a_function_called_from_both_arms_counts_each_arm_apart()
    {
        // Both arms wait at the same instruction of `lanes`, reached through different calls.
        AssertPrints("31 -32\n", """
            (c-lisp
              (define ((lanes int)) (ret [activemask]))
              (define-kernel ((k void) (out (ptr int)))
                (if (lt [tid.x] 5)
                  (store (ptradd out [tid.x]) (call lanes))
                  (store (ptradd out [tid.x]) (call lanes))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 128) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d %d\n") (load d) (load (ptradd d 20)))
                (ret 0)))
            """);
    }

    [Fact]
    public void Activemask_in_a_loop_names_the_lanes_still_iterating()
    {
        // Lane L runs L % 4 rounds: round 0 has the lanes with L % 4 > 0 (0xeeeeeeee), round 2 those with L % 4 == 3 (0x88888888).
        AssertPrints("-286331154 -2004318072\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (declare r int)
                (set r 0)
                (while (lt r (rem [tid.x] 4))
                  (store (ptradd out (add (mul r 32) [tid.x])) [activemask])
                  (set r (add r 1))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 512) 1)
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d %d\n") (load (ptradd d 1)) (load (ptradd d 67)))
                (ret 0)))
            """);
    }
}
