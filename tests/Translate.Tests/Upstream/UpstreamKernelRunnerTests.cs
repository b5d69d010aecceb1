using Translate.Tests.BuildMode;

namespace Translate.Tests.Upstream;

/// <summary>
/// llama.lisp's own GPU test runner (src/compiler/backend/tests/kernelprog) runs unchanged against our libcuda.so.1:
/// each spec's kernel compiled by upstream's compiler to PTX, loaded with cuModuleLoadData from Python's ctypes, run on
/// the cpu device, and checked by the runner with NumPy (scripts/llama-lisp-kernels.sh sets up upstream's tools).
/// </summary>
public sealed class UpstreamKernelRunnerTests
{
    [RequiresFact(Need.BuildMode, Need.LlamaLisp, Need.UpstreamCompiler)]
    public void Every_spec_of_upstreams_kernel_runner_passes_on_cpu()
    {
        string script = Path.Combine(Repository.Root, "scripts", "llama-lisp-kernels.sh");
        var run = Executable.RunWithin(TimeSpan.FromMinutes(5), script, Repository.Root, null, "--device", "cpu");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var specs = Directory.EnumerateDirectories(Path.Combine(UpstreamCLispTests.Corpus, "src", "compiler", "backend", "tests", "kernelprog"))
            .Where(d => File.Exists(Path.Combine(d, "test.py"))).ToList();
        Assert.NotEmpty(specs);
        foreach (var spec in specs) Assert.Contains($"{Path.GetFileName(spec)}: PASSED", run.Stdout);
        Assert.Contains($"{specs.Count}/{specs.Count} tests passed", run.Stdout);
    }
}
