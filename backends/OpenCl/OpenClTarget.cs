namespace Translate.Backends.OpenCl;

/// <summary>
/// What the OpenCL device offers that changes the emitted code. <see cref="Portable"/> assumes an
/// OpenCL C 1.2 full-profile device with doubles and 64-bit atomics (PoCL on a CPU).
/// </summary>
public sealed record OpenClTarget(bool Fp64 = true, bool Fp16 = false, bool Int64Atomics = true, bool CorrectlyRoundedDivideSqrt = true)
{
    public static readonly OpenClTarget Portable = new();

    /// <summary>The build options the emitted program expects.</summary>
    public string BuildOptions => CorrectlyRoundedDivideSqrt ? "-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt" : "-cl-std=CL1.2";
}
