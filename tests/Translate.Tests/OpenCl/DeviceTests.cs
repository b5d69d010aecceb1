using Translate.Ir.Diagnostics;
using Translate.Runtime.OpenCl;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Tests.OpenCl;

/// <summary>Selecting OpenCL devices by name, and the program cache.</summary>
public sealed class DeviceTests : OpenClTestBase
{
    [Fact]
    public void Names_that_are_not_OpenCL_are_refused_with_a_reason()
    {
        var (device, reason) = OpenClDeviceSelector.Select("cuda");
        Assert.Null(device);
        Assert.Contains("not an OpenCL device name", reason);
    }

    [RequiresFact(Need.OpenCl)]
    public void Devices_are_selected_by_index_and_by_name()
    {
        Assert.NotNull(OpenClDeviceSelector.Select("opencl:0").Device);
        Assert.NotNull(OpenClDeviceSelector.Select("opencl:pocl").Device);
        Assert.Contains("out of range", OpenClDeviceSelector.Select("opencl:99").Reason);
        Assert.Contains("no OpenCL device matches", OpenClDeviceSelector.Select("opencl:nosuchvendor").Reason);
    }

    [RequiresFact(Need.OpenCl)]
    public void Built_programs_are_cached_in_memory_and_on_disk_unless_the_driver_caches_them()
    {
        var dir = Path.Combine(Path.GetTempPath(), "translate-opencl-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            const string source = "__kernel void k(__global int* p) { p[get_global_id(0)] += 1; }";
            var first = new ProgramCache(Session.Context, dir);
            first.Get(source, "");
            Assert.Equal("built", first.LastSource);
            first.Get(source, "");
            Assert.Equal("memory", first.LastSource);
            var second = new ProgramCache(Session.Context, dir);
            second.Get(source, "");
            // PoCL keeps its own cache of built programs (and asking for binaries costs it another compile of every kernel).
            Assert.Equal(PoclSettings.IsPocl(Session.Context.Device.Platform.Name), !first.UsesDisk);
            Assert.Equal(first.UsesDisk ? "disk" : "built", second.LastSource);
            Assert.Equal(first.UsesDisk, Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresFact(Need.OpenCl)]
    public void A_device_compiler_that_does_not_finish_in_time_is_a_TR0505_not_a_hang()
    {
        // PoCL's kernel compiler runs without end on some kernels; here a limit no build meets stands in for one.
        var (device, _) = OpenClDeviceSelector.Select("opencl");
        using var session = new OpenClSession(device!, Path.Combine(Path.GetTempPath(), "translate-opencl-timeout-" + Guid.NewGuid().ToString("N")));
        session.Context.BuildTimeout = TimeSpan.FromTicks(1);
        var e = Assert.Throws<DiagnosticException>(() => session.Load(Check(
            $"(c-lisp (define-kernel ((k void) (p (ptr int))) (store p {Environment.TickCount64 % 100000})))")));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.OpenClBuildFailed, d.Code);
        Assert.Contains("did not finish within", d.Message);
        Assert.True(ClContext.DefaultBuildTimeout >= TimeSpan.FromSeconds(60));
    }

    [RequiresFact(Need.OpenCl)]
    public void SPIR_V_is_loaded_only_where_the_device_reports_an_IL_version()
    {
        // A SPIR-V header alone (magic, version 1.0, generator, bound, schema): enough for the IL check.
        byte[] spirv = [0x03, 0x02, 0x23, 0x07, 0x00, 0x00, 0x01, 0x00, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        if (Session.Device.AcceptsSpirv)
        {
            Assert.True(Session.PrefersSpirv);
            return; // a real SPIR-V device: the SPIR-V backend's own tests load modules through LoadSpirv.
        }
        // PoCL 3.1 here reports no IL: the SPIR-V path says so with a stable code.
        Assert.Equal("", Session.Device.IlVersion);
        var e = Assert.Throws<Translate.Ir.Diagnostics.DiagnosticException>(() => Session.LoadSpirv(spirv));
        Assert.Equal(Translate.Ir.Diagnostics.Codes.OpenClNoSpirv, Assert.Single(e.Diagnostics).Code);
    }
}
