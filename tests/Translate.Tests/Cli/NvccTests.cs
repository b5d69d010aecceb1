namespace Translate.Tests.Cli;

/// <summary><c>translate nvcc</c>: nvcc's flags accepted, -c writes checked IR, linking one program writes a runner script.</summary>
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

    [Fact]
    public void Compile_only_writes_the_checked_IR_as_the_object()
    {
        string source = _cli.Write("k.cu", Program);
        string obj = Path.Combine(_cli.Directory, "k.o");
        var r = CliRunner.Run("nvcc", "-c", "-O2", "-g", "-std=c++17", "-x", "cu", "-arch=sm_80", "-gencode", "arch=compute_80,code=sm_80",
            "-Xcompiler", "-fPIC", "-DVALUE=42", source, "-o", obj);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("define-kernel ((k void)", File.ReadAllText(obj));
    }

    [Fact]
    public void Linking_writes_an_executable_script_that_runs_the_lifted_IR()
    {
        string source = _cli.Write("k.cu", Program);
        string exe = Path.Combine(_cli.Directory, "app");
        var r = CliRunner.Run("nvcc", "-DVALUE=7", source, "-o", exe, "-arch", "sm_70");
        Assert.Equal(0, r.ExitCode);
        string script = File.ReadAllText(exe);
        Assert.StartsWith("#!/bin/sh", script);
        Assert.Contains("run --device", script);
        Assert.Contains("-arch sm_70", script); // recorded
        Assert.Contains("build mode", script);
        Assert.True(File.Exists(exe + ".lisp"));
        if (!OperatingSystem.IsWindows()) Assert.True((File.GetUnixFileMode(exe) & UnixFileMode.UserExecute) != 0);
        // The IR beside it runs as the program would.
        var run = CliRunner.Run("run", exe + ".lisp");
        Assert.Equal("7\n", run.Stdout);
    }

    [Fact]
    public void Relocatable_device_code_is_TR0604()
    {
        var r = CliRunner.Run("nvcc", "-rdc=true", "-c", _cli.Write("k.cu", Program));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0604", r.Stderr);
    }

    [Fact]
    public void Linking_several_translation_units_is_TR0606()
    {
        var r = CliRunner.Run("nvcc", _cli.Write("a.cu", Program), _cli.Write("b.cu", Program), "-o", Path.Combine(_cli.Directory, "ab"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0606", r.Stderr);
    }

    [Fact]
    public void Unknown_flag_is_a_usage_error()
    {
        var r = CliRunner.Run("nvcc", "--frobnicate", "k.cu");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'--frobnicate'", r.Stderr);
    }
}
