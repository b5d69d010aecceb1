namespace Translate.DeviceContract;

/// <summary>
/// CUDA's cudaError_t values with their names and messages (as the CUDA runtime reports them), and which
/// of them are sticky: errors that corrupt the context, after which every call fails the same way.
/// </summary>
public static class CudaErrorCodes
{
    public const int Success = 0, InvalidValue = 1, MemoryAllocation = 2, InitializationError = 3,
        InvalidConfiguration = 9, InvalidSymbol = 13, InvalidDevicePointer = 17, InvalidMemcpyDirection = 21,
        MissingConfiguration = 52, InvalidDeviceFunction = 98, NoDevice = 100, InvalidDevice = 101,
        InvalidKernelImage = 200, InvalidResourceHandle = 400, NotReady = 600, IllegalAddress = 700,
        LaunchOutOfResources = 701, Assert = 710, LaunchFailure = 719, NotSupported = 801, Unknown = 999, InvalidPitchValue = 12,
        UnsupportedLimit = 215, PeerAccessAlreadyEnabled = 704, PeerAccessNotEnabled = 705, HostMemoryAlreadyRegistered = 712, HostMemoryNotRegistered = 713,
        InvalidHostPointer = 16, InvalidChannelDescriptor = 20, IllegalState = 401, OperatingSystem = 304,
        StreamCaptureUnsupported = 900, StreamCaptureInvalidated = 901, StreamCaptureMerge = 902, StreamCaptureUnmatched = 903,
        StreamCaptureUnjoined = 904, StreamCaptureIsolation = 905, StreamCaptureImplicit = 906, CapturedEvent = 907,
        StreamCaptureWrongThread = 908, GraphExecUpdateFailure = 910, CooperativeLaunchTooLarge = 720,
        LaunchMaxDepthExceeded = 65;

    private static readonly Dictionary<int, (string Name, string Text)> Known = new()
    {
        [Success] = ("cudaSuccess", "no error"),
        [InvalidValue] = ("cudaErrorInvalidValue", "invalid argument"),
        [MemoryAllocation] = ("cudaErrorMemoryAllocation", "out of memory"),
        [InitializationError] = ("cudaErrorInitializationError", "initialization error"),
        [4] = ("cudaErrorCudartUnloading", "driver shutting down"),
        [InvalidConfiguration] = ("cudaErrorInvalidConfiguration", "invalid configuration argument"),
        [LaunchMaxDepthExceeded] = ("cudaErrorLaunchMaxDepthExceeded", "launch would exceed maximum depth"),
        [InvalidPitchValue] = ("cudaErrorInvalidPitchValue", "invalid pitch argument"),
        [InvalidSymbol] = ("cudaErrorInvalidSymbol", "invalid device symbol"),
        [InvalidHostPointer] = ("cudaErrorInvalidHostPointer", "invalid host pointer"),
        [InvalidChannelDescriptor] = ("cudaErrorInvalidChannelDescriptor", "invalid channel descriptor"),
        [InvalidDevicePointer] = ("cudaErrorInvalidDevicePointer", "invalid device pointer"),
        [InvalidMemcpyDirection] = ("cudaErrorInvalidMemcpyDirection", "invalid copy direction for memcpy"),
        [MissingConfiguration] = ("cudaErrorMissingConfiguration", "__global__ function call is not configured"),
        [InvalidDeviceFunction] = ("cudaErrorInvalidDeviceFunction", "invalid device function"),
        [NoDevice] = ("cudaErrorNoDevice", "no CUDA-capable device is detected"),
        [InvalidDevice] = ("cudaErrorInvalidDevice", "invalid device ordinal"),
        [InvalidKernelImage] = ("cudaErrorInvalidKernelImage", "device kernel image is invalid"),
        [209] = ("cudaErrorNoKernelImageForDevice", "no kernel image is available for execution on the device"),
        [InvalidResourceHandle] = ("cudaErrorInvalidResourceHandle", "invalid resource handle"),
        [UnsupportedLimit] = ("cudaErrorUnsupportedLimit", "limit is not supported on this architecture"),
        [PeerAccessAlreadyEnabled] = ("cudaErrorPeerAccessAlreadyEnabled", "peer access is already enabled"),
        [PeerAccessNotEnabled] = ("cudaErrorPeerAccessNotEnabled", "peer access has not been enabled"),
        [HostMemoryAlreadyRegistered] = ("cudaErrorHostMemoryAlreadyRegistered", "part or all of the requested memory range is already mapped"),
        [HostMemoryNotRegistered] = ("cudaErrorHostMemoryNotRegistered", "pointer does not correspond to a registered memory region"),
        [500] = ("cudaErrorSymbolNotFound", "named symbol not found"),
        [OperatingSystem] = ("cudaErrorOperatingSystem", "OS call failed or operation not supported on this OS"),
        [IllegalState] = ("cudaErrorIllegalState", "the operation cannot be performed in the present state"),
        [NotReady] = ("cudaErrorNotReady", "device not ready"),
        [IllegalAddress] = ("cudaErrorIllegalAddress", "an illegal memory access was encountered"),
        [LaunchOutOfResources] = ("cudaErrorLaunchOutOfResources", "too many resources requested for launch"),
        [702] = ("cudaErrorLaunchTimeout", "the launch timed out and was terminated"),
        [Assert] = ("cudaErrorAssert", "device-side assert triggered"),
        [714] = ("cudaErrorHardwareStackError", "hardware stack error"),
        [715] = ("cudaErrorIllegalInstruction", "an illegal instruction was encountered"),
        [716] = ("cudaErrorMisalignedAddress", "misaligned address"),
        [LaunchFailure] = ("cudaErrorLaunchFailure", "unspecified launch failure"),
        [CooperativeLaunchTooLarge] = ("cudaErrorCooperativeLaunchTooLarge", "too many blocks in cooperative launch"),
        [NotSupported] = ("cudaErrorNotSupported", "operation not supported"),
        [StreamCaptureUnsupported] = ("cudaErrorStreamCaptureUnsupported", "operation not permitted when stream is capturing"),
        [StreamCaptureInvalidated] = ("cudaErrorStreamCaptureInvalidated", "operation failed due to a previous error during capture"),
        [StreamCaptureMerge] = ("cudaErrorStreamCaptureMerge", "operation would result in a merge of separate capture sequences"),
        [StreamCaptureUnmatched] = ("cudaErrorStreamCaptureUnmatched", "capture was not ended in the same stream as it began"),
        [StreamCaptureUnjoined] = ("cudaErrorStreamCaptureUnjoined", "capturing stream has unjoined work"),
        [StreamCaptureIsolation] = ("cudaErrorStreamCaptureIsolation", "dependency created on uncaptured work in another stream"),
        [StreamCaptureImplicit] = ("cudaErrorStreamCaptureImplicit", "operation would make the legacy stream depend on a capturing blocking stream"),
        [CapturedEvent] = ("cudaErrorCapturedEvent", "operation not permitted on an event last recorded in a capturing stream"),
        [StreamCaptureWrongThread] = ("cudaErrorStreamCaptureWrongThread", "attempt to terminate a thread-local capture sequence from another thread"),
        [GraphExecUpdateFailure] = ("cudaErrorGraphExecUpdateFailure", "the graph update was not performed because it included changes which violated constraints specific to instantiated graph update"),
        [Unknown] = ("cudaErrorUnknown", "unknown error"),
    };

    public static string Name(int code) => Known.TryGetValue(code, out var k) ? k.Name : "unrecognized error code";
    public static string Text(int code) => Known.TryGetValue(code, out var k) ? k.Text : "unrecognized error code";

    /// <summary>Whether the error leaves the context unusable (CUDA reports it from every later call).</summary>
    public static bool IsSticky(int code) => code is IllegalAddress or 702 or Assert or 714 or 715 or 716 or LaunchFailure;
}
