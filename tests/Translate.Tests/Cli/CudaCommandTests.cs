namespace Translate.Tests.Cli;

/// <summary><c>translate run</c>, <c>check</c> and <c>lift</c> on CUDA source, through the frontend.</summary>
public sealed class CudaCommandTests : IDisposable
{
    private const string Good = """
        #include <cstdio>
        __global__ void twice(int *p) { p[threadIdx.x] *= 2; }
        int main() {
            int h[4] = {1, 2, 3, 4};
            int *d;
            cudaMalloc((void **)&d, sizeof(h));
            cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
            twice<<<1, 4>>>(d);
            cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
            printf("%d %d %d %d\n", h[0], h[1], h[2], h[3]);
            return SCALE;
        }
        """;

    private const string Bad = """
        __global__ void jumps(int *p) {
            if (p[0]) goto inside; { inside: p[0] = 1; }
        }
        int main() { return 0; }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_lifts_and_runs_and_exits_with_mains_value()
    {
        string path = _cli.Write("twice.cu", Good);
        var r = CliRunner.Run("run", path, "-D", "SCALE=7");
        Assert.Equal("2 4 6 8\n", r.Stdout);
        Assert.Equal(7, r.ExitCode);
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Defines_may_be_glued_and_include_directories_repeated()
    {
        string inc = Path.Combine(_cli.Directory, "inc");
        Directory.CreateDirectory(inc);
        File.WriteAllText(Path.Combine(inc, "scale.h"), "#define SCALE 5\n");
        string path = _cli.Write("twice.cu", "#include \"scale.h\"\n" + Good);
        var r = CliRunner.Run("run", path, "-I", "/nonexistent", $"-I{inc}");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("2 4 6 8\n", r.Stdout);
    }

    [Fact]
    public void The_cxx_standard_is_chosen_as_with_nvcc_and_an_unknown_one_is_a_usage_error()
    {
        // A concept and a consteval function in device code: C++20, which the default C++17 rejects.
        string path = _cli.Write("concepts.cu", """
            #include <cstdio>
            template <typename T> concept Small = sizeof(T) <= 4;
            consteval int twice(int x) { return 2 * x; }
            template <Small T> __global__ void k(T *p) { p[threadIdx.x] = twice(21); }
            int main() {
                int h = 0, *d;
                cudaMalloc((void **)&d, sizeof h);
                k<<<1, 1>>>(d);
                cudaMemcpy(&h, d, sizeof h, cudaMemcpyDeviceToHost);
                printf("%d\n", h);
                return 0;
            }
            """);
        Assert.Equal(1, CliRunner.Run("check", path).ExitCode);
        foreach (var spelling in new[] { new[] { "-std=c++20" }, ["--std", "c++20"], ["-std", "c++20"] })
        {
            var r = CliRunner.Run(["run", path, .. spelling]);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("42\n", r.Stdout);
        }
        var bad = CliRunner.Run("check", path, "-std=c++98");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'-std=c++98' is not a C++ standard translate reads", bad.Stderr);
    }

    [Fact]
    public void Untranslated_construct_is_a_located_diagnostic_and_exit_1()
    {
        string path = _cli.Write("jumps.cu", Bad);
        var r = CliRunner.Run("run", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Empty(r.Stdout);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:2:\d+: error TR0403: ", r.Stderr);
    }

    [Fact]
    public void Check_accepts_a_good_program_and_rejects_a_bad_one()
    {
        Assert.Equal(0, CliRunner.Run("check", _cli.Write("twice.cu", Good), "-DSCALE=0").ExitCode);
        var bad = CliRunner.Run("check", _cli.Write("jumps.cu", Bad));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("TR0403", bad.Stderr);
    }

    [Fact]
    public void Lift_prints_the_kernel_as_IR()
    {
        var r = CliRunner.Run("lift", _cli.Write("twice.cu", Good), "-DSCALE=0");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("(c-lisp", r.Stdout);
        Assert.Contains("(define-kernel ((twice void)", r.Stdout);
    }

    [Fact]
    public void Lift_to_a_file_writes_it_whole_and_leaves_it_untouched_on_failure()
    {
        string output = Path.Combine(_cli.Directory, "out.lisp");
        var ok = CliRunner.Run("lift", _cli.Write("twice.cu", Good), "-DSCALE=0", "-o", output);
        Assert.Equal(0, ok.ExitCode);
        Assert.Empty(ok.Stdout);
        string lifted = File.ReadAllText(output);
        Assert.Contains("define-kernel", lifted);

        var failed = CliRunner.Run("lift", _cli.Write("jumps.cu", Bad), "-o", output);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(lifted, File.ReadAllText(output));
        Assert.Equal(["out.lisp"], Directory.GetFiles(_cli.Directory, "*out.lisp*").Select(Path.GetFileName));
    }

    [Fact]
    public void Lift_refuses_IR_input_as_a_usage_error()
    {
        var r = CliRunner.Run("lift", _cli.Write("p.lisp", "(c-lisp)"));
        Assert.Equal(2, r.ExitCode);
    }
}
