using System.Runtime.InteropServices;
using System.Text;
using Translate.Backends.Amdgpu;
using Translate.Ir.Verification;
using Translate.Runtime.Gpu;
using Translate.Runtime.Hip.Interop;
using static Translate.Runtime.Hip.Interop.HipNative;

namespace Translate.Runtime.Hip;

/// <summary>
/// One AMD GPU through the HIP runtime, as HIP's module API's <see cref="IGpuDriver"/> (the calls it shares with CUDA's
/// driver API are <see cref="GpuApiDriver"/>'s): hipInit, the device by ordinal, its name, its gfx
/// architecture (hipDeviceProp_t.gcnArchName) and the <c>--arch</c> our code object is built for —
/// the same gfx name, which must be one the amdgpu backend targets (a code object runs only on the
/// architecture it was compiled for). HIP lays the <c>kernelParams</c> out in the kernarg segment from
/// the code object's argument metadata, so each parameter is passed as its own bytes, as for CUDA.
/// </summary>
public sealed unsafe class HipSession : GpuApiDriver
{
    private readonly int _device;

    public HipSession(int ordinal = 0) : base(HipLibrary.Load(), GpuCallNames.Hip)
    {
        Check(hipInit(0), "hipInit");
        Check(hipGetDeviceCount(out int count), "hipGetDeviceCount");
        if (ordinal >= count) throw new GpuApiException("hipDeviceGet", ErrorNoDevice, $"there are {count} HIP devices; device {ordinal} does not exist");
        Check(hipDeviceGet(out _device, ordinal), "hipDeviceGet");
        var name = new byte[256];
        fixed (byte* p = name) Check(hipDeviceGetName(p, name.Length, _device), "hipDeviceGetName");
        Name = Encoding.UTF8.GetString(name).TrimEnd('\0');
        var properties = new byte[DevicePropertiesBytes];
        fixed (byte* p = properties) Check(hipGetDeviceProperties(p, _device), "hipGetDeviceProperties");
        GcnArchName = GcnArchNameIn(properties) ?? throw new GpuApiException("hipGetDeviceProperties", 0, $"{Name}: no gcnArchName in its properties");
        Arch = CodeObjectArch(GcnArchName) ?? throw new GpuApiException("hipGetDeviceProperties", 0,
            $"{Name} is {GcnArchName}; the amdgpu backend builds code objects for {string.Join(", ", AmdgpuCompiler.Architectures)}");
        MakeCurrent();
    }

    public override string Device => "hip";

    public string Name { get; }

    /// <summary>The device's architecture with its target features, e.g. <c>gfx90a:sramecc+:xnack-</c>.</summary>
    public string GcnArchName { get; }

    /// <summary>The <c>--arch</c> our code object is emitted for on this device, e.g. <c>gfx90a</c>.</summary>
    public string Arch { get; }

    /// <summary>
    /// gcnArchName read out of a hipDeviceProp_t's bytes. Its offset differs between the struct's
    /// layouts (ROCm 5/R0000 and ROCm 6/R0600), so it is found as the struct's one string that
    /// starts with "gfx" followed by a digit (the marketing name, the other string, does not).
    /// </summary>
    public static string? GcnArchNameIn(ReadOnlySpan<byte> properties)
    {
        for (int i = 0; i + 4 <= properties.Length; i++)
        {
            if ((i > 0 && properties[i - 1] != 0) || !properties[i..].StartsWith("gfx"u8) || !char.IsAsciiDigit((char)properties[i + 3])) continue;
            int end = properties[i..].IndexOf((byte)0);
            if (end < 0) return null;
            return Encoding.ASCII.GetString(properties.Slice(i, end));
        }
        return null;
    }

    /// <summary>The architecture part of a gcnArchName (before the <c>:feature±</c> list) when the amdgpu backend targets it; else null.</summary>
    public static string? CodeObjectArch(string gcnArchName)
    {
        var arch = gcnArchName.Split(':')[0];
        return AmdgpuCompiler.Architectures.Contains(arch) ? arch : null;
    }

    /// <summary>Makes this device the calling thread's current one (HIP's current device is per thread).</summary>
    public override void MakeCurrent() => Check(hipSetDevice(_device), "hipSetDevice");

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

    /// <summary>Our code object for <see cref="Arch"/>, loaded by hipModuleLoadData.</summary>
    public override nint LoadModule(CheckedModule program)
    {
        fixed (byte* p = CodeObject(program, Arch))
        {
            int result = hipModuleLoadData(out nint module, p);
            if (result != 0)
                throw new GpuApiException("hipModuleLoadData", result, $"the HIP runtime rejected our code object: {Describe(result)}");
            return module;
        }
    }

    /// <summary>"hipErrorNoDevice (no ROCm-capable device is detected)", from hipGetErrorName/hipGetErrorString.</summary>
    protected override string Describe(int result)
    {
        nint n = hipGetErrorName(result), t = hipGetErrorString(result);
        return $"{(n != 0 ? Marshal.PtrToStringUTF8(n) : $"hipError_t {result}")} ({(t != 0 ? Marshal.PtrToStringUTF8(t) : "unknown error")})";
    }
}
