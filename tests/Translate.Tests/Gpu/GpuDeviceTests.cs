using System.Runtime.InteropServices;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.Gpu;

/// <summary>The cuda and hip devices are listed, never faked: unavailable, with the precise reason for this machine.</summary>
public class GpuDeviceTests
{
    private static bool Loads(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var h)) return false;
        NativeLibrary.Free(h);
        return true;
    }

    [Fact]
    public void The_hip_device_is_unavailable_exactly_when_the_runtime_or_a_gpu_is_missing()
    {
        var reason = DeviceRegistry.Find("hip")!.UnavailableReason;
        if (!Translate.Runtime.Hip.Interop.HipLibrary.Candidates.Any(Loads))
        {
            Assert.NotNull(reason);
            Assert.Contains(HipDevice.RuntimeLibrary + " was not found", reason);
        }
        else if (reason is not null)
        {
            // The runtime loaded: hipInit, the device query or its architecture failed, and the reason names the HIP call.
            Assert.Matches("hip[A-Z][A-Za-z]+", reason);
        }
    }

    [Fact]
    public void The_cuda_device_is_unavailable_exactly_when_the_driver_or_a_gpu_is_missing()
    {
        var reason = DeviceRegistry.Find("cuda")!.UnavailableReason;
        if (!Loads(CudaDevice.DriverLibrary))
        {
            Assert.NotNull(reason);
            Assert.Contains(CudaDevice.DriverLibrary + " was not found", reason);
        }
        else if (reason is not null)
        {
            // The driver loaded: only cuInit or the device query can have failed, and the reason carries the driver's own error name.
            Assert.Contains("CUDA_ERROR_", reason);
        }
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("hip")]
    public void Running_on_it_while_unavailable_is_refused_with_the_reason(string name)
    {
        if (DeviceRegistry.Find(name)!.UnavailableReason is null) return; // a GPU is present: the conformance suite runs on it instead
        var program = TypeChecker.Check(IrParser.ParseText("(c-lisp (define ((main int)) (ret 0)))"));
        var e = Assert.Throws<DiagnosticException>(() => DeviceRegistry.Find(name)!.Run(program, new RunOptions([], TextWriter.Null, TextWriter.Null)));
        Assert.Equal(Codes.UnknownDevice, e.Diagnostics[0].Code);
        Assert.Contains(DeviceRegistry.Find(name)!.UnavailableReason!, e.Diagnostics[0].Message);
    }
}
