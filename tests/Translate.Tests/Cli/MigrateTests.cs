using System.Diagnostics;
using System.Text.Json;

namespace Translate.Tests.Cli;

/// <summary><c>translate migrate</c> over a small tree with one good and one bad .cu file.</summary>
public sealed class MigrateTests : IDisposable
{
    private const string Good = """
        __global__ void scale(float *x, float a, int n) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) x[i] *= a;
        }
        int main() { return 0; }
        """;

    private const string Bad = """
        __global__ void jumps(int *p) {
            if (p[0]) goto inside; { inside: p[0] = 1; }
        }
        """;

    private readonly CliRunner _cli = new();
    private readonly string _input;
    private readonly string _output;

    public MigrateTests()
    {
        _input = Path.Combine(_cli.Directory, "src");
        _output = Path.Combine(_cli.Directory, "out");
        Directory.CreateDirectory(Path.Combine(_input, "kernels"));
        File.WriteAllText(Path.Combine(_input, "good.cu"), Good);
        File.WriteAllText(Path.Combine(_input, "kernels", "bad.cu"), Bad);
    }

    public void Dispose() => _cli.Dispose();

    private CliResult Migrate(params string[] extra) =>
        CliRunner.Run(["migrate", _input, "--out", _output, "--targets", "lisp,opencl,llvm", .. extra]);

    /// <summary>Every file's bytes except the manifest, which holds timings.</summary>
    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".translate-migrate.json")
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    [Fact]
    public void Good_file_is_translated_bad_one_reported_located_and_the_batch_exits_1()
    {
        var before = Snapshot(_input);
        var r = Migrate();
        Assert.Equal(1, r.ExitCode);
        foreach (var ext in new[] { ".lisp", ".cl", ".ll" })
            Assert.True(File.Exists(Path.Combine(_output, "good" + ext)), $"good{ext} missing");
        Assert.Contains("define-kernel ((scale void)", File.ReadAllText(Path.Combine(_output, "good.lisp")));
        Assert.Contains("__kernel", File.ReadAllText(Path.Combine(_output, "good.cl")));
        Assert.False(Directory.Exists(Path.Combine(_output, "kernels")) && Directory.GetFiles(Path.Combine(_output, "kernels")).Length > 0);
        string badPath = Path.Combine(_input, "kernels", "bad.cu");
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(badPath)}:2:\d+: error TR0403: ", r.Stderr);
        Assert.Contains("kernels translated    1/2", r.Stdout);
        Assert.Equal(before, Snapshot(_input));
    }

    [Fact]
    public void Second_run_skips_unchanged_files_and_leaves_identical_bytes()
    {
        Migrate();
        var outputs = Snapshot(_output);
        var again = Migrate("--report", Path.Combine(_cli.Directory, "again.json"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("unchanged good.cu", again.Stderr);
        Assert.Contains("TR0403", again.Stderr); // a skipped bad file is still reported
        Assert.Equal(outputs, Snapshot(_output));
        // Speed is a benchmark's business; here it is enough that the unchanged file was not redone.
    }

    [Fact]
    public void Outputs_are_the_same_bytes_when_everything_is_redone()
    {
        Migrate();
        var outputs = Snapshot(_output);
        File.Delete(Path.Combine(_output, ".translate-migrate.json"));
        var redo = Migrate();
        Assert.Contains("translated good.cu", redo.Stderr);
        Assert.Equal(outputs, Snapshot(_output));
    }

    [Fact]
    public void Changed_input_is_redone()
    {
        Migrate();
        File.WriteAllText(Path.Combine(_input, "good.cu"), Good.Replace("*= a", "+= a"));
        var r = Migrate();
        Assert.Contains("translated good.cu", r.Stderr);
        Assert.Contains("fadd", File.ReadAllText(Path.Combine(_output, "good.lisp")));
    }

    [Fact]
    public void Report_json_has_each_file_function_and_located_diagnostic()
    {
        string reportPath = Path.Combine(_cli.Directory, "report.json");
        Migrate("--report", reportPath, "--jobs", "1");
        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["good.cu", Path.Combine("kernels", "bad.cu")], files.Select(f => f.GetProperty("path").GetString()).Order());
        var bad = files.Single(f => f.GetProperty("path").GetString()!.EndsWith("bad.cu"));
        Assert.Equal("failed", bad.GetProperty("status").GetString());
        var diagnostic = bad.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "TR0403");
        Assert.Equal(2, diagnostic.GetProperty("line").GetInt32());
        var kernel = bad.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("irName").GetString() == "jumps");
        Assert.False(kernel.GetProperty("translated").GetBoolean());
        var good = files.Single(f => f.GetProperty("path").GetString() == "good.cu");
        Assert.Equal("translated", good.GetProperty("status").GetString());
        Assert.True(good.GetProperty("timings").GetProperty("liftMs").GetDouble() > 0);
    }

    [Fact]
    public void Sarif_is_version_2_1_0_with_the_rule_and_its_location()
    {
        string sarifPath = Path.Combine(_cli.Directory, "out.sarif");
        Migrate("--sarif", sarifPath);
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Contains(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "TR0403");
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "TR0403");
        Assert.Equal(2, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void All_good_tree_exits_0()
    {
        File.Delete(Path.Combine(_input, "kernels", "bad.cu"));
        Assert.Equal(0, Migrate().ExitCode);
    }

    [Fact]
    public void Output_inside_the_input_tree_is_refused()
    {
        var r = CliRunner.Run("migrate", _input, "--out", Path.Combine(_input, "migrated"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("inside the input tree", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_input, "migrated")));
    }

    [Fact]
    public void Unknown_target_is_a_usage_error()
    {
        var r = CliRunner.Run("migrate", _input, "--out", _output, "--targets", "lisp,vax");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown target 'vax'", r.Stderr);
    }

    [Fact]
    public void Compilation_database_gives_each_file_its_own_defines()
    {
        File.Delete(Path.Combine(_input, "kernels", "bad.cu"));
        File.WriteAllText(Path.Combine(_input, "good.cu"), Good.Replace("x[i] *= a", "x[i] *= FACTOR"));
        string database = Path.Combine(_cli.Directory, "compile_commands.json");
        File.WriteAllText(database, JsonSerializer.Serialize(new[]
        {
            new { directory = _input, file = "good.cu", command = "nvcc -c -DFACTOR=2.0f good.cu -o good.o" },
        }));
        var r = CliRunner.Run("migrate", "-p", database, "--out", _output);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2", File.ReadAllText(Path.Combine(_output, "good.lisp")));
    }
}
