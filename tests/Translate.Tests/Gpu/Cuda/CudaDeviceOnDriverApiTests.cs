using Translate.Frontend;
using Translate.Interpreter;
using Translate.Runtime.Cuda;
using Translate.Runtime.Cuda.Interop;
using Translate.Runtime.Gpu;
using Translate.Tests.Conformance;

namespace Translate.Tests.Gpu.Cuda;

/// <summary>
/// The cuda device's whole path — <see cref="GpuKernelDispatcher"/> over <see cref="CudaSession"/>, our PTX, the calls
/// bound from the driver library — run against a real CUDA driver-API library. There is no NVIDIA GPU here, so the
/// library is our own (build mode's runtime is libcuda.so.1 too: it lifts the PTX it is given and runs it on cpu); that
/// checks every bound name and signature, the argument packing, the copies around each launch and the module globals,
/// which nothing else runs without a GPU. Each sample must pass its own check and print what it prints on the interpreter.
/// </summary>
public class CudaDeviceOnDriverApiTests
{
    private static readonly Lazy<string?> Library = new(() =>
    {
        var (path, _) = Translate.Cli.Build.RuntimeLibrary.Locate(false, TextWriter.Null);
        if (path is null) return null;
        // By its own file name: libcuda.so.1 stays unloadable by name here, as the cuda device's probe expects.
        CudaLibrary.Use(path);
        return path;
    });

    public static TheoryData<string> Samples() => new("vectorAdd", "histogram", "reduction", "scan", "warpReduce", "matrixMul", "streams");

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Samples))]
    public void A_sample_runs_through_the_driver_API_and_prints_what_it_prints_on_the_interpreter(string name)
    {
        Assert.True(Library.Value is not null, "the runtime library could not be built");
        var lifted = CudaFrontend.Translate(Repository.SamplePath(name), new FrontendOptions());
        Assert.True(lifted.Success, string.Join("\n", lifted.Diagnostics));
        var program = lifted.Checked!;
        using var session = new CudaSession();
        session.MakeCurrent();
        var stdout = new StringWriter { NewLine = "\n" };
        int status;
        using (var dispatcher = new GpuKernelDispatcher(session, program))
            status = IrInterpreter.Run(program, [], stdout, TextWriter.Null, name, dispatcher).ExitCode;
        var reference = SampleRuns.OnTheInterpreter(name);
        Assert.Contains("Test PASSED", stdout.ToString());
        Assert.Equal(reference.Stdout, stdout.ToString());
        Assert.Equal(reference.Status, status);
    }
}
