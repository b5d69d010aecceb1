using Translate.Runtime.Cuda;
using Translate.Runtime.Gpu;

namespace Translate.Runtime.Devices;

/// <summary>
/// The <c>cuda</c> device: kernels run on an NVIDIA GPU as our PTX (backends/Nvptx) through the CUDA
/// driver API in <c>libcuda.so.1</c> (runtime/Cuda). Never executed on a real GPU so far (none where
/// it was written).
/// </summary>
public sealed class CudaDevice() : GpuDevice("cuda", "NVIDIA GPUs: kernels as our PTX through the CUDA driver API; host code in the interpreter")
{
    public const string DriverLibrary = "libcuda.so.1";

    protected override (IGpuDriver? Driver, string? Reason) Open()
    {
        if (!GpuDriverProbe.Loads(DriverLibrary))
            return (null, $"{DriverLibrary} was not found (no NVIDIA driver on this machine); PTX can still be produced by the nvptx backend");
        return OpenDriver(DriverLibrary, () => new CudaSession());
    }
}
