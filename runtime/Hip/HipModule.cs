using Translate.Backends.Amdgpu;
using Translate.Ir.Verification;
using Translate.Runtime.Hip.Interop;
using static Translate.Runtime.Hip.Interop.HipNative;

namespace Translate.Runtime.Hip;

/// <summary>Our AMD code object loaded by the HIP runtime (hipModuleLoadData): its kernels and globals by name.</summary>
public sealed unsafe class HipModule : IDisposable
{
    private nint _module;
    private readonly Dictionary<string, nint> _functions = [];

    public HipModule(byte[] codeObject)
    {
        fixed (byte* p = codeObject)
        {
            int result = hipModuleLoadData(out _module, p);
            if (result != 0)
                throw new HipException("hipModuleLoadData", result, $"the HIP runtime rejected our code object: {HipRuntime.Describe(result)}");
        }
    }

    /// <summary>The program's code object for <paramref name="arch"/> (backends/Amdgpu, linked by ld.lld-19), as bytes.</summary>
    public static byte[] CodeObject(CheckedModule program, string arch)
    {
        var path = Path.Combine(Path.GetTempPath(), $"translate-hip-{Environment.ProcessId}-{Guid.NewGuid():N}.co");
        try
        {
            AmdgpuCompiler.EmitCodeObject(program, arch, path);
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    public nint Function(string name)
    {
        if (_functions.TryGetValue(name, out var f)) return f;
        HipRuntime.Check(hipModuleGetFunction(out f, _module, name), $"hipModuleGetFunction({name})");
        return _functions[name] = f;
    }

    /// <summary>The device address and size of a module global (our code names them <c>__trg_NAME</c>); null when the module has none by that name.</summary>
    public (ulong Address, long Bytes)? Global(string symbol)
    {
        int result = hipModuleGetGlobal(out ulong address, out nuint bytes, _module, symbol);
        return result == 0 ? (address, (long)bytes) : null;
    }

    public void Dispose()
    {
        if (_module != 0) hipModuleUnload(_module);
        _module = 0;
    }
}
