namespace Translate.Backends.OpenCl;

/// <summary>
/// What the OpenCL device offers that changes the emitted code. <see cref="Portable"/> assumes an
/// OpenCL C 1.2 full-profile device with doubles and 64-bit atomics (PoCL on a CPU).
/// <see cref="PointerOffsets"/>: each pointer parameter of a kernel comes as a buffer and a byte offset into it
/// (<c>__global uchar* p_buffer, ulong p_offset</c>), so a pointer may start anywhere in an allocation that other
/// arguments reach too (a sub-buffer must start at the device's base-address alignment); the runtime builds with it,
/// <c>translate compile</c> without, so the kernels a user reads take plain pointers.
/// </summary>
public sealed record OpenClTarget(bool Fp64 = true, bool Fp16 = false, bool Int64Atomics = true, bool CorrectlyRoundedDivideSqrt = true,
    bool PointerOffsets = false)
{
    public static readonly OpenClTarget Portable = new();

    /// <summary>The build options the emitted program expects.</summary>
    public string BuildOptions => CorrectlyRoundedDivideSqrt ? "-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt" : "-cl-std=CL1.2";
}
