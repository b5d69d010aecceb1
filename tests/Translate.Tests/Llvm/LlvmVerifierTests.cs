using Translate.Backends.Cpu;
using Translate.Tests.Cpu;

namespace Translate.Tests.Llvm;

/// <summary>Whole programs lowered to LLVM pass LLVM's verifier (EmitLlvmText verifies before optimizing).</summary>
public class LlvmVerifierTests : CpuTestBase
{
    [RequiresFact(Need.Cpu)]
    public void Structs_vectors_globals_and_kernels_verify()
    {
        var text = CpuCompiler.EmitLlvmText(Check("""
            (c-lisp
              (define-struct pair (a int8) (b (vec 3 float)) (c double))
              (define-global (table (arr 4 int)) (const (1 2 3)))
              (define-global (scale float) (const 2.5) (addrspace 4))
              (define ((f (struct pair)) (p (struct pair)))
                (ret (insertvalue p (make (vec 3 float) 1.0 2.0 (extractvalue (extractvalue p b) y)) b)))
              (define-kernel ((k void) (x (ptr (vec 4 float))) (n int))
                (define-shared tile (arr 32 float))
                (declare v (vec 4 float))
                (set v (load (ptradd x [tid.x])))
                (store (aptradd tile [tid.x]) (fmul (extractvalue v x) (load (ptr-to scale))))
                [__syncthreads]
                (while (lt n 4) (set n (add n 1)) [__syncthreads])
                (store (ptradd x [tid.x]) (fadd v v)))
              (define ((main int)) (ret (load (aptradd table 1)))))
            """), optimize: false);
        Assert.Contains("__tr_block_k", text);
    }
}
