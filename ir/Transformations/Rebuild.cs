using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// How a pass checks the module it rewrote: the checker fills nodes in place, so the rewritten module is read back from
/// its forms into fresh nodes, each keeping the source position of the node it came from (diagnostics after the pass
/// name the program's lines, as before it).
/// </summary>
internal static class Rebuild
{
    public static CheckedModule Checked(IrModule module, CheckedModule original) =>
        TypeChecker.Recheck(IrParser.Parse([IrPrinter.ToForm(module)], original.Module.File), original);
}
