namespace Translate.Runtime.Gpu;

/// <summary>
/// The exported names of the calls CUDA's driver API and HIP's module API share argument for argument (HIP mirrors the
/// driver API): each API's binding lists its own (<c>cuMemAlloc_v2</c>, <c>hipMalloc</c> …) and
/// <see cref="GpuApiDriver"/> makes each call once for both. The streams and events are created with a flags argument
/// (<c>cuStreamCreate</c>, <c>hipStreamCreateWithFlags</c>).
/// </summary>
public sealed record GpuCallNames(
    string ModuleUnload, string ModuleGetFunction, string ModuleGetGlobal,
    string MemAlloc, string MemFree, string MemcpyHtoD, string MemcpyDtoH,
    string StreamCreate, string StreamDestroy, string StreamSynchronize,
    string EventCreate, string EventDestroy, string EventRecord, string EventElapsedTime,
    string LaunchKernel, string LaunchCooperativeKernel);
