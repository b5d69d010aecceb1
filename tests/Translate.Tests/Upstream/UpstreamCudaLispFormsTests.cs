using Translate.Ir.Parsing;
using Translate.Ir.Printing;

namespace Translate.Tests.Upstream;

/// <summary>
/// Upstream CUDA-Lisp's own spellings (its cuda-lisp.py, as its tests/cuda-lisp programs write them) read with upstream's
/// meaning: shared arrays written [N T], and declare-global, a local pointer into global memory.
/// </summary>
public sealed class UpstreamCudaLispFormsTests
{
    private static string Canonical(string text) => IrPrinter.Print(IrParser.ParseText(text, "upstream.sexp"));

    [Fact]
    public void A_shared_array_written_as_count_and_type_in_brackets_is_that_array()
    {
        string printed = Canonical("(cuda-lisp (define-shared s [64 int]) (define-kernel ((k void)) (store (aptradd s (tid.x)) 1)))");
        Assert.Contains("(define-shared s (arr 64 int))", printed);
    }

    [Fact]
    public void Declare_global_declares_a_pointer_into_global_memory()
    {
        string printed = Canonical("(cuda-lisp (define-kernel ((k void) (a (ptr float))) (declare-global p (ptr float)) (set p (bitcast a (ptr float (addrspace 1))))))");
        Assert.Contains("(declare p (ptr float (addrspace 1)))", printed);
    }

    [Fact]
    public void Declare_global_of_anything_but_a_pointer_is_refused_as_upstream_refuses_it()
    {
        var e = Assert.Throws<Translate.Ir.Diagnostics.DiagnosticException>(() =>
            IrParser.ParseText("(cuda-lisp (define-kernel ((k void)) (declare-global n int)))", "upstream.sexp"));
        Assert.Contains("declare-global declares a pointer", e.Message);
    }
}
