using Translate.DeviceContract;

namespace Translate.Interpreter.Library;

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

    public int Succeed() => CudaErrorCodes.Success;
}
