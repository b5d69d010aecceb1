using System.Text.Json;
using System.Text.RegularExpressions;
using Translate.Cli.Migration;

namespace Translate.Tests.Cli;

/// <summary>
/// The effort estimate of the migration summary: every diagnostic weighs the hours of its code's level,
/// summed per file and for the batch, and the weights are the ones docs/migration-effort.md lists.
/// </summary>
public sealed class MigrateEffortTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _input;

    public MigrateEffortTests()
    {
        _input = Path.Combine(_cli.Directory, "src");
        Directory.CreateDirectory(Path.Combine(_input, "kernels"));
        File.WriteAllText(Path.Combine(_input, "kernels", "asm.cu"), """
            __device__ int lane() { int id = 0; asm("vabsdiff.u32.u32.u32 %0, %0, %0, %0;" : "+r"(id)); return id; }
            __global__ void k(int *p) { p[threadIdx.x] = lane(); }
            __global__ void j(int *p) { if (p[0]) goto inside; { inside: p[0] = 1; } }
            """);
        File.WriteAllText(Path.Combine(_input, "io.cu"), """
            #include <cstdio>
            int pick(int x) { if (x > 0) return x; }
            int main() { FILE *f = fopen("x", "r"); printf("%d\n", pick(1)); return 0; }
            """);
        File.WriteAllText(Path.Combine(_input, "good.cu"), "__global__ void g(float *x) { x[threadIdx.x] += 1.0f; }\n");
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Each_diagnostic_weighs_by_its_code_summed_per_file_and_in_total()
    {
        string reportPath = Path.Combine(_cli.Directory, "report.json");
        var r = CliRunner.Run(["migrate", _input, "--out", Path.Combine(_cli.Directory, "out"), "--targets", "lisp", "--report", reportPath]);
        Assert.Equal(1, r.ExitCode);
        // asm.cu: TR0410 (high, 8) + TR0403 (medium, 2) + TR0409 (none); io.cu: TR0402 (low, 0.25) — its fopen
        // (TR0408) is host code, which stays C++ (build mode) and asks for no migration work.
        Assert.Contains("effort estimate       10.25 h of manual work (an estimate", r.Stdout);
        Assert.Contains("by level            1 high × 8 h, 1 medium × 2 h, 1 low × 0.25 h", r.Stdout);
        Assert.Contains("by file             kernels/asm.cu 10 h, io.cu 0.25 h", r.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.Equal(10.25, json.RootElement.GetProperty("totals").GetProperty("effortHours").GetDouble());
        var perFile = json.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("effortHours").GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["good.cu"] = 0, ["io.cu"] = 0.25, [Path.Combine("kernels", "asm.cu")] = 10 }, perFile);
    }

    [Fact]
    public void A_fully_translated_tree_estimates_no_work()
    {
        File.Delete(Path.Combine(_input, "io.cu"));
        File.Delete(Path.Combine(_input, "kernels", "asm.cu"));
        var r = CliRunner.Run(["migrate", _input, "--out", Path.Combine(_cli.Directory, "out"), "--targets", "lisp"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("effort estimate       0 h of manual work", r.Stdout);
        Assert.DoesNotContain("by level", r.Stdout);
    }

    [Theory]
    [InlineData("TR0403", "Medium")] // a range's level
    [InlineData("TR0410", "High")]   // an exception to it
    [InlineData("TR0409", "None")]
    [InlineData("TR0901", "Low")]
    [InlineData("TR0218", "None")]   // checker details come with TR0412, which is weighed
    [InlineData("TR1234", "Medium")] // outside every range
    public void Levels_come_from_the_exceptions_then_the_ranges(string code, string level) =>
        Assert.Equal(level, EffortEstimate.LevelOf(code).ToString());

    [Fact]
    public void The_documented_weights_are_the_ones_used()
    {
        string page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "migration-effort.md"));
        var rows = Regex.Matches(page, @"^\| (\S+) \| (\S+) \| (.+) \|$", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
        foreach (var level in Enum.GetValues<EffortLevel>())
        {
            string name = level.ToString().ToLowerInvariant();
            Assert.Contains(rows, row => row.Item1 == name && row.Item2 == EffortEstimate.HoursOf(level).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var documentedRanges = rows.Where(row => Regex.IsMatch(row.Item1, @"^TR\d\dxx$")).ToList();
        Assert.Equal(EffortEstimate.Ranges.Select(x => (x.Range + "xx", x.Level.ToString().ToLowerInvariant(), x.Why)), documentedRanges);
        var documentedCodes = rows.Where(row => Regex.IsMatch(row.Item1, @"^TR\d{4}$")).ToList();
        Assert.Equal(EffortEstimate.Exceptions.Select(x => (x.Code, x.Level.ToString().ToLowerInvariant(), x.Why)), documentedCodes);
    }
}
