using Translate.Frontend;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.OpenCl;

/// <summary>
/// Every program in cuda-samples/ runs whole on the <c>opencl</c> device (host code interpreted, kernels
/// on PoCL), passes its own check, and prints exactly what it prints on the reference interpreter.
/// </summary>
public sealed class SampleTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(Root, "cuda-samples")).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, Path.GetFileName(dir) + ".cu"))) data.Add(Path.GetFileName(dir));
        return data;
    }

    [OpenClTheory]
    [MemberData(nameof(Samples))]
    public void Sample_passes_on_opencl_with_the_interpreters_output(string name)
    {
        var program = Lift(name);
        var (interpStatus, interpOut) = Run("interp", program);
        var (status, output) = Run("opencl", program);
        Assert.True(status == 0, $"exit {status}\n{output}");
        Assert.Contains("Test PASSED", output);
        Assert.Equal(interpStatus, status);
        Assert.Equal(interpOut, output);
    }

    private static CheckedModule Lift(string name)
    {
        var result = CudaFrontend.Translate(Path.Combine(Root, "cuda-samples", name, name + ".cu"), new FrontendOptions());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Checked!;
    }

    private static (int Status, string Stdout) Run(string device, CheckedModule program)
    {
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find(device)!.Run(program, new RunOptions([], stdout, TextWriter.Null));
        return (status, stdout.ToString());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Translate.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find Translate.sln above " + AppContext.BaseDirectory);
    }
}
