using System.Diagnostics;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>Runs a built executable the way a user would: from some working directory, with an environment.</summary>
internal static class Executable
{
    public static CliResult Run(string path, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] args) =>
        RunWithin(TimeSpan.FromMinutes(3), path, workingDirectory, environment, args);

    /// <summary>As <see cref="Run"/>, with a time limit of its own (a first use that builds translate and its runtime library).</summary>
    public static CliResult RunWithin(TimeSpan limit, string path, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("TRANSLATE_DEVICE");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} did not finish in {limit.TotalMinutes} minutes");
        }
        return new CliResult(p.ExitCode, stdout, stderr.Result);
    }
}
