using Translate.Ir.Diagnostics;

namespace Translate.Tests.Cpu;

public class CpuProgramTests : CpuTestBase
{
    [RequiresFact(Need.Cpu)]
    public void Arithmetic_wraps_and_printf_formats_like_glibc() => AssertPrints("-2147483648 8 3.500000 ff\n", """
        (c-lisp
          (define ((main int))
            (declare x int)
            (set x 2147483647)
            (call printf (string "%d %d %f %x\n") (add x 1) (shl 1 35) (fpext (fdiv 7.0 2.0) double) 255)
            (ret 0)))
        """);

    [RequiresFact(Need.Cpu)]
    public void Recursion_loops_and_switch_with_fall_through() => AssertPrints("120 10 b c\n", """
        (c-lisp
          (define ((fact int) (n int)) (if (le n 1) (ret 1)) (ret (mul n (call fact (sub n 1)))))
          (define ((main int))
            (declare s int)
            (for ((set s 0) (lt s 100) (set s (add s 1))) (if (eq s 10) (break)))
            (call printf (string "%d %d ") (call fact 5) s)
            (switch 1
              (case (0) (call printf (string "a ")))
              (case (1) (call printf (string "b ")))
              (case (2) (call printf (string "c\n")) (break))
              (default (call printf (string "d\n"))))
            (ret 0)))
        """);

    [RequiresFact(Need.Cpu)]
    public void Division_by_zero_is_a_runtime_error() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare z int)
            (set z 0)
            (ret (div 5 z))))
        """, Codes.DivideByZero);

    [RequiresFact(Need.Cpu)]
    public void Exit_status_is_returned() => Assert.Equal(3, RunCpu("""
        (c-lisp (define ((main int)) (call exit 3) (ret 0)))
        """).ExitCode);

    [RequiresFact(Need.Cpu)]
    public void Vector_add_kernel_runs_on_all_blocks() => AssertPrints("sum 499500\n", VectorAdd);

    internal const string VectorAdd = """
        (c-lisp
          (define-kernel ((vadd void) (a (ptr int)) (b (ptr int)) (c (ptr int)) (n int))
            (declare i int)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (if (lt i n) (store (ptradd c i) (add (load (ptradd a i)) (load (ptradd b i))))))
          (define ((main int))
            (declare n int)
            (set n 1000)
            (declare a (ptr int)) (declare b (ptr int)) (declare c (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to a) (ptr (ptr int8))) (int64 4000) 1)
            (call cudaMallocManaged (bitcast (ptr-to b) (ptr (ptr int8))) (int64 4000) 1)
            (call cudaMallocManaged (bitcast (ptr-to c) (ptr (ptr int8))) (int64 4000) 1)
            (declare i int)
            (for ((set i 0) (lt i n) (set i (add i 1)))
              (store (ptradd a i) i)
              (store (ptradd b i) 0))
            (launch vadd (grid 8 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) a b c n)
            (call cudaDeviceSynchronize)
            (declare s int)
            (set s 0)
            (for ((set i 0) (lt i n) (set i (add i 1))) (set s (add s (load (ptradd c i)))))
            (call printf (string "sum %d\n") s)
            (ret 0)))
        """;

    [RequiresFact(Need.Cpu)]
    public void Shared_memory_tree_reduction_with_barriers_in_a_loop() => AssertPrints("8256 8256\n", """
        (c-lisp
          (define-kernel ((reduce void) (out (ptr int)))
            (define-shared buf (arr 128 int))
            (declare t int)
            (set t [tid.x])
            (store (aptradd buf t) (add t 1))
            [__syncthreads]
            (declare s int)
            (for ((set s 64) (gt s 0) (set s (ashr s 1)))
              (if (lt t s) (store (aptradd buf t) (add (load (aptradd buf t)) (load (aptradd buf (add t s))))))
              [__syncthreads])
            (if (eq t 0) (store (ptradd out [bid.x]) (load (aptradd buf 0)))))
          (define ((main int))
            (declare out (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 8) 1)
            (launch reduce (grid 2 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) out)
            (call printf (string "%d %d\n") (load out) (load (ptradd out 1)))
            (ret 0)))
        """);

    [RequiresFact(Need.Cpu)]
    public void Warp_shuffle_reduction_with_width_16_and_32() => AssertPrints("496 120 376\n", """
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (declare v int)
            (set v [tid.x])
            (declare w int)
            (set w v)
            (declare o int)
            (for ((set o 16) (gt o 0) (set o (sdiv o 2)))
              (set v (add v (shfl down -1 v o 32))))
            (for ((set o 8) (gt o 0) (set o (sdiv o 2)))
              (set w (add w (shfl xor -1 w o 16))))
            (if (eq [tid.x] 0) ((store out v) (store (ptradd out 1) w)))
            (if (eq [tid.x] 16) (store (ptradd out 2) w)))
          (define ((main int))
            (declare out (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 12) 1)
            (launch k (grid 1 1 1) (block 32 1 1) (shared 0) (stream (null (ptr int8))) out)
            (call printf (string "%d %d %d\n") (load out) (load (ptradd out 1)) (load (ptradd out 2)))
            (ret 0)))
        """.Replace("sdiv", "div"));

    [RequiresFact(Need.Cpu)]
    public void Atomic_histogram_over_many_blocks() => AssertPrints("2560 2560 2560 2560\n", """
        (c-lisp
          (define-kernel ((hist void) (bins (ptr int)))
            (declare i int)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (atomic-rmw add (ptradd bins (and i 3)) 1 device relaxed))
          (define ((main int))
            (declare bins (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to bins) (ptr (ptr int8))) (int64 16) 1)
            (launch hist (grid 40 1 1) (block 256 1 1) (shared 0) (stream (null (ptr int8))) bins)
            (call printf (string "%d %d %d %d\n") (load bins) (load (ptradd bins 1)) (load (ptradd bins 2)) (load (ptradd bins 3)))
            (ret 0)))
        """);

    [RequiresFact(Need.Cpu)]
    public void Invalid_launch_configuration_is_error_9() => AssertPrints("9 9 0\n", """
        (c-lisp
          (define-kernel ((k void)) (ret))
          (define ((main int))
            (declare r int)
            (set r (launch k (grid 1 1 1) (block 2048 1 1) (shared 0) (stream (null (ptr int8)))))
            (call printf (string "%d %d %d\n") r (call cudaGetLastError) (call cudaGetLastError))
            (ret 0)))
        """);

    [RequiresFact(Need.Cpu)]
    // With nothing after it, a barrier some threads skip runs as on NVIDIA GPUs (tests/programs/divergentBarriers); with another
    // barrier after it the skipping threads would wait there, which no device gives a meaning (the interpreter says TR0307 too).
    public void A_barrier_some_threads_skip_is_TR0307_when_another_barrier_follows() => RunFails("""
        (c-lisp
          (define-kernel ((k void))
            (if (lt [tid.x] 3) [__syncthreads])
            [__syncthreads])
          (define ((main int))
            (launch k (grid 1 1 1) (block 8 1 1) (shared 0) (stream (null (ptr int8))))
            (ret 0)))
        """, Codes.BarrierDivergence);
    // fsm keeps a 32 KiB table per thread across a barrier: 8 MiB for a 256-thread block, more than the
    // stack of the thread that launches it; such frames live on the heap.
    [RequiresFact(Need.Cpu)]
    public void Per_thread_arrays_larger_than_a_stack_live_across_barriers() => AssertPrints("33022 33022 33022\n", """
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (declare table (arr 32768 int))
            (define-shared s (arr 256 int))
            (declare i int)
            (for ((set i 0) (lt i 32768) (set i (add i 1)))
              (store (aptradd table i) (add i [tid.x])))
            (store (aptradd s [tid.x]) [tid.x])
            [__syncthreads]
            (store (ptradd out [tid.x])
              (add (load (aptradd table 32767)) (load (aptradd s (sub 255 [tid.x]))))))
          (define ((main int))
            (declare d (ptr int))
            (call cudaMallocManaged (bitcast (ptr-to d) (ptr (ptr int8))) (int64 1024) 1)
            (launch k (grid 2 1 1) (block 256 1 1) (shared 0) (stream (null (ptr int8))) d)
            (call cudaDeviceSynchronize)
            (call printf (string "%d %d %d\n") (load (ptradd d 0)) (load (ptradd d 128)) (load (ptradd d 255)))
            (ret 0)))
        """);

    // On the heap the frame holds one array per variable, in order of decreasing alignment, each element at
    // its own size: a byte array of odd length beside 8-, 4- and 1-byte scalars, all living across a barrier.
    [RequiresFact(Need.Cpu)]
    public void Per_thread_variables_of_every_alignment_share_a_heap_frame() => AssertPrints("255 1020 4.5 7 65535 4294967550\n", """
        (c-lisp
          (define-kernel ((k void) (out (ptr int64)))
            (declare bytes (arr 20001 int8))
            (declare c int8) (declare d double) (declare f float) (declare l int64) (declare h int16)
            (set c (trunc [tid.x] int8))
            (store (aptradd bytes 20000) (trunc (add [tid.x] 1) int8))
            (set d (fmul (sitofp [tid.x] double) (double 0.5)))
            (set f (sitofp (mul [tid.x] 4) float))
            (set l (add (sext [tid.x] int64) (int64 4294967296)))
            (set h (trunc (sub 0 (add [tid.x] 1)) int16))
            [__syncthreads]
            (if (eq [tid.x] 255)
              (store out (sext (add (zext c int) (zext (load (aptradd bytes 20000)) int)) int64)))
            (if (eq [tid.x] 255) (store (ptradd out 1) (fptosi f int64)))
            (if (eq [tid.x] 9) (store (ptradd out 2) (fptosi (fmul d (double 2.0)) int64)))
            (if (eq [tid.x] 7) (store (ptradd out 3) (sext (trunc l int32) int64)))
            (if (eq [tid.x] 0) (store (ptradd out 4) (zext h int64)))
            (if (eq [tid.x] 254) (store (ptradd out 5) l)))
          (define ((main int))
            (declare o (ptr int64))
            (call cudaMallocManaged (bitcast (ptr-to o) (ptr (ptr int8))) (int64 64) 1)
            (launch k (grid 3 1 1) (block 256 1 1) (shared 0) (stream (null (ptr int8))) o)
            (call cudaDeviceSynchronize)
            (call printf (string "%lld %lld %g %lld %lld %lld\n") (load o) (load (ptradd o 1))
              (fmul (sitofp (load (ptradd o 2)) double) (double 0.5)) (load (ptradd o 3)) (load (ptradd o 4)) (load (ptradd o 5)))
            (ret 0)))
        """);
}
