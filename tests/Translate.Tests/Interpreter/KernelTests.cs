using Translate.Ir.Diagnostics;

namespace Translate.Tests.Interpreter;

public class KernelTests : InterpreterTestBase
{
    [Fact]
    public void Vector_add_with_cudaMalloc_memcpy_and_launch()
    {
        AssertPrints("c[0] = 0 c[999] = 2997 errors = 0\n", """
            (c-lisp
              (define-kernel ((vadd void) (a (ptr float)) (b (ptr float)) (c (ptr float)) (n int))
                (declare i int)
                (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
                (if (lt i n)
                  (store (ptradd c i) (fadd (load (ptradd a i)) (load (ptradd b i))))))
              (define ((main int))
                (declare n int)
                (set n 1000)
                (declare bytes int64)
                (set bytes (mul (sext n int64) (int64 4)))
                (declare ha (ptr float)) (declare hb (ptr float)) (declare hc (ptr float))
                (set ha (bitcast (call malloc bytes) (ptr float)))
                (set hb (bitcast (call malloc bytes) (ptr float)))
                (set hc (bitcast (call malloc bytes) (ptr float)))
                (declare i int)
                (for ((set i 0) (lt i n) (set i (add i 1)))
                  (store (ptradd ha i) (sitofp i float))
                  (store (ptradd hb i) (sitofp (mul 2 i) float)))
                (declare da (ptr float)) (declare db (ptr float)) (declare dc (ptr float))
                (call cudaMalloc (ptr-to da) bytes)
                (call cudaMalloc (ptr-to db) bytes)
                (call cudaMalloc (ptr-to dc) bytes)
                (call cudaMemcpy da ha bytes 1)
                (call cudaMemcpy db hb bytes 1)
                (declare err int)
                (set err (launch vadd (grid (div (add n 255) 256) 1 1) (block 256 1 1) (shared (int64 0)) (stream (null (ptr int8))) da db dc n))
                (call cudaMemcpy hc dc bytes 2)
                (call printf (string "c[0] = %g c[999] = %g errors = %d\n") (fpext (load hc) double) (fpext (load (ptradd hc 999)) double) err)
                (call cudaFree da) (call cudaFree db) (call cudaFree dc)
                (ret 0)))
            """);
    }

    private const string Reduction = """
        (c-lisp
          (define-kernel ((reduce void) (in (ptr int)) (out (ptr int)))
            (define-shared partial (arr 256 int))
            (declare t int)
            (set t [tid.x])
            (store (aptradd partial t) (load (ptradd in (add (mul [bid.x] [bdim.x]) t))))
            [__syncthreads]
            (declare s int)
            (for ((set s (div [bdim.x] 2)) (gt s 0) (set s (ashr s 1)))
              (if (lt t s)
                (store (aptradd partial t) (add (load (aptradd partial t)) (load (aptradd partial (add t s))))))
              [__syncthreads])
            (if (eq t 0) (store (ptradd out [bid.x]) (load (aptradd partial 0)))))
          (define ((main int))
            (declare h (ptr int))
            (set h (bitcast (call malloc (int64 4096)) (ptr int)))
            (declare i int)
            (for ((set i 0) (lt i 1024) (set i (add i 1))) (store (ptradd h i) i))
            (declare din (ptr int)) (declare dout (ptr int))
            (call cudaMalloc (ptr-to din) (int64 4096))
            (call cudaMalloc (ptr-to dout) (int64 16))
            (call cudaMemcpy din h (int64 4096) 1)
            (launch reduce (grid 4 1 1) (block 256 1 1) (shared (int64 0)) (stream (null (ptr int8))) din dout)
            (call cudaMemcpy h dout (int64 16) 2)
            (call printf (string "%d %d %d %d total %d\n") (load h) (load (ptradd h 1)) (load (ptradd h 2)) (load (ptradd h 3))
              (add (add (load h) (load (ptradd h 1))) (add (load (ptradd h 2)) (load (ptradd h 3)))))
            (ret 0)))
        """;

    [Fact]
    public void Shared_memory_tree_reduction_with_syncthreads_in_a_loop()
    {
        AssertPrints("32640 98176 163712 229248 total 523776\n", Reduction);
    }

    [Fact]
    public void A_barrier_reached_by_half_the_block_is_TR0307()
    {
        var d = RunFails("""
            (c-lisp
              (define-kernel ((k void))
                (if (lt [tid.x] 16)
                  [__syncthreads])
                [__syncthreads])
              (define ((main int))
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))))
                (ret 0)))
            """, Codes.BarrierDivergence);
        Assert.Equal(4, d.Location.Line);
        Assert.Contains("block (0,0,0)", d.Message);
    }

    [Fact]
    public void Threads_waiting_at_different_barriers_is_TR0307_naming_both()
    {
        var d = RunFails("""
            (c-lisp
              (define-kernel ((k void))
                (if (lt [tid.x] 16)
                  [__syncthreads]
                  [__syncthreads]))
              (define ((main int))
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))))
                (ret 0)))
            """, Codes.BarrierDivergence);
        Assert.Contains("test.lisp:4:", d.Message);
        Assert.Contains("test.lisp:5:", d.Message);
    }

    [Fact]
    public void A_barrier_inside_a_called_function_works()
    {
        AssertPrints("31 0\n", """
            (c-lisp
              (define-shared buf (arr 32 int))
              (define ((exchange int) (v int))
                (store (aptradd buf [tid.x]) v)
                [__syncthreads]
                (ret (load (aptradd buf (sub 31 [tid.x])))))
              (define-kernel ((k void) (out (ptr int)))
                (store (ptradd out [tid.x]) (call exchange [tid.x])))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMalloc (ptr-to d) (int64 128))
                (launch k (grid 1 1 1) (block 32 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (declare h (arr 32 int))
                (call cudaMemcpy (aptradd h 0) d (int64 128) 2)
                (call printf (string "%d %d\n") (load (aptradd h 0)) (load (aptradd h 31)))
                (ret 0)))
            """);
    }

    [Fact]
    public void Syncthreads_count_and_or_combine_predicates()
    {
        AssertPrints("count 10 and 0 or 1\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (declare c int)
                (set c (syncthreads-count (lt [tid.x] 10)))
                (declare a bool)
                (set a (syncthreads-and (lt [tid.x] 10)))
                (declare o bool)
                (set o (syncthreads-or (lt [tid.x] 10)))
                (if (eq [tid.x] 0)
                  ((store out c) (store (ptradd out 1) (zext a int)) (store (ptradd out 2) (zext o int)))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 12) 1)
                (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call cudaDeviceSynchronize)
                (call printf (string "count %d and %d or %d\n") (load d) (load (ptradd d 1)) (load (ptradd d 2)))
                (ret 0)))
            """);
    }

    [Fact]
    public void Three_dimensional_blocks_and_grids_index_as_CUDA()
    {
        AssertPrints("24 2 3 4 2\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (declare lin int)
                (set lin (add [tid.x] (mul [bdim.x] (add [tid.y] (mul [bdim.y] [tid.z])))))
                (if (land (eq lin 23) (eq [bid.y] 1))
                  ((store out (add lin 1)) (store (ptradd out 1) [bdim.x]) (store (ptradd out 2) [bdim.y]) (store (ptradd out 3) [bdim.z])
                   (store (ptradd out 4) [gdim.y]))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 20) 1)
                (launch k (grid 1 2 1) (block 2 3 4) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call printf (string "%d %d %d %d %d\n") (load d) (load (ptradd d 1)) (load (ptradd d 2)) (load (ptradd d 3)) (load (ptradd d 4)))
                (ret 0)))
            """);
    }

    [Fact]
    public void An_invalid_launch_configuration_returns_error_9_and_records_it()
    {
        AssertPrints("9 9 0 cudaErrorInvalidConfiguration\n", """
            (c-lisp
              (define-kernel ((k void)) (ret))
              (define ((main int))
                (declare e int)
                (set e (launch k (grid 1 1 1) (block 2048 1 1) (shared (int64 0)) (stream (null (ptr int8)))))
                (declare last int)
                (set last (call cudaGetLastError))
                (call printf (string "%d %d %d %s\n") e last (call cudaGetLastError) (call cudaGetErrorName e))
                (ret 0)))
            """);
    }

    [Fact]
    public void Dynamic_shared_arrays_alias_one_buffer_sized_by_the_launch()
    {
        AssertPrints("7\n", """
            (c-lisp
              (define-shared dyn-a (arr 0 int))
              (define-shared dyn-b (arr 0 int))
              (define-kernel ((k void) (out (ptr int)))
                (if (eq [tid.x] 0) (store (aptradd dyn-a 3) 7))
                [__syncthreads]
                (if (eq [tid.x] 1) (store out (load (aptradd dyn-b 3)))))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMallocManaged (ptr-to d) (int64 4) 1)
                (launch k (grid 1 1 1) (block 2 1 1) (shared (int64 16)) (stream (null (ptr int8))) d)
                (call printf (string "%d\n") (load d))
                (ret 0)))
            """);
    }

    [Fact]
    public void A_barrier_in_a_loop_with_different_trip_counts_is_TR0307()
    {
        var d = RunFails("""
            (c-lisp
              (define-kernel ((k void))
                (declare i int)
                (for ((set i 0) (le i [tid.x]) (set i (add i 1)))
                  [__syncthreads])
                [__syncthreads])
              (define ((main int))
                (launch k (grid 1 1 1) (block 4 1 1) (shared (int64 0)) (stream (null (ptr int8))))
                (ret 0)))
            """, Codes.BarrierDivergence);
        Assert.Contains("different barriers", d.Message);
    }

    [Fact]
    public void Threads_that_returned_take_no_part_in_a_later_barrier()
    {
        AssertPrints("10 30\n", """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (define-shared s (arr 64 int))
                (store (aptradd s [tid.x]) [tid.x])
                [__syncthreads]
                (if (ge [tid.x] 5) (ret))
                [__syncthreads]
                (if (eq [tid.x] 0) (store out (add (add (load (aptradd s 1)) (load (aptradd s 2))) (add (load (aptradd s 3)) (load (aptradd s 4))))))
                [__syncthreads]
                (if (eq [tid.x] 4) (store (ptradd out 1) (add (load out) (mul (load (aptradd s 10)) 2)))))
              (define ((main int))
                (declare out (ptr int))
                (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (int64 8) 1)
                (launch k (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) out)
                (call cudaDeviceSynchronize)
                (call printf (string "%d %d\n") (load out) (load (ptradd out 1)))
                (ret 0)))
            """);
    }
}
