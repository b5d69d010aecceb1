using Translate.Tests.Cli;

namespace Translate.Tests.Ptx;

/// <summary>
/// Our PTX backend's output read back: every program of cuda-samples/ whose host code lifts, compiled to PTX and run
/// with its kernels lifted from that PTX (<c>run --device-code</c>), prints what it prints with its own kernels.
/// </summary>
public sealed class PtxRoundTripTests
{
    /// <summary>The samples with one program (cmake-project and makefile-project show build systems, not kernels).</summary>
    public static TheoryData<string> Samples => new(Directory.EnumerateDirectories(Path.Combine(Repository.Root, "cuda-samples"))
        .Where(d => Directory.EnumerateFiles(d, "*.cu").Count() == 1 && !File.Exists(Path.Combine(d, "CMakeLists.txt")) && !File.Exists(Path.Combine(d, "Makefile")))
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(Samples))]
    public void A_sample_with_its_kernels_from_our_PTX_prints_the_same_on_the_interpreter(string sample)
    {
        string source = Directory.EnumerateFiles(Path.Combine(Repository.Root, "cuda-samples", sample), "*.cu").Single();
        using var dir = new CliRunner();
        string ptx = Path.Combine(dir.Directory, sample + ".ptx");
        var compile = CliRunner.Run("compile", source, "--target", "ptx", "-o", ptx);
        Assert.True(compile.ExitCode == 0, compile.Stderr);
        var own = CliRunner.Run("run", source, "--device", "interp");
        Assert.True(own.ExitCode == 0, own.Stderr);
        var fromPtx = CliRunner.Run("run", source, "--device", "interp", "--device-code", ptx);
        Assert.True(fromPtx.ExitCode == 0, fromPtx.Stderr);
        Assert.Equal(own.Stdout, fromPtx.Stdout);
    }
}
