using Translate.Tests.BuildMode;

namespace Translate.Tests.Upstream;

/// <summary>
/// llama.lisp's own GPU test runner (src/compiler/backend/tests/kernelprog) runs unchanged against our libcuda.so.1:
/// each spec's kernel compiled by upstream's compiler to PTX (llc -O0), loaded with cuModuleLoadData from Python's ctypes,
/// run on each device, and checked by the runner with NumPy (scripts/llama-lisp-kernels.sh sets up upstream's tools).
/// </summary>
public sealed class UpstreamKernelRunnerTests
{
    /// <summary>Specs that read 2 GiB of input (2.5 minutes each in the interpreter): the suite runs them on cpu and leaves
    /// interp and opencl to `scripts/llama-lisp-kernels.sh --device DEVICE` (docs/coverage.md gives its results); the
    /// frame slots reduction_vec_sum2 needs on opencl are tested on every device by DriverApiTests.</summary>
    private static readonly string[] TwoGibibyteSpecs = ["reduction_vec_sum1", "reduction_vec_sum2"];

    [RequiresTheory(Need.BuildMode, Need.LlamaLisp, Need.UpstreamCompiler)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Every_spec_of_upstreams_kernel_runner_passes(string device)
    {
        var specs = Directory.EnumerateDirectories(Path.Combine(UpstreamCLispTests.Corpus, "src", "compiler", "backend", "tests", "kernelprog"))
            .Where(d => File.Exists(Path.Combine(d, "test.py"))).Select(Path.GetFileName).OfType<string>()
            .Where(s => device == "cpu" || !TwoGibibyteSpecs.Contains(s)).Order().ToList();
        Assert.NotEmpty(specs);
        string script = Path.Combine(Repository.Root, "scripts", "llama-lisp-kernels.sh");
        var run = Executable.RunWithin(TimeSpan.FromMinutes(5), script, Repository.Root, null, ["--device", device, .. specs]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        foreach (var spec in specs) Assert.Contains($"{spec}: PASSED", run.Stdout);
        Assert.Contains($"{specs.Count}/{specs.Count} tests passed", run.Stdout);
    }
}
