using System.Text;
using Translate.Backends.Nvptx;
using Translate.Runtime.Cuda.Interop;
using static Translate.Runtime.Cuda.Interop.CudaNative;

namespace Translate.Runtime.Cuda;

/// <summary>
/// One NVIDIA GPU and a context on it: cuInit, the device by ordinal, its name and compute
/// capability, and the PTX architecture our NVPTX backend targets for it (the highest one we emit
/// that the device runs; newer GPUs JIT-compile that PTX forward).
/// </summary>
public sealed unsafe class CudaSession : IDisposable
{
    private nint _context;

    public CudaSession(int ordinal = 0)
    {
        CudaDriver.Check(cuInit(0), "cuInit");
        CudaDriver.Check(cuDeviceGetCount(out int count), "cuDeviceGetCount");
        if (ordinal >= count) throw new CudaException("cuDeviceGet", ErrorNoDevice, $"there are {count} CUDA devices; device {ordinal} does not exist");
        CudaDriver.Check(cuDeviceGet(out int device, ordinal), "cuDeviceGet");
        var name = new byte[256];
        fixed (byte* p = name) CudaDriver.Check(cuDeviceGetName(p, name.Length, device), "cuDeviceGetName");
        Name = Encoding.UTF8.GetString(name).TrimEnd('\0');
        CudaDriver.Check(cuDeviceGetAttribute(out int major, AttributeComputeCapabilityMajor, device), "cuDeviceGetAttribute");
        CudaDriver.Check(cuDeviceGetAttribute(out int minor, AttributeComputeCapabilityMinor, device), "cuDeviceGetAttribute");
        ComputeCapability = major * 10 + minor;
        Arch = PtxArch(ComputeCapability) ?? throw new CudaException("cuDeviceGetAttribute", 0,
            $"{Name} has compute capability {major}.{minor}; the nvptx backend emits sm_60 and newer");
        CudaDriver.Check(cuCtxCreate(out _context, 0, device), "cuCtxCreate");
    }

    public string Name { get; }

    /// <summary>Compute capability as major·10 + minor (86 for 8.6).</summary>
    public int ComputeCapability { get; }

    /// <summary>The <c>--arch</c> our PTX is emitted for on this device, e.g. <c>sm_86</c>.</summary>
    public string Arch { get; }

    /// <summary>The highest architecture the nvptx backend emits that a device of this capability runs; null below sm_60.</summary>
    public static string? PtxArch(int computeCapability) => NvptxCompiler.Architectures
        .Where(a => int.Parse(a[3..]) <= computeCapability).OrderBy(a => int.Parse(a[3..])).LastOrDefault();

    /// <summary>Makes this context current on the calling thread (the driver's contexts are per thread).</summary>
    public void MakeCurrent() => CudaDriver.Check(cuCtxSetCurrent(_context), "cuCtxSetCurrent");

    public void Dispose()
    {
        if (_context != 0) cuCtxDestroy(_context);
        _context = 0;
    }
}
