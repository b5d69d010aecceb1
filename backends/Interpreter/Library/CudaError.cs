namespace Translate.Interpreter.Library;

/// <summary>cudaError_t values the interpreter returns, with CUDA's numbers, names and messages.</summary>
internal static class CudaError
{
    public const int Success = 0, InvalidValue = 1, MemoryAllocation = 2, InitializationError = 3, InvalidConfiguration = 9,
        InvalidSymbol = 13, InvalidDevicePointer = 17, InvalidMemcpyDirection = 21, InvalidDeviceFunction = 98,
        NoDevice = 100, InvalidDevice = 101, InvalidResourceHandle = 400, NotReady = 600, LaunchFailure = 719;

    private static readonly Dictionary<int, (string Name, string Text)> Known = new()
    {
        [Success] = ("cudaSuccess", "no error"),
        [InvalidValue] = ("cudaErrorInvalidValue", "invalid argument"),
        [MemoryAllocation] = ("cudaErrorMemoryAllocation", "out of memory"),
        [InitializationError] = ("cudaErrorInitializationError", "initialization error"),
        [InvalidConfiguration] = ("cudaErrorInvalidConfiguration", "invalid configuration argument"),
        [InvalidSymbol] = ("cudaErrorInvalidSymbol", "invalid device symbol"),
        [InvalidDevicePointer] = ("cudaErrorInvalidDevicePointer", "invalid device pointer"),
        [InvalidMemcpyDirection] = ("cudaErrorInvalidMemcpyDirection", "invalid copy direction for memcpy"),
        [InvalidDeviceFunction] = ("cudaErrorInvalidDeviceFunction", "invalid device function"),
        [NoDevice] = ("cudaErrorNoDevice", "no CUDA-capable device is detected"),
        [InvalidDevice] = ("cudaErrorInvalidDevice", "invalid device ordinal"),
        [InvalidResourceHandle] = ("cudaErrorInvalidResourceHandle", "invalid resource handle"),
        [NotReady] = ("cudaErrorNotReady", "device not ready"),
        [LaunchFailure] = ("cudaErrorLaunchFailure", "unspecified launch failure"),
    };

    public static string Name(int code) => Known.TryGetValue(code, out var k) ? k.Name : "cudaErrorUnknown";
    public static string Text(int code) => Known.TryGetValue(code, out var k) ? k.Text : "unrecognized error code";
}

/// <summary>The CUDA runtime's state: the last error, live streams and events (execution is synchronous).</summary>
internal sealed class CudaState
{
    /// <summary>Every error here is non-sticky: cudaGetLastError returns it and resets to cudaSuccess.</summary>
    public int LastError { get; set; }
    public HashSet<long> Streams { get; } = [];
    /// <summary>Event handle → time recorded (Stopwatch ticks), or null when created but not recorded.</summary>
    public Dictionary<long, long?> Events { get; } = [];

    public int Fail(int code)
    {
        LastError = code;
        return code;
    }

    public int Succeed() => CudaError.Success;
}
