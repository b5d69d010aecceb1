using Translate.Fuzz.Reduction;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Tests.Fuzz;

/// <summary>The reducer shrinks a program while the property asked for still holds, and keeps it valid.</summary>
public class ReducerTests
{
    [Fact]
    public void A_program_shrinks_to_the_statement_the_property_needs()
    {
        const string program = """
            (c-lisp
              (define ((main int))
                (declare a int) (declare b float)
                (set a (add (mul 3 4) (sub 10 2)))
                (set b (fmul 2.0 (fadd 1.5 2.5)))
                (if (lt a 5) (set a (math popc a)) (set a (math clz a)))
                (call printf (string "%d\n") a)
                (ret 0)))
            """;
        bool Interesting(string text) => text.Contains("popc", StringComparison.Ordinal) && Checks(text);
        string reduced = Reducer.Reduce(program, Interesting, TimeSpan.FromSeconds(30));
        Assert.True(Interesting(reduced));
        Assert.DoesNotContain("fmul", reduced);
        Assert.DoesNotContain("printf", reduced);
        Assert.True(reduced.Length < program.Length / 2, reduced);
    }

    [Fact]
    public void Shared_memory_initialization_and_the_barrier_that_publishes_it_are_kept()
    {
        const string program = """
            (c-lisp
              (define-kernel ((k void) (out (ptr int)))
                (define-shared sha (arr 8 int))
                (declare ltid int) (set ltid [tid.x])
                (if (eq ltid 0) (() (declare j int) (for ((set j 0) (lt j 8) (set j (add j 1))) (store (aptradd sha j) (mul j 7)))))
                [__syncthreads]
                (store (ptradd out ltid) (add (load (aptradd sha 3)) (int 5)))))
            """;
        // Any program that still reads sha counts as interesting: only keeping the initialization stops the reducer
        // from deleting the stores and the barrier the read depends on.
        bool Interesting(string text) => text.Contains("(load (aptradd sha", StringComparison.Ordinal) && Checks(text);
        string reduced = Reducer.Reduce(program, Interesting, TimeSpan.FromSeconds(30));
        Assert.Contains("(store (aptradd sha j)", reduced);
        Assert.Contains("[__syncthreads]", reduced);
        Assert.Contains("(load (aptradd sha", reduced);
    }

    [Fact]
    public void A_NaN_canonicalization_is_kept_whole_or_replaced_by_a_constant()
    {
        const string program = """
            (c-lisp
              (define-kernel ((k void) (out (ptr int64)) (x double))
                (store (ptradd out 0) (bitcast (select (fune (fsub x x) (fsub x x)) (double 0.5) (fsub x x)) int64))))
            """;
        // Any program that still bitcasts a subtraction counts as interesting: the reducer must not leave the bare
        // (fsub x x), whose NaN bits for an infinite x differ between devices, nor break the select's three copies apart.
        bool Interesting(string text) => text.Contains("(bitcast", StringComparison.Ordinal) && text.Contains("fsub", StringComparison.Ordinal) && Checks(text);
        string reduced = Reducer.Reduce(program, Interesting, TimeSpan.FromSeconds(30));
        string oneLine = System.Text.RegularExpressions.Regex.Replace(reduced, @"\s+", " ");
        Assert.True(oneLine.Contains("(select (fune (fsub x x) (fsub x x)) (double 0.5) (fsub x x))", StringComparison.Ordinal), reduced);
    }

    private static bool Checks(string text)
    {
        try
        {
            TypeChecker.Check(IrParser.ParseText(text, "r.lisp"));
            return true;
        }
        catch (DiagnosticException)
        {
            return false;
        }
    }
}
