using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// The device-side parse of a file (<c>--cuda-device-only</c>, where clang defines <c>__CUDA_ARCH__</c>), from
/// which device code is lifted, as nvcc compiles device code in its device pass: kernels, the functions they
/// call and <c>__device__</c>/<c>__constant__</c> variables. Host code is lifted from the host-side parse; where
/// it names device code (a launch, a kernel template instantiation, <c>cudaMemcpyToSymbol</c> of a variable),
/// the same entity is found here by its <see cref="EntityKey"/>.
/// </summary>
internal sealed class DeviceView(TranslationUnit unit, SourceMap source)
{
    private Dictionary<string, Cursor>? _index;

    public Cursor Root => unit.Root;

    /// <summary>Whether a cursor already belongs to the device-side parse.</summary>
    public bool Owns(Cursor c) => unit.Contains(c);

    /// <summary>The device-side definition of a kernel or device variable named in the host-side parse, or null
    /// when the device compilation has none (its definition is conditional on <c>__CUDA_ARCH__</c>).</summary>
    public Cursor? Find(Cursor hostDeclaration)
    {
        _index ??= BuildIndex();
        return _index.TryGetValue(EntityKey.Of(hostDeclaration), out var c) ? c : null;
    }

    /// <summary>
    /// Whether the device compilation of a parsed file can differ from its host compilation: some file the parse read
    /// mentions <c>__CUDA_ARCH__</c>, the one macro clang defines differently in the two (every other predefined macro
    /// is the same on both sides: clang defines the host's, such as <c>__x86_64__</c>, in device compilation and
    /// <c>__NVPTX__</c> in host compilation). Searching the files clang read costs far less than a second parse.
    /// </summary>
    public static bool Differs(TranslationUnit hostParse) => hostParse.AnyFileContains("__CUDA_ARCH__");

    private Dictionary<string, Cursor> BuildIndex()
    {
        var index = new Dictionary<string, Cursor>();
        foreach (var d in ModuleLifter.HostVisibleDeviceDeclarations(unit.Root, source))
            index.TryAdd(EntityKey.Of(d), d);
        return index;
    }
}
