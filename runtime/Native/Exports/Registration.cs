using System.Runtime.InteropServices;
using Translate.Runtime.BuildMode;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// What clang's host code calls from a constructor before main: one fat binary per .cu file (its
/// wrapper points at our device image), then each kernel stub and device variable with its linker name.
/// </summary>
internal static unsafe class Registration
{
    private const int FatbinWrapperMagic = 0x466243b1;

    /// <summary><c>void** __cudaRegisterFatBinary(void* wrapper)</c>: wrapper = { int magic, int version, const void* data, void* }.</summary>
    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterFatBinary")]
    public static nint RegisterFatBinary(nint wrapper)
    {
        string text = "";
        if (wrapper != 0 && *(int*)wrapper == FatbinWrapperMagic && *(nint*)(wrapper + 8) is var data && data != 0)
            text = Marshal.PtrToStringUTF8(data) ?? "";
        var image = DeviceImage.Parse(text);
        if (image is null)
        {
            LibcStreams.ErrorLine("translate runtime: an embedded GPU binary is not a Translate device image " +
                "(was this object compiled by nvcc or by an older translate?); its kernels cannot run");
            image = new DeviceImage("<unknown>", "", new Dictionary<string, string>());
        }
        var loaded = new LoadedImage(image);
        lock (NativeRuntime.Gate)
        {
            NativeRuntime.Images.Add(loaded);
            return NativeRuntime.Images.Count;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterFatBinaryEnd")]
    public static void RegisterFatBinaryEnd(nint handle) { }

    [UnmanagedCallersOnly(EntryPoint = "__cudaUnregisterFatBinary")]
    public static void UnregisterFatBinary(nint handle) { }

    /// <summary><c>__cudaRegisterFunction(handle, hostStub, deviceFun, deviceName, threadLimit, tid, bid, bDim, gDim, wSize)</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterFunction")]
    public static int RegisterFunction(nint handle, nint hostStub, nint deviceFunction, nint deviceName,
        int threadLimit, nint tid, nint bid, nint blockDim, nint gridDim, nint warpSize)
    {
        var link = Marshal.PtrToStringUTF8(deviceName) ?? "";
        lock (NativeRuntime.Gate)
        {
            var image = ImageOf(handle);
            NativeRuntime.Kernels[hostStub] = new RegisteredKernel(image, link, image.Image.IrNameByLinkName.GetValueOrDefault(link));
        }
        return 0;
    }

    /// <summary><c>__cudaRegisterVar(handle, hostVar, deviceAddress, deviceName, ext, size, constant, global)</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterVar")]
    public static void RegisterVar(nint handle, nint hostVariable, nint deviceAddress, nint deviceName, int external, long size, int constant, int global)
    {
        var link = Marshal.PtrToStringUTF8(deviceName) ?? "";
        lock (NativeRuntime.Gate)
        {
            var image = ImageOf(handle);
            NativeRuntime.Variables[hostVariable] = new RegisteredVariable(image, link, image.Image.IrNameByLinkName.GetValueOrDefault(link), size);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterManagedVar")]
    public static void RegisterManagedVar(nint handle, nint hostVariable, nint deviceName, nint name, long size, int flags) =>
        LibcStreams.ErrorLine("translate runtime: __managed__ variables are not supported yet; " +
            $"'{Marshal.PtrToStringUTF8(name)}' stays host-only");

    private static LoadedImage ImageOf(nint handle) => NativeRuntime.Images[(int)handle - 1];
}
