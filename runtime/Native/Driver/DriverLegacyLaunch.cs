using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;
using static Translate.Runtime.Native.Driver.DriverCalls;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// The launch API before cuLaunchKernel (CUDA 3.x, still exported by the driver): a function keeps a block shape, a
/// dynamic shared size and a parameter buffer set piece by piece at byte offsets; cuLaunchGrid launches it with that
/// buffer as cuLaunchKernel's <c>extra</c> would pass it.
/// </summary>
internal static unsafe class DriverLegacyLaunch
{
    private sealed class Setup
    {
        public Dim3 Block = new() { X = 1, Y = 1, Z = 1 };
        public uint SharedBytes;
        public byte[] Parameters = [];
    }

    private static readonly Dictionary<nint, Setup> Setups = [];

    private static int With(nint function, Func<Setup, int> change)
    {
        if (Ready() is var r and not 0) return r;
        if (function == 0) return CudaDriverResults.InvalidHandle;
        lock (Setups)
        {
            if (!Setups.TryGetValue(function, out var setup)) Setups[function] = setup = new Setup();
            return change(setup);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "cuFuncSetBlockShape")]
    public static int FuncSetBlockShape(nint function, int x, int y, int z) =>
        x <= 0 || y <= 0 || z <= 0 ? CudaDriverResults.InvalidValue
        : With(function, s => { s.Block = new Dim3 { X = (uint)x, Y = (uint)y, Z = (uint)z }; return 0; });

    [UnmanagedCallersOnly(EntryPoint = "cuFuncSetSharedSize")]
    public static int FuncSetSharedSize(nint function, uint bytes) => With(function, s => { s.SharedBytes = bytes; return 0; });

    [UnmanagedCallersOnly(EntryPoint = "cuParamSetSize")]
    public static int ParamSetSize(nint function, uint bytes) => With(function, s => { Array.Resize(ref s.Parameters, (int)bytes); return 0; });

    [UnmanagedCallersOnly(EntryPoint = "cuParamSeti")]
    public static int ParamSeti(nint function, int offset, uint value) => Set(function, offset, &value, sizeof(uint));

    [UnmanagedCallersOnly(EntryPoint = "cuParamSetf")]
    public static int ParamSetf(nint function, int offset, float value) => Set(function, offset, &value, sizeof(float));

    [UnmanagedCallersOnly(EntryPoint = "cuParamSetv")]
    public static int ParamSetv(nint function, int offset, void* data, uint bytes) => Set(function, offset, data, (int)bytes);

    /// <summary>Bytes at an offset of the parameter buffer, which must have room for them (cuParamSetSize first).</summary>
    private static int Set(nint function, int offset, void* data, int bytes)
    {
        if (data == null && bytes > 0) return CudaDriverResults.InvalidValue;
        byte[] copy = new ReadOnlySpan<byte>(data, bytes).ToArray();
        return With(function, s =>
        {
            if (offset < 0 || offset + bytes > s.Parameters.Length) return CudaDriverResults.InvalidValue;
            copy.CopyTo(s.Parameters, offset);
            return 0;
        });
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLaunch")]
    public static int LaunchOne(nint function) => Run(function, 1, 1, 0);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchGrid")]
    public static int LaunchGrid(nint function, int width, int height) => Run(function, width, height, 0);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchGridAsync")]
    public static int LaunchGridAsync(nint function, int width, int height, nint stream) => Run(function, width, height, stream);

    private static int Run(nint function, int width, int height, nint stream)
    {
        if (Ready() is var r and not 0) return r;
        if (width <= 0 || height <= 0) return CudaDriverResults.InvalidValue;
        Setup setup;
        byte[] parameters;
        lock (Setups)
        {
            if (!Setups.TryGetValue(function, out setup!)) setup = new Setup();
            parameters = setup.Parameters.Length > 0 ? (byte[])setup.Parameters.Clone() : new byte[1];
        }
        var grid = new Dim3 { X = (uint)width, Y = (uint)height, Z = 1 };
        fixed (byte* buffer = parameters)
            return DriverLaunch.FromBuffer(function, grid, setup.Block, setup.SharedBytes, stream, (nint)buffer, setup.Parameters.Length);
    }
}
