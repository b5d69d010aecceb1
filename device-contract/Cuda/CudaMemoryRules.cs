using static Translate.Ir.Semantics.Externals.MemcpyKind;

namespace Translate.DeviceContract;

/// <summary>
/// CUDA's rules for the arguments of cudaMemcpy and cudaMemset, which every host of the runtime API
/// applies alike; what counts as device memory is each host's to say (its own allocations and device
/// variables). A copy or fill these rules refuse does nothing: CUDA checks a device pointer's range
/// against its allocation, so one running past the end is an error, not a corruption of the memory beyond.
/// </summary>
public static class CudaMemoryRules
{
    /// <summary>
    /// cudaSuccess, or the error CUDA gives a copy of <paramref name="count"/> bytes: a kind outside 0–4 is
    /// cudaErrorInvalidMemcpyDirection; a null pointer, or a side the kind names as device memory that is not
    /// [p, p + count) inside one block of it, is cudaErrorInvalidValue; under cudaMemcpyDefault a side that starts
    /// in device memory must stay inside its block. <paramref name="isDevice"/>: whether [p, p + count) lies inside one
    /// block of device memory (an allocation or a device variable); <paramref name="inDevice"/>: whether p points into
    /// device memory at all.
    /// </summary>
    public static int CopyError(long dst, long src, long count, int kind, Func<long, long, bool> isDevice, Func<long, bool> inDevice)
    {
        if (kind is < HostToHost or > Default) return CudaErrorCodes.InvalidMemcpyDirection;
        if (count == 0) return CudaErrorCodes.Success;
        if (count < 0 || dst == 0 || src == 0) return CudaErrorCodes.InvalidValue;
        bool dstDevice = kind is HostToDevice or DeviceToDevice || kind == Default && inDevice(dst);
        bool srcDevice = kind is DeviceToHost or DeviceToDevice || kind == Default && inDevice(src);
        return dstDevice && !isDevice(dst, count) || srcDevice && !isDevice(src, count) ? CudaErrorCodes.InvalidValue : CudaErrorCodes.Success;
    }

    /// <summary>cudaSuccess, or cudaErrorInvalidValue for a fill of <paramref name="count"/> bytes that is not inside one block of device memory.</summary>
    public static int FillError(long p, long count, Func<long, long, bool> isDevice) =>
        count == 0 ? CudaErrorCodes.Success
        : count < 0 || !isDevice(p, count) ? CudaErrorCodes.InvalidValue : CudaErrorCodes.Success;
}
