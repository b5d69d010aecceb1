using Translate.Runtime.Gpu;
using Translate.Runtime.Hip;
using Translate.Runtime.Hip.Interop;

namespace Translate.Runtime.Devices;

/// <summary>
/// The <c>hip</c> device: kernels run on an AMD GPU as our code object (backends/Amdgpu, built for the
/// device's gfx architecture) through HIP's module API in <c>libamdhip64.so</c> (runtime/Hip). Never
/// executed on an AMD GPU so far.
/// </summary>
public sealed class HipDevice() : GpuDevice("hip", "AMD GPUs: kernels as our AMDGPU code objects through HIP's module API; host code in the interpreter")
{
    public const string RuntimeLibrary = "libamdhip64.so";

    protected override (IGpuDriver? Driver, string? Reason) Open()
    {
        if (HipLibrary.Find() is not { } library)
            return (null, $"{RuntimeLibrary} was not found (no ROCm/HIP runtime on this machine; tried {string.Join(", ", HipLibrary.Candidates)}); code objects can still be produced by the amdgpu backend");
        return OpenDriver(library, () => new HipSession());
    }
}
