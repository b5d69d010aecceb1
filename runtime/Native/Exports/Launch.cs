using System.Runtime.InteropServices;
using Translate.DeviceContract;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// Kernel launches: <c>kernel&lt;&lt;&lt;g, b, s, st&gt;&gt;&gt;(args)</c> compiles (clang, CUDA ≥ 9.2) to
/// <c>__cudaPushCallConfiguration</c> then a call of the kernel's host stub, which pops the
/// configuration and calls <c>cudaLaunchKernel</c> with pointers to its arguments.
/// </summary>
internal static unsafe class Launch
{
    private readonly record struct Configuration(Dim3 Grid, Dim3 Block, nuint Shared, nint Stream);

    [ThreadStatic] private static Stack<Configuration>? _configurations;

    [UnmanagedCallersOnly(EntryPoint = "__cudaPushCallConfiguration")]
    public static uint PushCallConfiguration(ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nuint shared, nint stream) =>
        (uint)Push(gridXY, gridZ, blockXY, blockZ, shared, stream);

    /// <summary>The pre-9.2 spelling of the same push, still declared by the API.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaConfigureCall")]
    public static int ConfigureCall(ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nuint shared, nint stream) =>
        Push(gridXY, gridZ, blockXY, blockZ, shared, stream);

    private static int Push(ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nuint shared, nint stream)
    {
        (_configurations ??= new()).Push(new Configuration(Dim3.FromRegisters(gridXY, gridZ), Dim3.FromRegisters(blockXY, blockZ), shared, stream));
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaPopCallConfiguration")]
    public static int PopCallConfiguration(Dim3* grid, Dim3* block, nuint* shared, nint* stream)
    {
        if (_configurations is not { Count: > 0 }) return NativeRuntime.Fail(CudaErrorCodes.MissingConfiguration);
        var c = _configurations.Pop();
        *grid = c.Grid; *block = c.Block; *shared = c.Shared; *stream = c.Stream;
        return 0;
    }

    /// <summary><c>cudaError_t cudaLaunchKernel(const void* func, dim3 grid, dim3 block, void** args, size_t shared, cudaStream_t stream)</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchKernel")]
    public static int LaunchKernel(nint function, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint* args, nuint shared, nint stream) =>
        Run(function, Dim3.FromRegisters(gridXY, gridZ), Dim3.FromRegisters(blockXY, blockZ), args, shared, stream);

    internal static int Run(nint function, Dim3 grid, Dim3 block, nint* args, nuint shared, nint stream, bool cooperative = false)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        RegisteredKernel? kernel;
        lock (NativeRuntime.Gate) kernel = NativeRuntime.Kernels.GetValueOrDefault(function);
        if (kernel is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        if (stream != 0 && !StreamsAndEvents.IsStream(stream)) return NativeRuntime.Fail(CudaErrorCodes.InvalidResourceHandle);
        if (kernel.IrName is null)
        {
            LibcStreams.ErrorLine($"translate runtime: error TR0611: kernel '{kernel.LinkName}' is not in the device image of {kernel.Image.Image.Source}");
            return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
        }
        var host = kernel.Image.Host();
        if (host is null) return NativeRuntime.Fail(CudaErrorCodes.InvalidKernelImage);
        var plan = kernel.Plan;
        if (plan is null)
        {
            int found = host.FindKernel(kernel.IrName);
            if (found < 0) return NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
            var (offsets, sizes, size) = host.ArgumentLayout(found);
            kernel.Plan = plan = new KernelLaunchPlan(found, offsets, sizes, size);
        }
        int index = plan.Index;

        // Most argument records are small: packed on the stack, no allocation per launch.
        const int StackRecordBytes = 512;
        byte* onStack = stackalloc byte[StackRecordBytes + 16];
        bool heap = plan.Size > StackRecordBytes;
        var record = heap ? (byte*)NativeMemory.AlignedAlloc((nuint)plan.Size, 16) : (byte*)(((nint)onStack + 15) & ~(nint)15);
        try
        {
            for (int k = 0; k < plan.Offsets.Length; k++)
                Buffer.MemoryCopy((void*)args[k], record + plan.Offsets[k], plan.Sizes[k], plan.Sizes[k]);
            int r = host.Launch(index, grid.ToTuple(), block.ToTuple(), (long)shared, (nint)record, cooperative);
            if (r > 0) return NativeRuntime.Fail(r);
            if (r < 0) return host.Error is { } e ? NativeRuntime.KernelFailed(kernel.IrName, e) : NativeRuntime.Fail(CudaErrorCodes.LaunchFailure);
            return CudaErrorCodes.Success;
        }
        finally
        {
            if (heap) NativeMemory.AlignedFree(record);
        }
    }
}
