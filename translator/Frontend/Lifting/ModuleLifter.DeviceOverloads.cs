using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// The device side's own overload of a host library function. When a file's device compilation cannot differ from its
/// host compilation (<see cref="DeviceView.Differs"/>), device code is lifted from the host-side parse, where clang
/// resolves the calls of a <c>__host__ __device__</c> function as host code: <c>frexpf(x, &amp;e)</c> there names
/// glibc's. The device compilation names our headers' <c>__device__ frexpf</c> (CUDA overloads functions on where they
/// run, and prefers the caller's side), and so does the lifter for device code.
/// </summary>
internal sealed partial class ModuleLifter
{
    private Cursor _root;
    private Dictionary<string, Cursor>? _deviceOverloads;

    /// <summary>Our headers' <c>__device__</c> function with the name and parameter types of host-only
    /// <paramref name="hostFunction"/>, or null.</summary>
    public Cursor? DeviceOverload(Cursor hostFunction)
    {
        if (_deviceOverloads is null)
        {
            _deviceOverloads = [];
            foreach (var f in HeaderFunctions(_root))
                if (f.IsDefinition && Has(f, CursorKind.CUDADeviceAttr) && _source.IsOurHeader(f.Position))
                    _deviceOverloads.TryAdd(OverloadKey(f), f);
        }
        return _deviceOverloads.TryGetValue(OverloadKey(hostFunction), out var overload) ? overload : null;
    }

    private static IEnumerable<Cursor> HeaderFunctions(Cursor parent)
    {
        foreach (var c in parent.Children)
        {
            if (c.Kind == CursorKind.FunctionDecl) yield return c;
            else if (c.Kind == CursorKind.LinkageSpec)
                foreach (var inner in HeaderFunctions(c)) yield return inner;
        }
    }

    private static string OverloadKey(Cursor f) =>
        f.Spelling + "(" + string.Join(",", Enumerable.Range(0, Math.Max(0, f.ArgumentCount)).Select(i => f.Argument(i).Type.Canonical.Spelling)) + ")";
}
