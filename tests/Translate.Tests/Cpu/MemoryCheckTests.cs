using Translate.Backends.Cpu;
using Translate.Ir.Diagnostics;

namespace Translate.Tests.Cpu;

/// <summary>
/// <c>--check</c> on the cpu device: accesses through pointers into device memory are checked against
/// the live allocations, so an overrun or a use after free is a diagnostic at the access, not corruption.
/// </summary>
public sealed class MemoryCheckTests : CpuTestBase
{
    private static readonly CpuCompileOptions Checked = new(CheckMemory: true);

    /// <summary>A kernel writing a[i] = i for 128 threads into <c>N</c> ints, and the sum printed.</summary>
    private static string Fill(int ints, string afterLaunch = "") => $$"""
        (c-lisp
          (define-kernel ((fill void) (a (ptr int)))
            (store (ptradd a [tid.x]) [tid.x]))
          (define ((main int))
            (declare a (ptr int))
            (call cudaMalloc (bitcast (ptr-to a) (ptr (ptr int8))) (int64 {{ints * 4}}))
            {{afterLaunch}}
            (launch fill (grid 1 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) a)
            (call cudaDeviceSynchronize)
            (declare h (arr 128 int))
            (call cudaMemcpy (bitcast (aptradd h 0) (ptr int8)) (bitcast a (ptr int8)) (int64 {{Math.Min(ints, 128) * 4}}) 2)
            (declare s int) (declare i int)
            (set s 0)
            (for ((set i 0) (lt i {{Math.Min(ints, 128)}}) (set i (add i 1))) (set s (add s (load (aptradd h i)))))
            (call printf (string "sum %d\n") s)
            (ret 0)))
        """;

    private static Diagnostic RunCheckedFails(string program, DiagnosticCode code)
    {
        var e = Assert.Throws<DiagnosticException>(() => RunCpu(program, Checked));
        var d = e.Diagnostics[0];
        Assert.True(d.Code == code, $"expected {code.Id}, got: {d}");
        return d;
    }

    [RequiresFact(Need.Cpu)]
    public void Correct_programs_print_the_same_with_and_without_checks()
    {
        Assert.Equal(("sum 8128\n", 0), RunCpu(Fill(128), Checked));
        Assert.Equal(RunCpu(CpuProgramTests.VectorAdd), RunCpu(CpuProgramTests.VectorAdd, Checked));
    }

    [RequiresFact(Need.Cpu)]
    public void A_store_past_the_end_of_a_cudaMalloc_allocation_is_TR0301_at_the_store()
    {
        var d = RunCheckedFails(Fill(100), Codes.OutOfBounds);
        Assert.Equal("write of 4 bytes at offset 400 of a 400-byte allocation from cudaMalloc, which is 400 bytes long", d.Message);
        Assert.Equal(3, d.Location.Line); // the store in the kernel
    }

    [RequiresFact(Need.Cpu)]
    public void A_kernel_using_freed_memory_is_TR0302()
    {
        var d = RunCheckedFails(Fill(128, "(call cudaFree (bitcast a (ptr int8)))"), Codes.UseAfterFree);
        Assert.Equal("write of 4 bytes at offset 0 of a 512-byte allocation from cudaMalloc, which was freed", d.Message);
    }

    [RequiresFact(Need.Cpu)]
    public void Freeing_twice_is_cudaErrorInvalidValue_as_on_a_GPU() => Assert.Equal(("0 1 1\n", 0), RunCpu("""
        (c-lisp
          (define ((main int))
            (declare a (ptr int8))
            (call cudaMalloc (ptr-to a) (int64 64))
            (declare first int) (declare second int)
            (set first (call cudaFree a))
            (set second (call cudaFree a))
            (call printf (string "%d %d %d\n") first second (call cudaGetLastError))
            (ret 0)))
        """, Checked));

    [RequiresFact(Need.Cpu)]
    public void A_cudaMemcpy_past_the_end_copies_nothing_and_is_TR0301()
    {
        var d = RunCheckedFails("""
            (c-lisp
              (define ((main int))
                (declare a (ptr int8))
                (declare h (arr 64 int8))
                (call cudaMalloc (ptr-to a) (int64 32))
                (call cudaMemcpy a (aptradd h 0) (int64 64) 1)
                (ret 0)))
            """, Codes.OutOfBounds);
        Assert.Equal("cudaMemcpy: write of 64 bytes at offset 0 of a 32-byte allocation from cudaMalloc, which is 32 bytes long", d.Message);
    }

    /// <summary>A kernel reading a[off] into o[0], launched after two 64-byte cudaMallocs, a then o (or o then a).</summary>
    private static string ReadAt(int offset, bool aFirst) => $$"""
        (c-lisp
          (define-kernel ((peek void) (a (ptr int)) (o (ptr int)) (off int))
            (store o (load (ptradd a off))))
          (define ((main int))
            (declare a (ptr int)) (declare o (ptr int))
            {{(aFirst ? "" : "(call cudaMalloc (bitcast (ptr-to o) (ptr (ptr int8))) (int64 64))")}}
            (call cudaMalloc (bitcast (ptr-to a) (ptr (ptr int8))) (int64 64))
            {{(aFirst ? "(call cudaMalloc (bitcast (ptr-to o) (ptr (ptr int8))) (int64 64))" : "")}}
            (launch peek (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) a o {{offset}})
            (call cudaDeviceSynchronize)
            (ret 0)))
        """;

    [RequiresFact(Need.Cpu)]
    public void A_read_just_before_the_first_cudaMalloc_allocation_is_TR0301_at_the_load()
    {
        // The program's first allocation is not at the bottom of the checked range: a guard page lies below it too.
        var d = RunCheckedFails(ReadAt(-1, aFirst: true), Codes.OutOfBounds);
        Assert.Equal("read of 4 bytes at offset -4 of a 64-byte allocation from cudaMalloc, 4 bytes before its start", d.Message);
        Assert.Equal(3, d.Location.Line); // the load in the kernel
    }

    [RequiresFact(Need.Cpu)]
    public void A_read_just_before_a_later_allocation_is_described_from_that_allocation()
    {
        var d = RunCheckedFails(ReadAt(-1, aFirst: false), Codes.OutOfBounds);
        Assert.Equal("read of 4 bytes at offset -4 of a 64-byte allocation from cudaMalloc, 4 bytes before its start", d.Message);
    }

    [RequiresFact(Need.Cpu)]
    public void A_read_just_past_an_allocation_is_still_described_from_that_allocation()
    {
        var d = RunCheckedFails(ReadAt(16, aFirst: true), Codes.OutOfBounds);
        Assert.Equal("read of 4 bytes at offset 64 of a 64-byte allocation from cudaMalloc, which is 64 bytes long", d.Message);
    }

    [RequiresFact(Need.Cpu)]
    public void A_vector_load_from_an_address_aligned_for_its_elements_only_is_TR0303_at_the_load()
    {
        // p + 1 is 8-byte aligned; the 16-byte vector load's instruction needs 16 (a GPU reports cudaErrorMisalignedAddress).
        var d = RunCheckedFails("""
            (c-lisp
              (define-kernel ((misaligned void) (p (ptr double)) (o (ptr float)))
                (declare v (vec 4 float))
                (set v (load (bitcast (ptradd p 1) (ptr (vec 4 float)))))
                (store (bitcast o (ptr (vec 4 float))) v))
              (define ((main int))
                (declare p (ptr double)) (declare o (ptr float))
                (call cudaMalloc (bitcast (ptr-to p) (ptr (ptr int8))) (int64 64))
                (call cudaMalloc (bitcast (ptr-to o) (ptr (ptr int8))) (int64 16))
                (launch misaligned (grid 1 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))) p o)
                (call cudaDeviceSynchronize)
                (ret 0)))
            """, Codes.Misaligned);
        Assert.Equal("read of 16 bytes at offset 8 of a 64-byte allocation from cudaMalloc: needs 16-byte alignment", d.Message);
        Assert.Equal(4, d.Location.Line);
    }

    [RequiresFact(Need.Cpu)]
    public void Host_malloc_memory_is_outside_the_checked_range()
    {
        // malloc'd memory is outside the checked range: only device allocations are checked (interp checks all).
        Assert.Equal(("7\n", 0), RunCpu("""
            (c-lisp
              (define ((main int))
                (declare p (ptr int))
                (set p (bitcast (call malloc (int64 16)) (ptr int)))
                (store (ptradd p 3) 7)
                (call printf (string "%d\n") (load (ptradd p 3)))
                (ret 0)))
            """, Checked));
    }
}
