namespace Translate.Tests.SpirV;

/// <summary>Constructs the samples do not all reach, each given to both consumers.</summary>
public class ConstructTests : SpirVTestBase
{
    public static TheoryData<string> Kernels() => new()
    {
        // counting barriers
        """
        (c-lisp
          (define-kernel ((k void) (out (ptr int)))
            (declare c int)
            (set c (syncthreads-count (lt [tid.x] 10)))
            (declare a bool)
            (set a (syncthreads-and (lt [tid.x] 10)))
            (if (syncthreads-or (lt [tid.x] 10)) (store (ptradd out 2) (add c (zext a int))))))
        """,
        // a warp shuffle in a loop some work-items run longer, under a thread-dependent if, and one left by break
        // and continue: run in step by the block
        """
        (c-lisp
          (define-kernel ((k void) (p (ptr int)))
            (if (lt [tid.x] 16)
                ((while (lt (load p) 4) (store p (shfl down -1 (load p) 1 32)))))
            (while (lt (load p) 8)
              (if (eq [tid.x] 3) (break))
              (if (eq [tid.x] 5) (continue))
              (store p (shfl down -1 (load p) 1 32)))))
        """,
        // switch with fall-through, do-while, continue, short-circuit and ?:, printf
        """
        (c-lisp
          (define-kernel ((k void) (out (ptr int)) (n int))
            (declare s int)
            (set s 0)
            (switch n
              (case (1) (set s 1))
              (case (2 3) (set s (add s 2)) (break))
              (default (set s 7)))
            (declare i int)
            (set i 0)
            (do-while (lt i n)
              (set i (add i 1))
              (if (eq (urem i 2) 0) (continue))
              (set s (add s (cond (land (gt i 3) (lt i 9)) i 0))))
            (call printf (string "s=%d %f\n") s (fpext (sitofp s float) double))
            (store out s)))
        """,
        // every kind of atomic: integer, wrapping increment/decrement, float (compare-exchange loops), 64-bit
        """
        (c-lisp
          (define-kernel ((k void) (p (ptr int)) (f (ptr float)) (q (ptr int64)))
            (atomic-rmw add p 1 device relaxed)
            (atomic-rmw umax p 3 device seq_cst)
            (atomic-rmw uinc p 10 device relaxed)
            (atomic-rmw udec p 10 block relaxed)
            (atomic-rmw fadd f 1.5 device relaxed)
            (atomic-cas p 1 2 device acq_rel)
            (atomic-rmw add q (int64 1) system relaxed)
            (fence device seq_cst)))
        """,
        // bool in memory (a byte): a bool parameter, bool pointers, a bool struct field, a shared bool array, a bool global
        """
        (c-lisp
          (define-struct Cell (v int) (live bool))
          (define-global (seen bool) (addrspace 1))
          (define-kernel ((mark void) (flags (ptr bool)) (cells (ptr (struct Cell))) (invert bool) (n int))
            (define-shared local (arr 64 bool))
            (declare i int)
            (set i [tid.x])
            (store (aptradd local (zext [tid.x] int64)) (ne (lt i n) invert))
            [__syncthreads]
            (declare mine bool)
            (set mine (load (aptradd local (zext (urem (add [tid.x] 1) 64) int64))))
            (store (ptradd flags i) mine)
            (store (sptradd (ptradd cells i) live) (land mine (load (ptradd flags 0))))
            (if (load (sptradd (ptradd cells i) live)) (store (ptr-to seen) #t))))
        """,
        // device memset (a byte loop) and memcpy (OpCopyMemorySized), from global and into private memory
        """
        (c-lisp
          (define-kernel ((k void) (out (ptr int)) (n int64))
            (declare tile (arr 16 int))
            (call memset (bitcast (aptradd tile 0) (ptr int8)) 0 (int64 64))
            (call memcpy (bitcast (aptradd tile 0) (ptr int8)) (bitcast out (ptr int8)) n)
            (call memset (bitcast out (ptr int8)) 255 n)
            (store (ptradd out [tid.x]) (load (aptradd tile (zext (urem [tid.x] 16) int64))))))
        """,
        // __trap() and a failed assert, in a kernel and in device functions returning a value and a bool, with code after them
        """
        (c-lisp
          (define ((checked int) (x int))
            (if (lt x 0) (trap assert))
            (ret (mul x 2)))
          (define ((positive bool) (x float))
            (if (fle x (float 0.0)) (() (trap) (ret #t)))
            (ret #f))
          (define-kernel ((k void) (out (ptr int)) (f (ptr float)))
            (store (ptradd out [tid.x]) (call checked (load (ptradd out [tid.x]))))
            (if (call positive (load (ptradd f [tid.x]))) (trap))
            (store (ptradd out 0) 1)))
        """,
        // bit reversal of 32- and 64-bit values (HeCBench bitpermute's __brev; OpenCL.std has none)
        """
        (c-lisp
          (define-kernel ((k void) (out (ptr int)) (wide (ptr int64)))
            (store (ptradd out [tid.x]) (math brev (load (ptradd out [tid.x]))))
            (store (ptradd wide [tid.x]) (math brev (load (ptradd wide [tid.x]))))))
        """,
    };

    [RequiresTheory(Need.SpirVValidator)]
    [MemberData(nameof(Kernels))]
    public void Construct_passes_spirv_val(string text)
    {
        var program = CompileText(text);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.Validate(program.Binary);
        Assert.True(complaint is null, $"{complaint}\n{SpirVTools.Disassemble(program.Binary)}");
    }

    [RequiresTheory(Need.SpirVReader)]
    [MemberData(nameof(Kernels))]
    public void Construct_is_read_back_by_llvm_spirv(string text)
    {
        var program = CompileText(text);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.ReadBack(program.Binary);
        Assert.True(complaint is null, complaint);
    }

    /// <summary>The checks can fail: a module with its first function's OpReturn removed is refused by spirv-val.</summary>
    [RequiresFact(Need.SpirVValidator)]
    public void A_broken_module_is_refused()
    {
        var binary = CompileText("(c-lisp (define-kernel ((k void) (p (ptr int))) (store p 1)))").Binary;
        var words = Enumerable.Range(0, binary.Length / 4).Select(i => BitConverter.ToUInt32(binary, i * 4)).ToList();
        int ret = words.FindIndex(5, w => w == ((1u << 16) | (uint)Backends.SpirV.Grammar.Op.Return));
        Assert.True(ret > 0);
        words.RemoveAt(ret);
        var broken = words.SelectMany(BitConverter.GetBytes).ToArray();
        Assert.NotNull(SpirVTools.Validate(broken));
    }
}
