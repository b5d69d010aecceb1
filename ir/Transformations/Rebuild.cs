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

    /// <summary>
    /// The module with the body of each function <paramref name="needs"/> picks replaced by <paramref name="rewrite"/>'s,
    /// checked again; the same module when none is picked.
    /// </summary>
    public static CheckedModule Bodies(CheckedModule program, Func<Block, bool> needs, Func<Block, Block> rewrite) =>
        Functions(program, f => needs(f.Body!), rewrite);

    /// <summary>As <see cref="Bodies"/>, picking by the function (defined ones only).</summary>
    public static CheckedModule Functions(CheckedModule program, Func<FunctionDef, bool> needs, Func<Block, Block> rewrite)
    {
        bool changed = false;
        var definitions = program.Module.Definitions.Select(d =>
        {
            if (d is not FunctionDef { Body: { } body } f || !needs(f)) return d;
            changed = true;
            return new FunctionDef(f.Location, f.Kind, f.Name, f.ReturnType, f.Parameters, rewrite(body));
        }).ToList();
        return changed ? Checked(new IrModule(program.Module.File, definitions) { Head = program.Module.Head }, program) : program;
    }
}
