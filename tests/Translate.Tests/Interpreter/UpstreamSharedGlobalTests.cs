using Translate.Ir.Diagnostics;

namespace Translate.Tests.Interpreter;

/// <summary>
/// Upstream writes shared memory as a global in <c>(addrspace 3)</c>: shared memory in a module with kernels, ordinary
/// memory in a host program (upstream's x86 build ignores the address space) — the same here.
/// </summary>
public class UpstreamSharedGlobalTests : InterpreterTestBase
{
    [Fact]
    public void In_a_module_with_kernels_it_is_shared_memory()
    {
        AssertPrints("63 0\n", """
            (c-lisp
              (define-global (tile (arr 64 int)) (addrspace 3))
              (define-kernel ((reverse void) (d (ptr int)))
                (store (aptradd tile [tid.x]) (load (ptradd d [tid.x])))
                [__syncthreads]
                (store (ptradd d [tid.x]) (load (aptradd tile (sub 63 [tid.x])))))
              (define ((main int))
                (declare d (ptr int)) (declare i int)
                (call cudaMallocManaged (ptr-to d) (int64 256) 1)
                (for ((set i 0) (lt i 64) (set i (add i 1))) (store (ptradd d i) i))
                (launch reverse (grid 1 1 1) (block 64 1 1) (shared (int64 0)) (stream (null (ptr int8))) d)
                (call cudaDeviceSynchronize)
                (call printf (string "%d %d\n") (load d) (load (ptradd d 63)))
                (ret 0)))
            """);
    }

    [Fact]
    public void In_a_host_program_it_is_an_ordinary_global()
    {
        AssertPrints("20\n", """
            (c-lisp
              (define-global (a (arr 20 int)) (addrspace 3))
              (define ((main int))
                (store (aptradd a 3) 20)
                (call printf (string "%d\n") (load (aptradd a 3)))
                (ret 0)))
            """);
    }

    [Fact]
    public void As_shared_memory_it_takes_no_initializer()
    {
        var e = Assert.Throws<DiagnosticException>(() => Check("""
            (c-lisp
              (define-global (n int) (const 5) (addrspace 3))
              (define-kernel ((k void)) (ret)))
            """));
        Assert.Contains(e.Diagnostics, d => d.Code == Codes.BadGlobal);
    }
}
