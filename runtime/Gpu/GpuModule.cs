namespace Translate.Runtime.Gpu;

/// <summary>A program's code loaded on a GPU: its kernels by name (looked up once each) and its globals.</summary>
internal sealed class GpuModule(IGpuDriver driver, nint handle) : IDisposable
{
    private readonly Dictionary<string, nint> _functions = [];
    private nint _handle = handle;

    public nint Function(string name)
    {
        if (!_functions.TryGetValue(name, out var f)) _functions[name] = f = driver.Function(_handle, name);
        return f;
    }

    /// <summary>The device address and size of a module global (our code names them <c>__trg_NAME</c>); null when there is none.</summary>
    public (ulong Address, long Bytes)? Global(string symbol) => driver.Global(_handle, symbol);

    public void Dispose()
    {
        if (_handle != 0) driver.UnloadModule(_handle);
        _handle = 0;
    }
}
