using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Runtime.BuildMode;

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
        if (Prepare(function) is not { } kernel) return NativeRuntime.State.PeekLastError();
        if (StreamsAndEvents.CheckStream(stream) is var badStream and not 0) return badStream;
        // A capturing stream records the launch with its arguments copied now, as CUDA copies them.
        if (Graphs.StreamCapture.Of(stream) is not null)
            return Graphs.StreamCapture.Submit(stream, () => Graphs.KernelNode.Create(function, grid, block, shared, args), null);
        if (Graphs.StreamCapture.LegacyStreamConflict(stream) is var conflict and not 0) return conflict;

        // Most argument records are small: packed on the stack, no allocation per launch.
        const int StackRecordBytes = 512;
        byte* onStack = stackalloc byte[StackRecordBytes + 16];
        bool heap = kernel.Plan.Size > StackRecordBytes;
        var record = heap ? (byte*)NativeMemory.AlignedAlloc((nuint)kernel.Plan.Size, 16) : (byte*)(((nint)onStack + 15) & ~(nint)15);
        try
        {
            Pack(kernel.Plan, args, record);
            return Execute(kernel, grid, block, shared, record, cooperative);
        }
        finally
        {
            if (heap) NativeMemory.AlignedFree(record);
        }
    }

    /// <summary>A registered kernel ready to launch: its device host and argument packing (found at its first launch).</summary>
    internal readonly record struct PreparedKernel(RegisteredKernel Kernel, KernelLaunchPlan Plan, IKernelHost Host);

    /// <summary>The kernel whose host stub is <paramref name="function"/>, or null with the error recorded.</summary>
    internal static PreparedKernel? Prepare(nint function)
    {
        RegisteredKernel? kernel;
        lock (NativeRuntime.Gate) kernel = NativeRuntime.Kernels.GetValueOrDefault(function);
        if (kernel is null) { NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction); return null; }
        if (kernel.IrName is null)
        {
            LibcStreams.ErrorLine($"translate runtime: error TR0611: kernel '{kernel.LinkName}' is not in the device image of {kernel.Image.Image.Source}");
            NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction);
            return null;
        }
        var host = kernel.Image.Host();
        if (host is null) { NativeRuntime.Fail(CudaErrorCodes.InvalidKernelImage); return null; }
        var plan = kernel.Plan;
        if (plan is null)
        {
            int found = host.FindKernel(kernel.IrName);
            if (found < 0) { NativeRuntime.Fail(CudaErrorCodes.InvalidDeviceFunction); return null; }
            var (offsets, sizes, size) = host.ArgumentLayout(found);
            kernel.Plan = plan = new KernelLaunchPlan(found, offsets, sizes, size);
        }
        return new PreparedKernel(kernel, plan, host);
    }

    /// <summary>Copies the arguments <paramref name="args"/> points to into a record laid out as the plan says.</summary>
    internal static void Pack(KernelLaunchPlan plan, nint* args, byte* record)
    {
        for (int k = 0; k < plan.Offsets.Length; k++)
            Buffer.MemoryCopy((void*)args[k], record + plan.Offsets[k], plan.Sizes[k], plan.Sizes[k]);
    }

    /// <summary>Runs the kernel on a packed argument record; a failure is recorded as CUDA reports it.</summary>
    internal static int Execute(PreparedKernel kernel, Dim3 grid, Dim3 block, nuint shared, byte* record, bool cooperative = false)
    {
        if (NativeRuntime.Precondition() is var pre and not 0) return pre;
        // The kernel's own limit (48 KiB with the static part unless it opted in to more); the host checks the device's.
        if ((long)shared > kernel.Kernel.DynamicSharedLimit(kernel.Host.StaticSharedBytes(kernel.Plan.Index)))
            return NativeRuntime.Fail(CudaErrorCodes.InvalidConfiguration);
        int r = kernel.Host.Launch(kernel.Plan.Index, grid.ToTuple(), block.ToTuple(), (long)shared, (nint)record, cooperative);
        foreach (var w in kernel.Host.TakeWarnings()) LibcStreams.ErrorLine($"translate runtime: kernel '{kernel.Kernel.IrName}': {w}");
        if (r > 0) return NativeRuntime.Fail(r);
        if (r < 0) return kernel.Host.Error is { } e ? NativeRuntime.KernelFailed(kernel.Kernel.IrName!, e) : NativeRuntime.Fail(CudaErrorCodes.LaunchFailure);
        return CudaErrorCodes.Success;
    }
}
