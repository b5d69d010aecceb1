using System.Runtime.InteropServices;

namespace Translate.Runtime.Cuda.Interop;

/// <summary>
/// The CUDA driver API entry points the cuda device uses, bound thinly from <c>libcuda.so.1</c>
/// (names and signatures as in cuda.h; the <c>_v2</c> symbols are the 64-bit ones cuda.h maps to).
/// Every function returns a CUresult (0 = CUDA_SUCCESS); CudaSession checks them.
/// Handles (CUcontext, CUmodule, CUfunction, CUstream, CUevent) are opaque pointers; device memory
/// (CUdeviceptr) is a 64-bit address.
/// </summary>
internal static unsafe partial class CudaNative
{
    public const string Library = "libcuda.so.1";

    static CudaNative() => NativeLibrary.SetDllImportResolver(typeof(CudaNative).Assembly,
        (name, _, _) => name == Library ? CudaLibrary.Handle : 0);

    [LibraryImport(Library)] public static partial int cuInit(uint flags);
    [LibraryImport(Library)] public static partial int cuDriverGetVersion(out int version);
    [LibraryImport(Library)] public static partial int cuDeviceGetCount(out int count);
    [LibraryImport(Library)] public static partial int cuDeviceGet(out int device, int ordinal);
    [LibraryImport(Library)] public static partial int cuDeviceGetName(byte* name, int length, int device);
    [LibraryImport(Library)] public static partial int cuDeviceGetAttribute(out int value, int attribute, int device);
    [LibraryImport(Library, EntryPoint = "cuCtxCreate_v2")] public static partial int cuCtxCreate(out nint context, uint flags, int device);
    [LibraryImport(Library, EntryPoint = "cuCtxDestroy_v2")] public static partial int cuCtxDestroy(nint context);
    [LibraryImport(Library)] public static partial int cuCtxSetCurrent(nint context);
    [LibraryImport(Library)] public static partial int cuCtxSynchronize();
    [LibraryImport(Library)] public static partial int cuModuleLoadDataEx(out nint module, byte* image, uint optionCount, int* options, nint* optionValues);
    [LibraryImport(Library)] public static partial int cuFuncSetAttribute(nint function, int attribute, int value);
    [LibraryImport(Library)] public static partial int cuGetErrorName(int error, out nint name);
    [LibraryImport(Library)] public static partial int cuGetErrorString(int error, out nint text);


    // cuda.h enumerators used here.
    public const int AttributeComputeCapabilityMajor = 75;
    public const int AttributeComputeCapabilityMinor = 76;
    public const int FuncAttributeMaxDynamicSharedSizeBytes = 8;
    public const int JitInfoLogBuffer = 3;
    public const int JitInfoLogBufferSizeBytes = 4;
    public const int JitErrorLogBuffer = 5;
    public const int JitErrorLogBufferSizeBytes = 6;
    public const int ErrorNoDevice = 100;
}
