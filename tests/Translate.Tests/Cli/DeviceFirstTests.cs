using System.Text.Json;

namespace Translate.Tests.Cli;

/// <summary>
/// Device code translates whatever the host code is: <c>lift</c>, <c>compile</c> and <c>migrate</c> lift the device
/// code on its own when the host code is outside the lifted subset (the host code then stays C++, for build mode),
/// and lift the whole program when its host code fits.
/// </summary>
public sealed class DeviceFirstTests : IDisposable
{
    /// <summary>C-style kernels with C++ host code the lifter does not take (std::vector, iostream).</summary>
    private const string CxxHost = """
        #include <vector>
        #include <iostream>
        __constant__ float scale;
        template <typename T> __global__ void axpy(int n, T a, const T *x, T *y) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) y[i] = a * x[i] + y[i] * scale;
        }
        int main() {
            std::vector<float> h(16, 1.0f);
            float *x, *y;
            cudaMalloc(&x, 64); cudaMalloc(&y, 64);
            axpy<float><<<1, 16>>>(16, 2.0f, x, y);
            std::cout << h[0] << std::endl;
            return 0;
        }
        """;

    private const string CHost = """
        #include <stdio.h>
        __global__ void twice(int *p) { p[threadIdx.x] *= 2; }
        int main() { printf("hi\n"); return 0; }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void Lift_of_a_program_with_Cxx_host_code_prints_the_device_IR_and_says_once_that_the_host_stays_Cxx()
    {
        string file = _cli.Write("cxxhost.cu", CxxHost);
        var r = CliRunner.Run("lift", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("define-kernel ((axpy_float void)", r.Stdout);
        Assert.Contains("(define-global (scale float)", r.Stdout);
        Assert.DoesNotContain("((main int)", r.Stdout);
        Assert.Equal(1, Count(r.Stderr, "host code stays C++"));
        Assert.Contains($"translate build {file} -o cxxhost", r.Stderr);
        Assert.Contains("host function 'main()'", r.Stderr);
        Assert.DoesNotContain("error", r.Stderr);
    }

    [Theory]
    [InlineData("opencl", "__kernel")]
    [InlineData("ptx", ".entry axpy_float")]
    [InlineData("llvm", "axpy_float")]
    public void Compile_of_a_program_with_Cxx_host_code_emits_its_kernels(string target, string expected)
    {
        var r = CliRunner.Run("compile", _cli.Write("cxxhost.cu", CxxHost), "--target", target);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(expected, r.Stdout);
        Assert.Equal(1, Count(r.Stderr, "host code stays C++"));
    }

    [Fact]
    public void A_program_whose_host_code_lifts_is_lifted_whole_without_a_note()
    {
        var r = CliRunner.Run("lift", _cli.Write("chost.cu", CHost));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("((main int)", r.Stdout);
        Assert.Contains("define-kernel ((twice void)", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void A_device_code_error_still_fails_and_names_the_kernel_not_the_host()
    {
        string bad = CxxHost.Replace("y[i] = a * x[i] + y[i] * scale;", "if (y[i] > 0) goto inside; { inside: y[i] = 0; }");
        var r = CliRunner.Run("compile", _cli.Write("bad.cu", bad), "--target", "opencl");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("TR0403", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Migrate_counts_a_file_translated_by_its_device_code_and_reports_the_host_separately()
    {
        string src = Path.Combine(_cli.Directory, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "cxxhost.cu"), CxxHost);
        File.WriteAllText(Path.Combine(src, "chost.cu"), CHost);
        File.WriteAllText(Path.Combine(src, "part.cu"), "#include <string>\n__global__ void k(int *p) { p[0] = 1; }\n" +
            "void launch(int *p) { std::string s(\"x\"); k<<<1, 1>>>(p); }\n");
        string output = Path.Combine(_cli.Directory, "out");
        string json = Path.Combine(_cli.Directory, "report.json");
        string sarif = Path.Combine(_cli.Directory, "report.sarif");
        var r = CliRunner.Run("migrate", src, "--out", output, "--targets", "lisp,opencl", "--report", json, "--sarif", sarif, "-j", "1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("files translated      3/3", r.Stdout);
        Assert.Contains("host code             1 lifted, 2 native", r.Stdout);
        Assert.Contains("define-kernel ((axpy_float void)", File.ReadAllText(Path.Combine(output, "cxxhost.lisp")));
        Assert.Contains("__kernel", File.ReadAllText(Path.Combine(output, "cxxhost.cl")));

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.All(files.Values, f => Assert.Equal("translated", f.GetProperty("status").GetString()));
        Assert.Equal("lifted", files["chost.cu"].GetProperty("host").GetProperty("status").GetString());
        var cxx = files["cxxhost.cu"].GetProperty("host");
        Assert.Equal("native", cxx.GetProperty("status").GetString());
        Assert.Equal($"translate build {Path.Combine(src, "cxxhost.cu")} -o cxxhost", cxx.GetProperty("buildCommand").GetString());
        Assert.Contains("main()", cxx.GetProperty("reason").GetString());
        // A file without main is one object of a larger program.
        Assert.Equal($"translate nvcc -c {Path.Combine(src, "part.cu")} -o part.o",
            files["part.cu"].GetProperty("host").GetProperty("buildCommand").GetString());

        using var sarifDoc = JsonDocument.Parse(File.ReadAllText(sarif));
        var artifacts = sarifDoc.RootElement.GetProperty("runs")[0].GetProperty("artifacts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("location").GetProperty("uri").GetString()!, a => a.GetProperty("properties"));
        Assert.Equal("native", artifacts["cxxhost.cu"].GetProperty("host").GetString());
        Assert.Equal("lifted", artifacts["chost.cu"].GetProperty("host").GetString());
    }

    [Fact]
    public void Migrate_exits_1_only_for_device_code_failures()
    {
        string src = Path.Combine(_cli.Directory, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "bad.cu"), CxxHost.Replace("y[i] = a * x[i] + y[i] * scale;", "if (y[i] > 0) goto inside; { inside: y[i] = 0; }"));
        var r = CliRunner.Run("migrate", src, "--out", Path.Combine(_cli.Directory, "out"), "-j", "1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("files translated      0/1", r.Stdout);
    }
}
