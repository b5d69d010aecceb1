using Translate.Backends.Cpu;
using Translate.Backends.Cpu.Execution;
using Translate.Ir.Verification;
using Translate.Runtime.BuildMode;
using Translate.Runtime.OpenCl;

namespace Translate.Runtime.Cpu;

/// <summary>Where device code runs on host-addressable memory, by device name: what a build-mode executable and
/// <c>translate run-kernel</c> both load kernels into.</summary>
public static class BuildModeKernelHosts
{
    /// <summary>
    /// The device code loaded on <paramref name="device"/> (a name <see cref="BuildModeDevices"/> supports).
    /// <paramref name="reachable"/>: the block a kernel's pointer may reach; <paramref name="isMappedHost"/>: whether a
    /// reachable block is host memory mapped into the device; <paramref name="openCl"/>: the session of an OpenCL device.
    /// </summary>
    public static IKernelHost Load(string device, CheckedModule code, TextWriter stdout, AllocationResolver reachable, Func<nint, bool> isMappedHost,
        Func<OpenClSession> openCl, CpuCompileOptions? cpuOptions = null, CheckedDeviceMemory? checkedMemory = null) => device switch
    {
        "cpu" => new CpuKernelHost(code, stdout, KernelCache.DefaultDirectory, cpuOptions, checkedMemory),
        "interp" => new InterpKernelHost(code, stdout, reachable, isMappedHost),
        _ => new OpenClKernelHost(code, openCl(), reachable),
    };
}
