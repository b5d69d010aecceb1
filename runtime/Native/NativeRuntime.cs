using System.Runtime.InteropServices;
using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Runtime.BuildMode;
using Translate.Runtime.Cpu;

namespace Translate.Runtime.Native;

/// <summary>
/// The state behind the exported CUDA runtime API: registered device images, kernels and device
/// variables (by the host addresses clang's registration code hands over), device memory, streams,
/// events, and CUDA's error model — a last error per host thread, and sticky errors that every later
/// call reports. Kernels run on the cpu device (TRANSLATE_DEVICE selects cpu, interp or opencl; cpu is the default).
/// </summary>
internal static unsafe class NativeRuntime
{
    public static readonly Lock Gate = new();

    /// <summary>
    /// Held while device-reachable memory is released (cudaFree, cudaFreeHost, cudaHostUnregister) and by a verified
    /// launch (<see cref="BuildMode.VerifyingKernelHost"/>), which copies every block: another host thread cannot
    /// free a block under it.
    /// </summary>
    public static readonly Lock ReleaseGate = new();
    public static readonly List<LoadedImage> Images = [];
    public static readonly Dictionary<nint, RegisteredKernel> Kernels = [];
    public static readonly Dictionary<nint, RegisteredVariable> Variables = [];
    public static readonly IDeviceAllocator Pinned = new Allocations(ReleaseGate);

    /// <summary>CUDA's error model, streams and events, as every host of the runtime API keeps them.</summary>
    public static readonly CudaRuntimeState State = new();

    /// <summary>The device kernels run on, from TRANSLATE_DEVICE; null (reported once) when it cannot be used.</summary>
    public static readonly string? DeviceName = SelectDevice();

    private static string? SelectDevice()
    {
        var name = Environment.GetEnvironmentVariable("TRANSLATE_DEVICE");
        if (DeviceOrdinals.CountError is { } countError)
        {
            LibcStreams.ErrorLine($"translate runtime: error {Codes.BuildModeDevice.Id}: {countError}");
            return null;
        }
        if (string.IsNullOrEmpty(name)) return "cpu";
        return Usable("TRANSLATE_DEVICE", name) ? name : null;
    }

    /// <summary>Whether build mode can run kernels on <paramref name="name"/> here; if not, says why once.</summary>
    private static bool Usable(string variable, string name)
    {
        string? reason = null;
        if (!BuildModeDevices.Supports(name))
            reason = $"executables built by `translate build` run their kernels on {BuildModeDevices.Listed} so far; " +
                "use `translate run --device " + name + "` for programs whose host code can be lifted";
        else if (BuildModeDevices.IsOpenCl(name))
            reason = Translate.Runtime.OpenCl.OpenClDeviceSelector.Select(name).Reason;
        if (reason is null) return true;
        LibcStreams.ErrorLine($"translate runtime: error {Codes.BuildModeDevice.Id}: {variable}={name}: {reason}");
        return false;
    }

    /// <summary>
    /// TRANSLATE_VERIFY=DEVICE: every launch also runs on DEVICE from the same memory and the results are compared
    /// (<see cref="BuildMode.VerifyingKernelHost"/>); null when unset. An unusable device is reported once and
    /// leaves the program without a device, as a bad TRANSLATE_DEVICE does.
    /// </summary>
    public static readonly string? VerifyDevice = SelectVerifyDevice();

    /// <summary>Set when TRANSLATE_VERIFY, TRANSLATE_VERIFY_TOLERANCE or TRANSLATE_FP could not be honoured (reported once): no device.</summary>
    private static bool _refused;

    /// <summary>
    /// TRANSLATE_VERIFY_TOLERANCE: the relative difference at which floats from the two devices count as different
    /// (unset: each type's default). Read only with TRANSLATE_VERIFY; when it is not a positive number it is reported
    /// once and null, which leaves the program without a device, as a bad TRANSLATE_VERIFY does.
    /// </summary>
    public static readonly VerifyTolerance? VerifyTolerance = SelectTolerance();

    private static VerifyTolerance? SelectTolerance()
    {
        var text = Environment.GetEnvironmentVariable("TRANSLATE_VERIFY_TOLERANCE");
        if (VerifyDevice is null || string.IsNullOrEmpty(text)) return new(null);
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > 0 && double.IsFinite(t))
            return new(t);
        LibcStreams.ErrorLine($"translate runtime: error {Codes.BuildModeDevice.Id}: TRANSLATE_VERIFY_TOLERANCE={text}: expected a positive number, such as 1e-4");
        _refused = true;
        return null;
    }

    private static string? SelectVerifyDevice()
    {
        var name = Environment.GetEnvironmentVariable("TRANSLATE_VERIFY");
        if (string.IsNullOrEmpty(name)) return null;
        bool bothOpenCl = BuildModeDevices.IsOpenCl(name) && DeviceName is not null && BuildModeDevices.IsOpenCl(DeviceName);
        if (bothOpenCl) LibcStreams.ErrorLine($"translate runtime: error {Codes.BuildModeDevice.Id}: TRANSLATE_VERIFY={name}: one OpenCL device at a time");
        if (!bothOpenCl && Usable("TRANSLATE_VERIFY", name)) return name;
        _refused = true;
        return null;
    }

    /// <summary>Every block of device-reachable memory a kernel could write: device, pinned and registered host memory.</summary>
    public static IReadOnlyList<(nint Start, long Size)> DeviceBlocks() =>
        [.. Device.Blocks(), .. Pinned.Blocks(), .. Exports.HostMemory.RegisteredBlocks()];

    /// <summary>The OpenCL session kernels run in when TRANSLATE_DEVICE or TRANSLATE_VERIFY selects an OpenCL device (opened at first use).</summary>
    public static readonly Lazy<Translate.Runtime.OpenCl.OpenClSession> OpenCl = new(() => Translate.Runtime.OpenCl.OpenClSession.Open(
        DeviceName is { } chosen && BuildModeDevices.IsOpenCl(chosen) ? chosen : VerifyDevice!));

    /// <summary>
    /// TRANSLATE_FP=relaxed (cpu device): kernels are compiled with relaxed floating point, as <c>translate run --fp relaxed</c>
    /// (LLVM may contract a*b+c into an FMA and reassociate); unset or <c>strict</c>: each operation rounds as written. Any
    /// other value is reported once and leaves the program without a device, as a bad TRANSLATE_DEVICE does.
    /// </summary>
    public static readonly Backends.Cpu.FloatMode FloatMode = SelectFloatMode();

    private static Backends.Cpu.FloatMode SelectFloatMode()
    {
        switch (Environment.GetEnvironmentVariable("TRANSLATE_FP"))
        {
            case null or "" or "strict": return Backends.Cpu.FloatMode.Strict;
            case "relaxed": return Backends.Cpu.FloatMode.Relaxed;
            case var other:
                LibcStreams.ErrorLine($"translate runtime: error {Codes.BuildModeDevice.Id}: TRANSLATE_FP={other}: expected strict or relaxed");
                _refused = true;
                return Backends.Cpu.FloatMode.Strict;
        }
    }

    /// <summary>
    /// TRANSLATE_CHECK=1 (cpu device): device memory is checked memory and kernels check every access
    /// into it, as <c>translate run --check</c>.
    /// </summary>
    public static readonly bool CheckMemory = Environment.GetEnvironmentVariable("TRANSLATE_CHECK") == "1" && DeviceName == "cpu";

    /// <summary>Where cudaMalloc's memory comes from.</summary>
    public static readonly IDeviceAllocator Device = CheckMemory ? new CheckedAllocations(new Translate.Runtime.Cpu.CheckedDeviceMemory()) : new Allocations(ReleaseGate);

    /// <summary>Records <paramref name="error"/> as the calling thread's last error (and the sticky one when it is) and returns it.</summary>
    public static int Fail(int error) => State.Fail(error);

    /// <summary>The sticky error, or no device: what a call must return before doing anything.</summary>
    public static int Precondition()
    {
        if (State.StickyError is var sticky and not 0) return sticky;
        return DeviceName is null || _refused ? Fail(CudaErrorCodes.NoDevice) : CudaErrorCodes.Success;
    }

    /// <summary>cudaDeviceReset: device memory, streams and events are released, and errors cleared.</summary>
    public static void Reset()
    {
        Device.FreeAll();
        Exports.Memory.ForgetManaged();
        DeviceOrdinals.Reset();
        State.Reset();
        Graphs.StreamCapture.Reset();
        Graphs.GraphMemory.Reset();
        Graphs.MemoryPools.Reset();
    }

    /// <summary>A handle for a runtime object other than a stream or an event (a context, module, function, array, graph, pool).</summary>
    public static nint NewHandle() => (nint)State.NewHandle();

    /// <summary>Reports a kernel's runtime error the way a failed launch is seen: a message, then cudaErrorLaunchFailure.</summary>
    public static int KernelFailed(string kernel, Diagnostic error)
    {
        LibcStreams.ErrorLine($"translate runtime: kernel '{kernel}' stopped: {error}");
        bool memory = error.Code == Codes.OutOfBounds || error.Code == Codes.UseAfterFree || error.Code == Codes.BadPointer
            || error.Code == Codes.CompiledCodeFault;
        return Fail(memory ? CudaErrorCodes.IllegalAddress : error.Code == Codes.AssertFailed ? CudaErrorCodes.Assert : CudaErrorCodes.LaunchFailure);
    }
}

/// <summary>A kernel as the host registered it: its device image and its IR name (null: not in the image).</summary>
internal sealed record RegisteredKernel(LoadedImage Image, string LinkName, string? IrName)
{
    /// <summary>Where the kernel is in its image's device code and how its arguments pack, found at its first launch.</summary>
    public KernelLaunchPlan? Plan { get; set; }

    /// <summary>cudaFuncAttributeMaxDynamicSharedMemorySize as set by cudaFuncSetAttribute; null: the default,
    /// what is left of <see cref="CudaLimits.SharedBytesPerBlock"/> after the static shared memory.</summary>
    public long? MaxDynamicSharedBytes { get; set; }

    /// <summary>The most dynamic shared memory a launch of this kernel may ask for, beside its <paramref name="staticShared"/>.</summary>
    public long DynamicSharedLimit(long staticShared) => MaxDynamicSharedBytes ?? CudaLimits.SharedBytesPerBlock - staticShared;
}

/// <summary>A kernel's index in its device host and the packing of its arguments (offsets and sizes, record size).</summary>
internal sealed record KernelLaunchPlan(int Index, long[] Offsets, long[] Sizes, long Size);

/// <summary>A device variable as the host registered it: its host shadow's image and IR name, and its size.</summary>
internal sealed record RegisteredVariable(LoadedImage Image, string LinkName, string? IrName, long Size);
