using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// Declarations in conditions and init-statements of if, while and switch (tests/programs/conditionDeclarations.cu runs
/// them on every device). What libclang does not show cannot be lifted, and is refused rather than dropped: a switch's
/// init-statement.
/// </summary>
public sealed class ConditionDeclarationTests : FrontendTestBase
{
    [Fact]
    public void A_switchs_init_statement_is_refused_not_dropped()
    {
        var result = Lift("""
            __global__ void k(int *o) {
                switch (o[2] = 1; o[0]) { case 5: o[1] = 2; break; }
            }
            """);
        var diagnostic = ExpectDiagnostic(result, Codes.UnsupportedStatement, 2);
        Assert.Contains("a switch with an init-statement", diagnostic.Message);
    }
}
