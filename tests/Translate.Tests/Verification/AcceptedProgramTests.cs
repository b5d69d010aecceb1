using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Tests.Verification;

public class AcceptedProgramTests : CheckerTestBase
{
    [Fact]
    public void Upstream_casts_program_is_well_typed()
    {
        var m = Check("""
            (c-lisp
              (define ((print16 void) (n int16)) (call printf (string "%d\n") (sext n int32)))
              (define ((main void))
                (declare num-32 (ptr int))
                (set num-32 (alloc int 1))
                (store num-32 196612)
                (declare num-16 (ptr int16))
                (set num-16 (bitcast num-32 (ptr int16)))
                (call print16 (load (ptradd num-16 1)))
                (declare small-int int8)
                (set small-int (trunc 255 int8))
                (call print16 (sext (mul small-int (trunc 2 int8)) int16))
                (declare fnum float)
                (set fnum (sitofp -3 float))
                (call print16 (trunc (fptosi fnum int) int16))
                (declare d double)
                (set d (call pow (fpext 2.0 double) (fpext 0.5 double)))))
            """);
        Assert.NotNull(m.Main);
    }

    [Fact]
    public void Bare_literals_take_the_type_their_context_needs()
    {
        var m = Check("""
            (c-lisp
              (define ((f int64) (x int64) (h double))
                (declare y int8)
                (set y 200)
                (if (fgt h 0.5) (ret (add x 1)))
                (ret (mul 3 x))))
            """);
        var f = m.Module.FindFunction("f")!;
        var ret = (ReturnStmt)f.Body!.Statements[^1];
        var mul = (BinaryExpr)ret.Value!;
        Assert.Equal(IrType.Int64, mul.Left.Type);
        Assert.Equal(IrType.Int64, mul.Type);
    }

    [Fact]
    public void A_vector_add_kernel_and_its_host_code_check()
    {
        Check("""
            (c-lisp
              (define-kernel ((vadd void) (a (ptr float)) (b (ptr float)) (c (ptr float)) (n int))
                (declare i int)
                (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
                (if (lt i n)
                  (store (ptradd c i) (fadd (load (ptradd a i)) (load (ptradd b i))))))
              (define ((main int))
                (declare d (ptr float))
                (call cudaMalloc (bitcast (ptr-to d) (ptr (ptr int8))) (int64 400))
                (launch vadd (grid 1 1 1) (block 128 1 1) (shared 0) (stream (null (ptr int8))) d d d 100)
                (call cudaDeviceSynchronize)
                (ret 0)))
            """);
    }

    [Fact]
    public void Cuda_forms_have_their_documented_types()
    {
        var m = Check("""
            (c-lisp
              (define-kernel ((k void) (p (ptr int)) (f (ptr float)))
                (define-shared tile (arr 64 float))
                (declare v int)
                (set v (shfl down -1 (load p) 16 32))
                (declare b int)
                (set b (vote ballot -1 (gt v 0)))
                (atomic-rmw add p 1 device relaxed)
                (atomic-rmw fadd f 1.0 device relaxed)
                (store (aptradd tile [tid.x]) (math sqrt (load f)))
                [__syncthreads]
                (fence device seq_cst)
                (if (syncthreads-or (eq v 0)) (store p (syncthreads-count #t)))))
            """);
        var k = m.Module.FindFunction("k")!;
        Assert.Contains(k.Symbols, s => s.Name == "tile" && s.Kind == SymbolKind.Shared);
    }
}
