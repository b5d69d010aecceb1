using System.Text.Json;
using Translate.Tests.Gpu;

namespace Translate.Tests.Cli;

/// <summary>
/// <c>translate migrate</c> over the whole of cuda-samples (the C++ host programs in cxx/ and the makefile
/// project included) to every target: each file is translated — its device code, whatever its host code —
/// and has an output per target. Lifting each file once and emitting every target from it, this is the
/// cheapest way to show that <c>compile</c> succeeds for every sample and target (both share the lifting
/// and the target emitters; scripts/compile-all.sh runs <c>compile</c> itself, file by file).
/// </summary>
public sealed class SamplesEveryTargetTests : IDisposable
{
    private static readonly string[] Targets = ["lisp", "llvm", "x86", "opencl", "ptx", "amdgcn", "spirv"];
    private static readonly string[] Extensions = [".lisp", ".ll", ".o", ".cl", ".ptx", ".hsaco", ".spv"];

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [RequiresFact(Need.GpuBackends, Need.Lld)]
    public void Every_sample_is_translated_for_every_target_and_cxx_host_code_is_reported_native()
    {
        string samples = Path.Combine(Repository.Root, "cuda-samples");
        string output = Path.Combine(_cli.Directory, "out");
        string json = Path.Combine(_cli.Directory, "report.json");
        var r = CliRunner.Run("migrate", samples, "--out", output, "--targets", string.Join(",", Targets), "--report", json);
        var inputs = Directory.GetFiles(samples, "*.cu", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(samples, f)).Order().ToList();
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"files translated      {inputs.Count}/{inputs.Count}", r.Stdout);
        foreach (var input in inputs)
            foreach (var ext in Extensions)
            {
                var file = new FileInfo(Path.Combine(output, Path.ChangeExtension(input, ext)));
                Assert.True(file.Exists && file.Length > 0, $"{input}: no {ext} output");
            }
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var hosts = report.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("host").GetProperty("status").GetString());
        foreach (var name in Repository.CxxSampleNames)
            Assert.Equal("native", hosts[Path.Combine("cxx", name, name + ".cu")]);
        foreach (var name in Repository.SampleNames)
            Assert.Equal("lifted", hosts[Path.Combine(name, name + ".cu")]);
    }
}
