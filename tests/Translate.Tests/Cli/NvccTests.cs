using Translate.Tests.BuildMode;

namespace Translate.Tests.Cli;

/// <summary>
/// <c>translate nvcc</c>: nvcc's flags accepted; -c writes a native object with the device code embedded;
/// linking makes a native executable; a Makefile written for nvcc builds unchanged.
/// </summary>
public sealed class NvccTests : IDisposable
{
    private const string Program = """
        #include <cstdio>
        __global__ void k(int *p) { p[0] = VALUE; }
        int main() {
            int *d, h = 0;
            cudaMalloc((void **)&d, sizeof(int));
            k<<<1, 1>>>(d);
            cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);
            printf("%d\n", h);
            return 0;
        }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [BuildModeFact]
    public void Compile_only_writes_a_native_object_with_the_device_code_embedded()
    {
        string source = _cli.Write("k.cu", Program);
        string obj = Path.Combine(_cli.Directory, "k.o");
        var r = CliRunner.Run("nvcc", "-c", "-O2", "-g", "-std=c++17", "-x", "cu", "-arch=sm_80", "-gencode", "arch=compute_80,code=sm_80",
            "-Xcompiler", "-fPIC", "-DVALUE=42", source, "-o", obj);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var bytes = File.ReadAllBytes(obj);
        Assert.Equal("\u007fELF"u8.ToArray(), bytes[..4]);
        Assert.Contains("translate-device-image", System.Text.Encoding.Latin1.GetString(bytes));
    }

    [BuildModeFact]
    public void Objects_compiled_separately_link_into_an_executable()
    {
        string obj = Path.Combine(_cli.Directory, "k.o");
        Assert.Equal(0, CliRunner.Run("nvcc", "-c", "-DVALUE=7", _cli.Write("k.cu", Program), "-o", obj).ExitCode);
        string exe = Path.Combine(_cli.Directory, "app");
        var r = CliRunner.Run("nvcc", obj, "-o", exe, "-arch", "sm_70");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("7\n", Executable.Run(exe, _cli.Directory).Stdout);
    }

    [BuildModeFact]
    public void A_Makefile_written_for_nvcc_builds_and_runs_with_translate_nvcc()
    {
        string project = Path.Combine(_cli.Directory, "project");
        Directory.CreateDirectory(project);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "cuda-samples", "makefile-project")))
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        var make = Executable.Run("make", project, null, $"NVCC={Path.Combine(Repository.Root, "translate")} nvcc");
        Assert.True(make.ExitCode == 0, make.Stdout + make.Stderr);
        var run = Executable.Run(Path.Combine(project, "app"), _cli.Directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Test PASSED", run.Stdout);
    }

    [Fact]
    public void Relocatable_device_code_is_TR0604()
    {
        var r = CliRunner.Run("nvcc", "-rdc=true", "-c", _cli.Write("k.cu", Program));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0604", r.Stderr);
    }

    [Fact]
    public void Unknown_flag_is_a_usage_error()
    {
        var r = CliRunner.Run("nvcc", "--frobnicate", "k.cu");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'--frobnicate'", r.Stderr);
    }
}
