using System.Diagnostics;

namespace Translate.Tests.Cli;

/// <summary>The real <c>./translate</c> script: builds on demand, runs from any directory, passes args through.</summary>
public class ScriptTests
{
    private static string RepoRoot() => File.Exists(Path.Combine(Repository.Root, "translate"))
        ? Repository.Root
        : throw new InvalidOperationException("the repository root (with Translate.sln and ./translate) is not above the test binaries");

    internal static CliResult RunScript(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepoRoot(), "translate"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        // The first start builds the command, which takes a while on a busy machine.
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("./translate did not finish in 5 minutes");
        }
        return new(p.ExitCode, stdout, stderr.Result);
    }

    [RequiresFact(Need.Dotnet)]
    public void The_script_runs_the_vectorAdd_sample_from_another_directory()
    {
        string sample = Path.Combine(RepoRoot(), "cuda-samples", "vectorAdd", "vectorAdd.lisp");
        var r = RunScript(Path.GetTempPath(), "run", sample);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stderr}");
        Assert.Contains("Test PASSED\n", r.Stdout);

        var usage = RunScript(Path.GetTempPath(), "check", "--", "two words");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("'check' needs an argument", usage.Stderr);
    }
}
