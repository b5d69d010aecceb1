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

    [Theory]
    [InlineData("cuda", CudaDevice.DriverLibrary)]
    [InlineData("hip", HipDevice.RuntimeLibrary)]
    public void The_device_is_listed_as_unavailable_naming_its_library(string name, string library)
    {
        var reason = DeviceRegistry.Find(name)!.UnavailableReason;
        Assert.NotNull(reason);
        Assert.Contains(library, reason);
        Assert.Contains(Loads(library) ? "not built yet" : "was not found", reason);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("hip")]
    public void Running_on_it_is_refused_with_the_reason(string name)
    {
        var program = TypeChecker.Check(IrParser.ParseText("(c-lisp (define ((main int)) (ret 0)))"));
        var e = Assert.Throws<DiagnosticException>(() => DeviceRegistry.Find(name)!.Run(program, new RunOptions([], TextWriter.Null, TextWriter.Null)));
        Assert.Equal(Codes.UnknownDevice, e.Diagnostics[0].Code);
        Assert.Contains(DeviceRegistry.Find(name)!.UnavailableReason!, e.Diagnostics[0].Message);
    }
}
