using System.Text;
using Translate.Runtime.Cuda.Interop;
using static Translate.Runtime.Cuda.Interop.CudaNative;

namespace Translate.Runtime.Cuda;

/// <summary>Our PTX loaded by the driver (cuModuleLoadDataEx, which JIT-compiles it): its kernels and globals by name.</summary>
public sealed unsafe class CudaModule : IDisposable
{
    private nint _module;
    private readonly Dictionary<string, nint> _functions = [];

    public CudaModule(string ptx)
    {
        var image = Encoding.UTF8.GetBytes(ptx + "\0");
        var log = new byte[16 * 1024];
        fixed (byte* pImage = image) fixed (byte* pLog = log)
        {
            // The JIT's error log says what it rejected in our PTX; it goes into the exception.
            int* options = stackalloc int[] { JitErrorLogBuffer, JitErrorLogBufferSizeBytes };
            nint* values = stackalloc nint[] { (nint)pLog, log.Length };
            int result = cuModuleLoadDataEx(out _module, pImage, 2, options, values);
            if (result != 0)
                throw new CudaException("cuModuleLoadDataEx", result,
                    $"the driver rejected our PTX: {CudaDriver.Describe(result)}\n{Encoding.UTF8.GetString(log).TrimEnd('\0')}");
        }
    }

    public nint Function(string name)
    {
        if (_functions.TryGetValue(name, out var f)) return f;
        CudaDriver.Check(cuModuleGetFunction(out f, _module, name), $"cuModuleGetFunction({name})");
        return _functions[name] = f;
    }

    /// <summary>The device address and size of a module global (our PTX names them <c>__trg_NAME</c>); null when the module has none by that name.</summary>
    public (ulong Address, long Bytes)? Global(string symbol)
    {
        int result = cuModuleGetGlobal(out ulong address, out nuint bytes, _module, symbol);
        return result == 0 ? (address, (long)bytes) : null;
    }

    public void Dispose()
    {
        if (_module != 0) cuModuleUnload(_module);
        _module = 0;
    }
}
