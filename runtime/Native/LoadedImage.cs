using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.BuildMode;
using Translate.Runtime.Cpu;

namespace Translate.Runtime.Native;

/// <summary>
/// One registered device image (one .cu file's device code, or a driver-API module). It is parsed, checked and compiled
/// for the device at its first use, not at registration, which runs before main where nothing can be reported. A module
/// already in memory (PTX lifted by cuModuleLoadData) is used as it is, keeping its PTX positions for run-time errors.
/// </summary>
internal sealed class LoadedImage(DeviceImage image, Ir.Model.IrModule? module = null)
{
    private IKernelHost? _host;
    private bool _failed;

    public DeviceImage Image { get; } = image;

    /// <summary>
    /// The block a kernel's pointer may reach on a device with its own memory: device memory, or pinned
    /// and registered host memory (mapped, zero-copy memory is mirrored around each launch like device memory).
    /// </summary>
    private static (nint Start, long Size)? DeviceReachable(nint address) =>
        NativeRuntime.Device.Find(address) ?? NativeRuntime.Pinned.Find(address) ?? Exports.HostMemory.RegisteredBlock(address);

    /// <summary>The device code loaded on <paramref name="device"/> (a name <see cref="BuildModeDevices"/> supports).</summary>
    private static IKernelHost Load(string device, CheckedModule checkedModule, TextWriter? stdout = null) =>
        BuildModeKernelHosts.Load(device, checkedModule, stdout ?? new LibcStreams.StdoutWriter(), DeviceReachable,
            address => NativeRuntime.Device.Find(address) is null, () => NativeRuntime.OpenCl.Value,
            new Backends.Cpu.CpuCompileOptions(NativeRuntime.CheckMemory, NativeRuntime.FloatMode), (NativeRuntime.Device as CheckedAllocations)?.Memory);

    /// <summary>The compiled device code, or null (after reporting why) when it cannot be loaded.</summary>
    public IKernelHost? Host()
    {
        if (_host is not null || _failed) return _host;
        Ir.Model.IrModule? code = module;
        try
        {
            code ??= IrParser.ParseText(Image.ModuleText, Image.Source);
            var checkedModule = TypeChecker.Check(code);
            var device = NativeRuntime.DeviceName!;
            _host = NativeRuntime.VerifyDevice is { } second
                // The second device's printf output is dropped (except OpenCL's, which the driver writes itself).
                ? new VerifyingKernelHost(checkedModule, Load(device, checkedModule), device, Load(second, checkedModule, TextWriter.Null), second,
                    NativeRuntime.DeviceBlocks, NativeRuntime.VerifyTolerance!, NativeRuntime.ReleaseGate, LibcStreams.ErrorLine)
                : Load(device, checkedModule);
        }
        catch (DiagnosticException e)
        {
            _failed = true;
            // Positions in the embedded IR text mean nothing to the user: each is reported at its CUDA statement.
            var positions = code is null ? null : new Ir.Analysis.SourcePositions(code);
            foreach (var d in e.Diagnostics)
                LibcStreams.ErrorLine($"translate runtime: device code of {Image.Source}: {(positions is null ? d : d with { Location = positions.ToSource(d.Location) })}");
        }
        return _host;
    }
}
