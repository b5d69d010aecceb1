namespace Translate.Runtime.OpenCl.Interop;

/// <summary>OpenCL status codes by name, so failures say what went wrong rather than a number.</summary>
internal static class ClStatus
{
    public const int Success = 0;
    public const int DeviceNotFound = -1;
    public const int BuildProgramFailure = -11;
    public const int PlatformNotFoundKhr = -1001;

    private static readonly Dictionary<int, string> Names = new()
    {
        [0] = "CL_SUCCESS", [-1] = "CL_DEVICE_NOT_FOUND", [-2] = "CL_DEVICE_NOT_AVAILABLE", [-3] = "CL_COMPILER_NOT_AVAILABLE",
        [-4] = "CL_MEM_OBJECT_ALLOCATION_FAILURE", [-5] = "CL_OUT_OF_RESOURCES", [-6] = "CL_OUT_OF_HOST_MEMORY",
        [-7] = "CL_PROFILING_INFO_NOT_AVAILABLE", [-11] = "CL_BUILD_PROGRAM_FAILURE", [-30] = "CL_INVALID_VALUE",
        [-33] = "CL_INVALID_DEVICE", [-34] = "CL_INVALID_CONTEXT", [-36] = "CL_INVALID_COMMAND_QUEUE",
        [-38] = "CL_INVALID_MEM_OBJECT", [-42] = "CL_INVALID_BINARY", [-43] = "CL_INVALID_BUILD_OPTIONS",
        [-44] = "CL_INVALID_PROGRAM", [-45] = "CL_INVALID_PROGRAM_EXECUTABLE", [-46] = "CL_INVALID_KERNEL_NAME",
        [-48] = "CL_INVALID_KERNEL", [-49] = "CL_INVALID_ARG_INDEX", [-50] = "CL_INVALID_ARG_VALUE",
        [-51] = "CL_INVALID_ARG_SIZE", [-52] = "CL_INVALID_KERNEL_ARGS", [-53] = "CL_INVALID_WORK_DIMENSION",
        [-54] = "CL_INVALID_WORK_GROUP_SIZE", [-55] = "CL_INVALID_WORK_ITEM_SIZE", [-56] = "CL_INVALID_GLOBAL_OFFSET",
        [-58] = "CL_INVALID_EVENT", [-61] = "CL_INVALID_BUFFER_SIZE", [-63] = "CL_INVALID_GLOBAL_WORK_SIZE",
        [-1001] = "CL_PLATFORM_NOT_FOUND_KHR",
    };

    public static string Name(int status) => Names.TryGetValue(status, out var n) ? n : $"OpenCL error {status}";
}
