using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

internal sealed partial class ModuleLifter
{
    /// <summary>
    /// The roots of device-only lifting besides the kernels defined at file scope: kernel template
    /// instantiations that host code launches or names, and device variables, which host code may reach
    /// through cudaMemcpyToSymbol without any kernel using them.
    /// </summary>
    private void RequestDeviceRoots(Cursor root)
    {
        foreach (var d in HostVisibleDeviceDeclarations(root, _source))
        {
            if (d.Kind is CursorKind.VarDecl) TryRequestGlobal(d);
            else Request(d);
        }
    }

    /// <summary>
    /// The device code host code can name, as definitions: kernels (defined in user code, or instantiated
    /// where host code names them — found by what its expressions reference, explicit instantiations included through
    /// the references <see cref="ExplicitInstantiations"/> appends) and <c>__device__</c>/<c>__constant__</c>
    /// variables at namespace scope or named by host code.
    /// </summary>
    internal static IEnumerable<Cursor> HostVisibleDeviceDeclarations(Cursor root, SourceMap source)
    {
        var work = new Stack<Cursor>(root.Children.Where(c => !source.IsLibrary(c)));
        var visited = new HashSet<Cursor>();
        while (work.Count > 0)
        {
            var c = work.Pop();
            if (IsDeviceVariable(c) && AtNamespaceScope(c))
            {
                yield return c;
                continue;
            }
            if (c.Kind is CursorKind.FunctionDecl && c.IsDefinition && Has(c, CursorKind.CUDAGlobalAttr))
                yield return c;
            if (c.IsExpression && c.Referenced is { IsNull: false } target)
            {
                if (target.Kind is CursorKind.FunctionDecl && Has(target, CursorKind.CUDAGlobalAttr) && !target.Definition.IsNull)
                    yield return target.Definition;
                else if (IsDeviceVariable(target) && AtNamespaceScope(target) && !source.IsLibrary(target))
                    yield return target.Definition.IsNull ? target : target.Definition;
                // Implicit instantiations are not children of anything: reach a host template's instantiated
                // body (and the kernel instantiations it launches) by following what the host code calls.
                else if (target.Kind is CursorKind.FunctionDecl or CursorKind.CXXMethod or CursorKind.Constructor or CursorKind.Destructor or CursorKind.ConversionFunction
                    && target.Definition is { IsNull: false } body && !source.IsLibrary(body) && visited.Add(body))
                    work.Push(body);
            }
            foreach (var child in c.Children) work.Push(child);
        }
    }

    private static bool AtNamespaceScope(Cursor variable) => variable.SemanticParent.Kind is CursorKind.TranslationUnit or CursorKind.Namespace;

    private static bool IsDeviceVariable(Cursor c) =>
        c.Kind is CursorKind.VarDecl && (Has(c, CursorKind.CUDADeviceAttr) || Has(c, CursorKind.CUDAConstantAttr)) && !Has(c, CursorKind.CUDASharedAttr);

    private void TryRequestGlobal(Cursor variable)
    {
        try { RequestGlobal(variable, _source.Locate(variable)); }
        catch (LiftException e) { _bag.Add(e.Diagnostic); }
    }
}
