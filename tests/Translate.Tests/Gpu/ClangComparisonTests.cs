using System.Diagnostics;
using Translate.Backends.Nvptx;
using Xunit.Abstractions;

namespace Translate.Tests.Gpu;

/// <summary>
/// Our PTX against what clang-19 makes of the same .cu with our headers (sm_70, -O3): PTX instruction
/// counts over all entries, side by side. Ours may be longer where the IR is stricter than CUDA's
/// defaults: clang contracts a*b+c into fma (fp-contract=fast), our IR keeps the separate roundings.
/// </summary>
public class ClangComparisonTests(ITestOutputHelper output) : GpuTestBase
{
    /// <summary>Instructions in every .entry body (not directives, labels or braces).</summary>
    public static int Instructions(string ptx) => ptx.Split(".entry").Skip(1).Sum(part =>
    {
        var body = part[part.IndexOf('{')..];
        body = body[..body.IndexOf("\n}", StringComparison.Ordinal)];
        return body.Split('\n').Select(l => l.Trim())
            .Count(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && l[0] is not ('.' or '{' or '}') && !l.EndsWith(':'));
    });

    private static string ClangPtx(string name)
    {
        var outPath = Path.Combine(Path.GetTempPath(), $"translate-clang-{Guid.NewGuid():N}.ptx");
        var psi = new ProcessStartInfo(Requirements.Clang!, ["-x", "cuda", "--cuda-device-only", "-S", "-nocudainc", "-nocudalib", "--cuda-gpu-arch=sm_70", "-O3",
            "-I", Path.Combine(RepositoryRoot, "translator", "Frontend", "include"), SamplePath(name), "-o", outPath]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, errors);
        try { return File.ReadAllText(outPath); }
        finally { File.Delete(outPath); }
    }

    [RequiresTheory(Need.GpuBackends, Need.Clang)]
    [InlineData("reduction")]
    [InlineData("matrixMul")]
    [InlineData("histogram")]
    [InlineData("vectorAdd")]
    [InlineData("transpose")]
    [InlineData("convolution")]
    [InlineData("saxpyDim3")]
    [InlineData("scan")]
    [InlineData("bitonicSort")]
    public void Our_ptx_is_within_a_fifth_of_clangs_length(string name)
    {
        int ours = Instructions(NvptxCompiler.EmitPtx(LiftSample(name)));
        int theirs = Instructions(ClangPtx(name));
        output.WriteLine($"{name}: ours {ours} PTX instructions, clang-19 {theirs} ({(double)ours / theirs:F2}x)");
        Assert.True(ours > 0 && theirs > 0);
        Assert.True(ours <= theirs * 1.2 + 2, $"{name}: ours {ours} vs clang {theirs}");
    }
}

