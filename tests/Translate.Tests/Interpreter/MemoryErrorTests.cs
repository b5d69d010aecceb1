using Translate.Ir.Diagnostics;

namespace Translate.Tests.Interpreter;

public class MemoryErrorTests : InterpreterTestBase
{
    [Fact]
    public void Out_of_bounds_in_a_kernel_is_TR0301_at_the_IR_and_CUDA_locations_with_the_thread()
    {
        var d = RunFails("""
            (c-lisp
              (define-kernel ((k void) (a (ptr int)))
                (loc "vec.cu" 12 5)
                (store (ptradd a [tid.x]) 1))
              (define ((main int))
                (declare d (ptr int))
                (call cudaMalloc (ptr-to d) (int64 16))
                (launch k (grid 1 1 1) (block 8 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (ret 0)))
            """, Codes.OutOfBounds);
        Assert.Equal(("test.lisp", 4), (d.Location.File, d.Location.Line));
        Assert.Contains("vec.cu:12:5", d.Message);
        Assert.Contains("block (0,0,0) thread (4,0,0)", d.Message);
        Assert.Contains("of memory from cudaMalloc, which is 16 bytes long", d.Message);
    }

    [Fact]
    public void An_aggregate_read_past_the_end_names_the_whole_access()
    {
        // A 32-byte struct loaded wholly past the end of a 40-byte allocation: the message gives the access's size, not its first byte's.
        var d = RunFails("""
            (c-lisp
              (define-struct V8 (d (arr 8 int)))
              (define ((main int))
                (declare p (ptr int8))
                (call cudaMallocManaged (ptr-to p) (int64 40) 1)
                (declare v (struct V8))
                (set v (load (bitcast (ptradd p 48) (ptr (struct V8)))))
                (ret 0)))
            """, Codes.OutOfBounds);
        Assert.Contains("read of 32 bytes at offset 48", d.Message);
    }

    [Fact]
    public void Null_dereference_is_TR0304() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare p (ptr int))
            (set p (null (ptr int)))
            (ret (load p))))
        """, Codes.NullPointer);

    [Fact]
    public void Use_after_free_is_TR0302() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare p (ptr int))
            (set p (bitcast (call malloc (int64 4)) (ptr int)))
            (call free p)
            (ret (load p))))
        """, Codes.UseAfterFree);

    [Fact]
    public void A_pointer_to_a_returned_functions_local_is_dead() => RunFails("""
        (c-lisp
          (define ((escape (ptr int)))
            (declare x int)
            (set x 5)
            (ret (ptr-to x)))
          (define ((main int))
            (ret (load (call escape)))))
        """, Codes.UseAfterFree);

    [Fact]
    public void Misaligned_access_is_TR0303() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare p (ptr int8))
            (set p (call malloc (int64 8)))
            (ret (load (bitcast (ptradd p 1) (ptr int))))))
        """, Codes.Misaligned);

    [Fact]
    public void An_integer_made_into_a_pointer_is_TR0305() => RunFails("""
        (c-lisp
          (define ((main int))
            (ret (load (inttoptr (int64 4096) (ptr int))))))
        """, Codes.BadPointer);

    [Fact]
    public void Writing_a_string_literal_is_TR0315() => RunFails("""
        (c-lisp
          (define ((main int))
            (store (string "abc") (trunc 65 int8))
            (ret 0)))
        """, Codes.ReadOnlyWrite);

    [Fact]
    public void Freeing_a_pointer_not_from_malloc_is_TR0312() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare p (ptr int8))
            (set p (call malloc (int64 8)))
            (call free (ptradd p 1))
            (ret 0)))
        """, Codes.BadFree);

    [Fact]
    public void Trap_is_TR0311() => RunFails("""
        (c-lisp
          (define ((main int)) (trap) (ret 0)))
        """, Codes.Trap);

    [Fact]
    public void Pointer_round_trips_through_integers() => AssertPrints("9\n", """
        (c-lisp
          (define ((main int))
            (declare p (ptr int))
            (set p (bitcast (call calloc (int64 4) (int64 4)) (ptr int)))
            (store (ptradd p 2) 9)
            (declare bits int64)
            (set bits (add (ptrtoint p int64) (int64 8)))
            (call printf (string "%d\n") (load (inttoptr bits (ptr int))))
            (ret 0)))
        """);

    [Fact]
    public void Host_code_dereferencing_cudaMalloc_memory_is_TR0313() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare d (ptr int))
            (call cudaMalloc (ptr-to d) (int64 4))
            (ret (load d))))
        """, Codes.WrongSpace);

    [Fact]
    public void A_kernel_dereferencing_host_malloc_memory_is_TR0313() => RunFails("""
        (c-lisp
          (define-kernel ((k void) (p (ptr int))) (store p 1))
          (define ((main int))
            (declare h (ptr int))
            (set h (bitcast (call malloc (int64 4)) (ptr int)))
            (launch k (grid 1 1 1) (block 1 1 1) (shared (int64 0)) (stream (null (ptr int8))) h)
            (ret 0)))
        """, Codes.WrongSpace);

    [Fact]
    public void Inline_assembly_in_a_run_without_an_assembler_is_reported_when_it_runs() => RunFails("""
        (c-lisp
          (define ((main int))
            (ret (asm "mov.u32 $0, %laneid;" "=r" int))))
        """, Codes.UnsupportedInput);

    [Fact]
    public void A_kernel_dereferencing_a_host_local_is_TR0313() => RunFails("""
        (c-lisp
          (define-kernel ((k void) (p (ptr int))) (store p 1))
          (define ((main int))
            (declare x int)
            (launch k (grid 1 1 1) (block 1 1 1) (shared (int64 0)) (stream (null (ptr int8))) (ptr-to x))
            (ret x)))
        """, Codes.WrongSpace);

    [Fact]
    public void Structs_pass_by_value_to_kernels() => AssertPrints("7\n", """
        (c-lisp
          (define-struct args (out (ptr int)) (v int))
          (define-kernel ((k void) (a (struct args))) (store (extractvalue a out) (extractvalue a v)))
          (define ((main int))
            (declare d (ptr int))
            (call cudaMallocManaged (ptr-to d) (int64 4) 1)
            (launch k (grid 1 1 1) (block 1 1 1) (shared (int64 0)) (stream (null (ptr int8))) (make (struct args) d 7))
            (call printf (string "%d\n") (load d))
            (ret 0)))
        """);

    [Fact]
    public void A_float4_load_needs_16_byte_alignment() => RunFails("""
        (c-lisp
          (define ((main int))
            (declare p (ptr float))
            (set p (bitcast (call malloc (int64 64)) (ptr float)))
            (declare v (vec 4 float))
            (set v (load (bitcast (ptradd p 1) (ptr (vec 4 float)))))
            (ret 0)))
        """, Codes.Misaligned);

    [Fact]
    public void Vector_values_add_lane_by_lane() => AssertPrints("11 22 33 44\n", """
        (c-lisp
          (define ((main int))
            (declare a (vec 4 int))
            (set a (make (vec 4 int) 1 2 3 4))
            (declare b (vec 4 int))
            (set b (add a (make (vec 4 int) 10 20 30 40)))
            (call printf (string "%d %d %d %d\n") (extractvalue b x) (extractvalue b y) (extractvalue b z) (extractvalue b w))
            (ret 0)))
        """);
}
