using System.Runtime.InteropServices;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.GpuMath;

namespace Translate.Tests.Gpu.Math;

[UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate float FloatUnary(float x);
[UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate float FloatBinary(float x, float y);
[UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate double DoubleUnary(double x);
[UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate double DoubleBinary(double x, double y);

/// <summary>
/// The GPU math library compiled for this machine by LLVM's JIT: the very LLVM IR functions the
/// NVPTX and AMDGPU modules receive, with external linkage so they can be looked up and called.
/// </summary>
public sealed class HostDeviceMath : IDisposable
{
    private readonly LlvmJit _jit = new();

    public HostDeviceMath()
    {
        using var context = new LlvmThreadSafeContext();
        var module = new LlvmModule(context.Context, "device-math");
        module.SetTarget(_jit.Triple, _jit.DataLayout);
        var library = new DeviceMath(module, 0, Linkage.External);
        foreach (var name in DeviceMath.FloatFunctions) library.Function(name, false);
        foreach (var name in DeviceMath.DoubleFunctions) library.Function(name, true);
        if (module.Verify() is { } report) throw new InvalidOperationException(report);
        _jit.Add(module, context);
    }

    public T Get<T>(string name, bool isDouble) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(_jit.Lookup(DeviceMath.Symbol(name, isDouble)));

    public void Dispose() => _jit.Dispose();
}

/// <summary>The host C library's functions .NET's Math does not offer (glibc: below 1 ulp in double).</summary>
internal static class Libm
{
    private const string Library = "libm.so.6";
    [DllImport(Library, EntryPoint = "expm1")] public static extern double Expm1(double x);
    [DllImport(Library, EntryPoint = "log1p")] public static extern double Log1p(double x);
    [DllImport(Library, EntryPoint = "erf")] public static extern double Erf(double x);
    [DllImport(Library, EntryPoint = "erfc")] public static extern double Erfc(double x);
    [DllImport(Library, EntryPoint = "exp10")] public static extern double Exp10(double x);
    [DllImport(Library, EntryPoint = "exp2")] public static extern double Exp2(double x);
    [DllImport(Library, EntryPoint = "remainder")] public static extern double Remainder(double x, double y);
    [DllImport(Library, EntryPoint = "fdim")] public static extern double Fdim(double x, double y);
}
