namespace Translate.Runtime.Gpu;

/// <summary>
/// The exported names of the calls CUDA's driver API and HIP's module API share argument for argument (HIP mirrors the
/// driver API), which <see cref="GpuApiDriver"/> binds and makes once for both. The streams and events are created with
/// a flags argument (<c>cuStreamCreate</c>, <c>hipStreamCreateWithFlags</c>); <c>_v2</c> names are the 64-bit ones
/// cuda.h maps to.
/// </summary>
public sealed record GpuCallNames(
    string ModuleUnload, string ModuleGetFunction, string ModuleGetGlobal,
    string MemAlloc, string MemFree, string MemcpyHtoD, string MemcpyDtoH,
    string StreamCreate, string StreamDestroy, string StreamSynchronize,
    string EventCreate, string EventDestroy, string EventRecord, string EventElapsedTime,
    string LaunchKernel, string LaunchCooperativeKernel)
{
    /// <summary>One row per call, in the order of the record's parameters: its name in CUDA's driver API, then HIP's.</summary>
    private static readonly string[,] Rows =
    {
        { "cuModuleUnload", "hipModuleUnload" },
        { "cuModuleGetFunction", "hipModuleGetFunction" },
        { "cuModuleGetGlobal_v2", "hipModuleGetGlobal" },
        { "cuMemAlloc_v2", "hipMalloc" },
        { "cuMemFree_v2", "hipFree" },
        { "cuMemcpyHtoD_v2", "hipMemcpyHtoD" },
        { "cuMemcpyDtoH_v2", "hipMemcpyDtoH" },
        { "cuStreamCreate", "hipStreamCreateWithFlags" },
        { "cuStreamDestroy_v2", "hipStreamDestroy" },
        { "cuStreamSynchronize", "hipStreamSynchronize" },
        { "cuEventCreate", "hipEventCreateWithFlags" },
        { "cuEventDestroy_v2", "hipEventDestroy" },
        { "cuEventRecord", "hipEventRecord" },
        { "cuEventElapsedTime", "hipEventElapsedTime" },
        { "cuLaunchKernel", "hipModuleLaunchKernel" },
        { "cuLaunchCooperativeKernel", "hipModuleLaunchCooperativeKernel" },
    };

    /// <summary>The names in CUDA's driver API (<c>libcuda.so.1</c>).</summary>
    public static GpuCallNames Cuda { get; } = Column(0);

    /// <summary>The names in HIP's runtime (<c>libamdhip64.so</c>).</summary>
    public static GpuCallNames Hip { get; } = Column(1);

    private static GpuCallNames Column(int api)
    {
        string N(int call) => Rows[call, api];
        return new(N(0), N(1), N(2), N(3), N(4), N(5), N(6), N(7), N(8), N(9), N(10), N(11), N(12), N(13), N(14), N(15));
    }
}
