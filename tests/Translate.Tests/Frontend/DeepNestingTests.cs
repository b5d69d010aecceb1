using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// Source nested thousands of levels deep (found by mutation fuzzing: 9,000 unary <c>*</c> in a row) killed the
/// process with SIGSEGV inside libclang's parser, on its 8 MiB thread; clang's parser and the lifter now run on a
/// thread with a deep stack, so such input gets clang's diagnostic, and deep but valid code lifts.
/// </summary>
public class DeepNestingTests : FrontendTestBase
{
    private const string Main = "\nint main() { return 0; }\n";

    [Fact]
    public void Nine_thousand_dereferences_of_an_int_are_clangs_error_not_a_crash()
    {
        var r = Lift("__global__ void k(int *o, int x) {\n  o[0] = " + new string('*', 9000) + "x;\n}" + Main);
        ExpectDiagnostic(r, Codes.ClangError, 2);
    }

    [Fact]
    public void Twenty_thousand_nested_negations_lift_and_check()
    {
        var r = Lift("__global__ void k(int *o, int x) {\n  o[0] = " + string.Concat(Enumerable.Repeat("- ", 20000)) + "x;\n}" + Main);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics.Take(3)));
        Assert.NotNull(r.Checked);
    }
}
