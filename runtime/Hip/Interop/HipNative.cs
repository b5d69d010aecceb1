using System.Reflection;
using System.Runtime.InteropServices;

namespace Translate.Runtime.Hip.Interop;

/// <summary>
/// The HIP runtime entry points the hip device uses, bound thinly from <c>libamdhip64.so</c>
/// (names and signatures as in hip_runtime_api.h). Every function but the two error-text ones
/// returns a hipError_t (0 = hipSuccess); HipSession checks them. Handles (hipModule_t,
/// hipFunction_t, hipStream_t, hipEvent_t) are opaque pointers; device memory is a 64-bit address.
/// </summary>
internal static unsafe partial class HipNative
{
    /// <summary>The name the bindings use; resolved to the first of <see cref="HipLibrary.Candidates"/> that loads.</summary>
    private const string Library = "amdhip64";

    static HipNative() => NativeLibrary.SetDllImportResolver(typeof(HipNative).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) => name == Library ? HipLibrary.Load() : 0;

    [LibraryImport(Library)] public static partial int hipInit(uint flags);
    [LibraryImport(Library)] public static partial int hipRuntimeGetVersion(out int version);
    [LibraryImport(Library)] public static partial int hipGetDeviceCount(out int count);
    [LibraryImport(Library)] public static partial int hipDeviceGet(out int device, int ordinal);
    [LibraryImport(Library)] public static partial int hipDeviceGetName(byte* name, int length, int device);
    /// <summary>The exported (hipDeviceProp_tR0000) form, whose layout ROCm 5 and 6 share; see HipSession.ArchName.</summary>
    [LibraryImport(Library)] public static partial int hipGetDeviceProperties(byte* properties, int device);
    [LibraryImport(Library)] public static partial int hipSetDevice(int device);
    [LibraryImport(Library)] public static partial int hipModuleLoadData(out nint module, byte* image);
    [LibraryImport(Library)] public static partial nint hipGetErrorName(int error);
    [LibraryImport(Library)] public static partial nint hipGetErrorString(int error);


    // hip_runtime_api.h enumerators used here.
    public const int ErrorNoDevice = 100;
    public const int ErrorInvalidImage = 200;

    /// <summary>Bytes reserved for hipDeviceProp_t: more than either layout (R0000 is under 1 KiB, R0600 about 1.5 KiB).</summary>
    public const int DevicePropertiesBytes = 4096;
}
