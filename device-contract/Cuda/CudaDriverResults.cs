namespace Translate.DeviceContract.Cuda;

/// <summary>
/// The driver API's <c>CUresult</c> values, names and messages as CUDA documents them (<c>cuGetErrorName</c>,
/// <c>cuGetErrorString</c>), and the result a runtime-API error becomes when the driver API reports it: CUDA numbers the
/// two alike from 100 on; below, each runtime error has its driver counterpart.
/// </summary>
public static class CudaDriverResults
{
    public const int Success = 0, InvalidValue = 1, OutOfMemory = 2, NotInitialized = 3, Deinitialized = 4, NoDevice = 100,
        InvalidDevice = 101, InvalidImage = 200, InvalidContext = 201, InvalidPtx = 218, InvalidSource = 300, FileNotFound = 301,
        InvalidHandle = 400, NotFound = 500, NotReady = 600, IllegalAddress = 700, LaunchOutOfResources = 701, LaunchFailed = 719,
        NotSupported = 801, Unknown = 999, UnsupportedLimit = 215, OperatingSystem = 304, IllegalState = 401,
        PeerAccessAlreadyEnabled = 704, PeerAccessNotEnabled = 705, HostMemoryAlreadyRegistered = 712, HostMemoryNotRegistered = 713,
        CooperativeLaunchTooLarge = 720, StreamCaptureUnsupported = 900, StreamCaptureInvalidated = 901, CapturedEvent = 907;

    private static readonly Dictionary<int, (string Name, string Text)> Table = new()
    {
        [Success] = ("CUDA_SUCCESS", "no error"),
        [InvalidValue] = ("CUDA_ERROR_INVALID_VALUE", "invalid argument"),
        [OutOfMemory] = ("CUDA_ERROR_OUT_OF_MEMORY", "out of memory"),
        [NotInitialized] = ("CUDA_ERROR_NOT_INITIALIZED", "initialization error"),
        [Deinitialized] = ("CUDA_ERROR_DEINITIALIZED", "driver shutting down"),
        [NoDevice] = ("CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"),
        [InvalidDevice] = ("CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"),
        [InvalidImage] = ("CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"),
        [InvalidContext] = ("CUDA_ERROR_INVALID_CONTEXT", "invalid device context"),
        [InvalidPtx] = ("CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"),
        [InvalidSource] = ("CUDA_ERROR_INVALID_SOURCE", "device kernel image is invalid"),
        [FileNotFound] = ("CUDA_ERROR_FILE_NOT_FOUND", "file not found"),
        [InvalidHandle] = ("CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"),
        [NotFound] = ("CUDA_ERROR_NOT_FOUND", "named symbol not found"),
        [NotReady] = ("CUDA_ERROR_NOT_READY", "device not ready"),
        [IllegalAddress] = ("CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"),
        [LaunchOutOfResources] = ("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", "too many resources requested for launch"),
        [LaunchFailed] = ("CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"),
        [NotSupported] = ("CUDA_ERROR_NOT_SUPPORTED", "operation not supported"),
        [UnsupportedLimit] = ("CUDA_ERROR_UNSUPPORTED_LIMIT", "limit is not supported on this device"),
        [OperatingSystem] = ("CUDA_ERROR_OPERATING_SYSTEM", "an operating system call failed"),
        [IllegalState] = ("CUDA_ERROR_ILLEGAL_STATE", "the operation is not valid in the current state"),
        [PeerAccessAlreadyEnabled] = ("CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED", "peer access is already enabled"),
        [PeerAccessNotEnabled] = ("CUDA_ERROR_PEER_ACCESS_NOT_ENABLED", "peer access has not been enabled"),
        [HostMemoryAlreadyRegistered] = ("CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED", "the host memory range is already registered"),
        [HostMemoryNotRegistered] = ("CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED", "the host memory range is not registered"),
        [CooperativeLaunchTooLarge] = ("CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE", "too many blocks in a cooperative launch"),
        [StreamCaptureUnsupported] = ("CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED", "the operation is not permitted while the stream is capturing"),
        [StreamCaptureInvalidated] = ("CUDA_ERROR_STREAM_CAPTURE_INVALIDATED", "the stream capture was invalidated by an earlier error"),
        [CapturedEvent] = ("CUDA_ERROR_CAPTURED_EVENT", "the operation is not permitted on an event recorded in a capturing stream"),
        [Unknown] = ("CUDA_ERROR_UNKNOWN", "unknown error"),
    };

    public static bool IsKnown(int result) => Table.ContainsKey(result);
    public static string? Name(int result) => Table.TryGetValue(result, out var e) ? e.Name : null;
    public static string? Text(int result) => Table.TryGetValue(result, out var e) ? e.Text : null;

    /// <summary>The driver result for runtime error <paramref name="error"/> (<see cref="CudaErrorCodes"/>).</summary>
    public static int FromRuntime(int error) => error switch
    {
        CudaErrorCodes.Success => Success,
        CudaErrorCodes.InvalidValue or CudaErrorCodes.InvalidConfiguration or CudaErrorCodes.InvalidMemcpyDirection
            or CudaErrorCodes.InvalidDevicePointer or CudaErrorCodes.MissingConfiguration or CudaErrorCodes.InvalidPitchValue
            or CudaErrorCodes.InvalidChannelDescriptor or CudaErrorCodes.InvalidHostPointer => InvalidValue,
        CudaErrorCodes.MemoryAllocation => OutOfMemory,
        CudaErrorCodes.InitializationError => NotInitialized,
        CudaErrorCodes.InvalidSymbol => NotFound,
        CudaErrorCodes.InvalidDeviceFunction => InvalidHandle,
        >= 100 => error, // the driver's numbering
        _ => Unknown,
    };
}
