using System.Runtime.InteropServices;
using Translate.DeviceContract.Cuda;
using Translate.Runtime.Native.Exports;

namespace Translate.Runtime.Native.Driver;

/// <summary>
/// Driver functions the library does not implement yet. Each exists, so programs that name them link and programs that
/// look them up with dlsym (the samples' dynamic loaders require most of them) find them; called, each returns
/// CUDA_ERROR_NOT_SUPPORTED and says so once on stderr with TR0620, never a silent no-op. The arguments are not read.
/// </summary>
internal static class DriverUnsupported
{
    private static int NotSupported(string function)
    {
        if (DriverCalls.Ready() is var r and not 0) return r;
        Unsupported.Report(function, "CUDA_ERROR_NOT_SUPPORTED");
        return CudaDriverResults.NotSupported;
    }

    // Texture and surface references (the API before texture objects, removed from CUDA 12's headers).
    [UnmanagedCallersOnly(EntryPoint = "cuModuleGetTexRef")] public static int ModuleGetTexRef() => NotSupported("cuModuleGetTexRef");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefCreate")] public static int TexRefCreate() => NotSupported("cuTexRefCreate");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefDestroy")] public static int TexRefDestroy() => NotSupported("cuTexRefDestroy");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetArray")] public static int TexRefSetArray() => NotSupported("cuTexRefSetArray");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetMipmappedArray")] public static int TexRefSetMipmappedArray() => NotSupported("cuTexRefSetMipmappedArray");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetFormat")] public static int TexRefSetFormat() => NotSupported("cuTexRefSetFormat");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetAddressMode")] public static int TexRefSetAddressMode() => NotSupported("cuTexRefSetAddressMode");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetFilterMode")] public static int TexRefSetFilterMode() => NotSupported("cuTexRefSetFilterMode");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetFlags")] public static int TexRefSetFlags() => NotSupported("cuTexRefSetFlags");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefGetArray")] public static int TexRefGetArray() => NotSupported("cuTexRefGetArray");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefGetAddressMode")] public static int TexRefGetAddressMode() => NotSupported("cuTexRefGetAddressMode");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefGetFilterMode")] public static int TexRefGetFilterMode() => NotSupported("cuTexRefGetFilterMode");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefGetFormat")] public static int TexRefGetFormat() => NotSupported("cuTexRefGetFormat");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefGetFlags")] public static int TexRefGetFlags() => NotSupported("cuTexRefGetFlags");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetAddress_v2")] public static int TexRefSetAddressV2() => NotSupported("cuTexRefSetAddress_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefGetAddress_v2")] public static int TexRefGetAddressV2() => NotSupported("cuTexRefGetAddress_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuTexRefSetAddress2D_v3")] public static int TexRefSetAddress2DV3() => NotSupported("cuTexRefSetAddress2D_v3");
    [UnmanagedCallersOnly(EntryPoint = "cuParamSetTexRef")] public static int ParamSetTexRef() => NotSupported("cuParamSetTexRef");
    [UnmanagedCallersOnly(EntryPoint = "cuModuleGetSurfRef")] public static int ModuleGetSurfRef() => NotSupported("cuModuleGetSurfRef");
    [UnmanagedCallersOnly(EntryPoint = "cuSurfRefSetArray")] public static int SurfRefSetArray() => NotSupported("cuSurfRefSetArray");
    [UnmanagedCallersOnly(EntryPoint = "cuSurfRefGetArray")] public static int SurfRefGetArray() => NotSupported("cuSurfRefGetArray");

    // Mipmapped arrays.
    [UnmanagedCallersOnly(EntryPoint = "cuMipmappedArrayCreate")] public static int MipmappedArrayCreate() => NotSupported("cuMipmappedArrayCreate");
    [UnmanagedCallersOnly(EntryPoint = "cuMipmappedArrayDestroy")] public static int MipmappedArrayDestroy() => NotSupported("cuMipmappedArrayDestroy");
    [UnmanagedCallersOnly(EntryPoint = "cuMipmappedArrayGetLevel")] public static int MipmappedArrayGetLevel() => NotSupported("cuMipmappedArrayGetLevel");

    // Inter-process handles.
    [UnmanagedCallersOnly(EntryPoint = "cuIpcGetEventHandle")] public static int IpcGetEventHandle() => NotSupported("cuIpcGetEventHandle");
    [UnmanagedCallersOnly(EntryPoint = "cuIpcOpenEventHandle")] public static int IpcOpenEventHandle() => NotSupported("cuIpcOpenEventHandle");
    [UnmanagedCallersOnly(EntryPoint = "cuIpcGetMemHandle")] public static int IpcGetMemHandle() => NotSupported("cuIpcGetMemHandle");
    [UnmanagedCallersOnly(EntryPoint = "cuIpcOpenMemHandle")] public static int IpcOpenMemHandle() => NotSupported("cuIpcOpenMemHandle");
    [UnmanagedCallersOnly(EntryPoint = "cuIpcCloseMemHandle")] public static int IpcCloseMemHandle() => NotSupported("cuIpcCloseMemHandle");

    // Graphics interoperability and the private export tables.
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsUnregisterResource")] public static int GraphicsUnregisterResource() => NotSupported("cuGraphicsUnregisterResource");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsSubResourceGetMappedArray")] public static int GraphicsSubResourceGetMappedArray() => NotSupported("cuGraphicsSubResourceGetMappedArray");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsResourceGetMappedPointer_v2")] public static int GraphicsResourceGetMappedPointerV2() => NotSupported("cuGraphicsResourceGetMappedPointer_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsResourceSetMapFlags_v2")] public static int GraphicsResourceSetMapFlagsV2() => NotSupported("cuGraphicsResourceSetMapFlags_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsResourceSetMapFlags")] public static int GraphicsResourceSetMapFlags() => NotSupported("cuGraphicsResourceSetMapFlags");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsMapResources")] public static int GraphicsMapResources() => NotSupported("cuGraphicsMapResources");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphicsUnmapResources")] public static int GraphicsUnmapResources() => NotSupported("cuGraphicsUnmapResources");
    [UnmanagedCallersOnly(EntryPoint = "cuGetExportTable")] public static int GetExportTable() => NotSupported("cuGetExportTable");

    // JIT linking of several PTX or device images.
    [UnmanagedCallersOnly(EntryPoint = "cuLinkCreate_v2")] public static int LinkCreateV2() => NotSupported("cuLinkCreate_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuLinkAddData_v2")] public static int LinkAddDataV2() => NotSupported("cuLinkAddData_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuLinkAddFile_v2")] public static int LinkAddFileV2() => NotSupported("cuLinkAddFile_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuLinkComplete")] public static int LinkComplete() => NotSupported("cuLinkComplete");
    [UnmanagedCallersOnly(EntryPoint = "cuLinkDestroy")] public static int LinkDestroy() => NotSupported("cuLinkDestroy");

    // Virtual memory management.
    [UnmanagedCallersOnly(EntryPoint = "cuMemCreate")] public static int MemCreate() => NotSupported("cuMemCreate");
    [UnmanagedCallersOnly(EntryPoint = "cuMemRelease")] public static int MemRelease() => NotSupported("cuMemRelease");
    [UnmanagedCallersOnly(EntryPoint = "cuMemAddressReserve")] public static int MemAddressReserve() => NotSupported("cuMemAddressReserve");
    [UnmanagedCallersOnly(EntryPoint = "cuMemAddressFree")] public static int MemAddressFree() => NotSupported("cuMemAddressFree");
    [UnmanagedCallersOnly(EntryPoint = "cuMemMap")] public static int MemMap() => NotSupported("cuMemMap");
    [UnmanagedCallersOnly(EntryPoint = "cuMemUnmap")] public static int MemUnmap() => NotSupported("cuMemUnmap");
    [UnmanagedCallersOnly(EntryPoint = "cuMemSetAccess")] public static int MemSetAccess() => NotSupported("cuMemSetAccess");
    [UnmanagedCallersOnly(EntryPoint = "cuMemGetAllocationGranularity")] public static int MemGetAllocationGranularity() => NotSupported("cuMemGetAllocationGranularity");

    // Graphs (the runtime API has them: cudaStreamBeginCapture, cudaGraphLaunch).
    [UnmanagedCallersOnly(EntryPoint = "cuStreamBeginCapture_v2")] public static int StreamBeginCaptureV2() => NotSupported("cuStreamBeginCapture_v2");
    [UnmanagedCallersOnly(EntryPoint = "cuStreamEndCapture")] public static int StreamEndCapture() => NotSupported("cuStreamEndCapture");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphCreate")] public static int GraphCreate() => NotSupported("cuGraphCreate");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphInstantiate")] public static int GraphInstantiate() => NotSupported("cuGraphInstantiate");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphLaunch")] public static int GraphLaunch() => NotSupported("cuGraphLaunch");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphDestroy")] public static int GraphDestroy() => NotSupported("cuGraphDestroy");
    [UnmanagedCallersOnly(EntryPoint = "cuGraphExecDestroy")] public static int GraphExecDestroy() => NotSupported("cuGraphExecDestroy");
}
