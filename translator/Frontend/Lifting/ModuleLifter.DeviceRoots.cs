using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

internal sealed partial class ModuleLifter
{
    /// <summary>
    /// The roots of device-only lifting besides the kernels defined at file scope: kernel template
    /// instantiations that host code launches or names (found by what its expressions reference), and
    /// device variables, which host code may reach through cudaMemcpyToSymbol without any kernel using them.
    /// </summary>
    private void RequestDeviceRoots(Cursor root)
    {
        var work = new Stack<Cursor>(root.Children.Where(c => !_source.IsLibrary(c)));
        var visited = new HashSet<Cursor>();
        while (work.Count > 0)
        {
            var c = work.Pop();
            if (c.Kind is CursorKind.VarDecl && c.SemanticParent.Kind is CursorKind.TranslationUnit or CursorKind.Namespace
                && (Has(c, CursorKind.CUDADeviceAttr) || Has(c, CursorKind.CUDAConstantAttr)) && !Has(c, CursorKind.CUDASharedAttr))
            {
                TryRequestGlobal(c);
                continue;
            }
            if (c.IsExpression && c.Referenced is { IsNull: false } target && target.Kind is CursorKind.FunctionDecl
                && Has(target, CursorKind.CUDAGlobalAttr) && !target.Definition.IsNull)
                Request(target);
            // Implicit instantiations are not children of anything: reach a host template's instantiated
            // body (and the kernel instantiations it launches) by following what the host code calls.
            else if (c.IsExpression && c.Referenced is { IsNull: false } callee
                && callee.Kind is CursorKind.FunctionDecl or CursorKind.CXXMethod or CursorKind.Constructor
                && callee.Definition is { IsNull: false } body && !_source.IsLibrary(body) && visited.Add(body))
                work.Push(body);
            foreach (var child in c.Children) work.Push(child);
        }
    }

    private void TryRequestGlobal(Cursor variable)
    {
        try { RequestGlobal(variable, _source.Locate(variable)); }
        catch (LiftException e) { _bag.Add(e.Diagnostic); }
    }
}
