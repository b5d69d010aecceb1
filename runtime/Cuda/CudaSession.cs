using System.Runtime.InteropServices;
using System.Text;
using Translate.Backends.Nvptx;
using Translate.DeviceContract;
using Translate.Ir.Verification;
using Translate.Runtime.Cuda.Interop;
using Translate.Runtime.Gpu;
using static Translate.Runtime.Cuda.Interop.CudaNative;

namespace Translate.Runtime.Cuda;

/// <summary>
/// One NVIDIA GPU and a context on it, as the CUDA driver API's <see cref="IGpuDriver"/> (the calls HIP shares are
/// <see cref="GpuApiDriver"/>'s): cuInit, the
/// device by ordinal, its name and compute capability, and the PTX architecture our NVPTX backend
/// targets for it (the highest one we emit that the device runs; newer GPUs JIT-compile that PTX forward).
/// </summary>
public sealed unsafe class CudaSession : GpuApiDriver, IDisposable
{
    private nint _context;

    public CudaSession(int ordinal = 0) : base(CudaLibrary.Handle, GpuCallNames.Cuda)
    {
        Check(cuInit(0), "cuInit");
        Check(cuDeviceGetCount(out int count), "cuDeviceGetCount");
        if (ordinal >= count) throw new GpuApiException("cuDeviceGet", ErrorNoDevice, $"there are {count} CUDA devices; device {ordinal} does not exist");
        Check(cuDeviceGet(out int device, ordinal), "cuDeviceGet");
        var name = new byte[256];
        fixed (byte* p = name) Check(cuDeviceGetName(p, name.Length, device), "cuDeviceGetName");
        Name = Encoding.UTF8.GetString(name).TrimEnd('\0');
        Check(cuDeviceGetAttribute(out int major, AttributeComputeCapabilityMajor, device), "cuDeviceGetAttribute");
        Check(cuDeviceGetAttribute(out int minor, AttributeComputeCapabilityMinor, device), "cuDeviceGetAttribute");
        ComputeCapability = major * 10 + minor;
        Arch = PtxArch(ComputeCapability) ?? throw new GpuApiException("cuDeviceGetAttribute", 0,
            $"{Name} has compute capability {major}.{minor}; the nvptx backend emits sm_60 and newer");
        Check(cuCtxCreate(out _context, 0, device), "cuCtxCreate");
    }

    public override string Device => "cuda";

    public string Name { get; }

    /// <summary>Compute capability as major·10 + minor (86 for 8.6).</summary>
    public int ComputeCapability { get; }

    /// <summary>The <c>--arch</c> our PTX is emitted for on this device, e.g. <c>sm_86</c>.</summary>
    public string Arch { get; }

    /// <summary>The highest architecture the nvptx backend emits that a device of this capability runs; null below sm_60.</summary>
    public static string? PtxArch(int computeCapability) => NvptxCompiler.Architectures
        .Where(a => int.Parse(a[3..]) <= computeCapability).OrderBy(a => int.Parse(a[3..])).LastOrDefault();

    /// <summary>Makes this context current on the calling thread (the driver's contexts are per thread).</summary>
    public override void MakeCurrent() => Check(cuCtxSetCurrent(_context), "cuCtxSetCurrent");

    /// <summary>Our PTX for <see cref="Arch"/>, loaded by cuModuleLoadDataEx (which JIT-compiles it).</summary>
    public override nint LoadModule(CheckedModule program)
    {
        var image = Encoding.UTF8.GetBytes(NvptxCompiler.EmitPtx(program, Arch) + "\0");
        var log = new byte[16 * 1024];
        fixed (byte* pImage = image) fixed (byte* pLog = log)
        {
            // The JIT's error log says what it rejected in our PTX; it goes into the exception.
            int* options = stackalloc int[] { JitErrorLogBuffer, JitErrorLogBufferSizeBytes };
            nint* values = stackalloc nint[] { (nint)pLog, log.Length };
            int result = cuModuleLoadDataEx(out nint module, pImage, 2, options, values);
            if (result != 0)
                throw new GpuApiException("cuModuleLoadDataEx", result,
                    $"the driver rejected our PTX: {Describe(result)}\n{Encoding.UTF8.GetString(log).TrimEnd('\0')}");
            return module;
        }
    }

    /// <summary>"CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)", from cuGetErrorName/cuGetErrorString.</summary>
    protected override string Describe(int result)
    {
        string name = cuGetErrorName(result, out var n) == 0 && n != 0 ? Marshal.PtrToStringUTF8(n)! : $"CUresult {result}";
        string text = cuGetErrorString(result, out var t) == 0 && t != 0 ? Marshal.PtrToStringUTF8(t)! : "unknown error";
        return $"{name} ({text})";
    }

    /// <summary>Above the default dynamic shared limit a kernel must opt in (cuFuncSetAttribute) before its launch.</summary>
    protected override void PrepareLaunch(nint function, long dynamicSharedBytes)
    {
        if (dynamicSharedBytes > CudaLimits.SharedBytesPerBlock)
            Check(cuFuncSetAttribute(function, FuncAttributeMaxDynamicSharedSizeBytes, (int)dynamicSharedBytes), "cuFuncSetAttribute");
    }

    public void Dispose()
    {
        if (_context != 0) cuCtxDestroy(_context);
        _context = 0;
    }
}
