namespace Translate.Interpreter.Library;

/// <summary>cudaError_t values the interpreter returns; names and messages come from the one table, <see cref="Ir.Semantics.CudaErrorCodes"/>.</summary>
internal static class CudaError
{
    public const int Success = 0, InvalidValue = 1, MemoryAllocation = 2, InitializationError = 3, InvalidConfiguration = 9,
        InvalidSymbol = 13, InvalidDevicePointer = 17, InvalidMemcpyDirection = 21, InvalidDeviceFunction = 98,
        NoDevice = 100, InvalidDevice = 101, InvalidResourceHandle = 400, NotReady = 600, LaunchFailure = 719;

    public static string Name(int code) => Ir.Semantics.CudaErrorCodes.Name(code);
    public static string Text(int code) => Ir.Semantics.CudaErrorCodes.Text(code);
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
