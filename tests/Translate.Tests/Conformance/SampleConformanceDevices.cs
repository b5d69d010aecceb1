namespace Translate.Tests.Conformance;

// One subclass per device: the behaviours are all in SampleConformance.

/// <summary>The reference interpreter: every sample passes (it is what the other devices are compared with).</summary>
[Device("interp")]
public sealed class InterpSampleConformance : SampleConformance;

/// <summary>Native code through LLVM 19 (needs libLLVM 19).</summary>
[Device("cpu")]
public sealed class CpuSampleConformance : SampleConformance;

/// <summary>Kernels as OpenCL C on the machine's OpenCL driver (PoCL here).</summary>
[Device("opencl")]
public sealed class OpenClSampleConformance : SampleConformance;

/// <summary>Kernels as our PTX on an NVIDIA GPU (needs the CUDA driver; none on the machines this was written on).</summary>
[Device("cuda")]
public sealed class CudaSampleConformance : SampleConformance;

/// <summary>Kernels as our AMD code objects on an AMD GPU (needs the HIP runtime; none on the machines this was written on).</summary>
[Device("hip")]
public sealed class HipSampleConformance : SampleConformance;
