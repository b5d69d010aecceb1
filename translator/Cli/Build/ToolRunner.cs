using System.Diagnostics;

namespace Translate.Cli.Build;

/// <summary>Runs an external tool (clang, the runtime's build script) and collects what it printed.</summary>
internal static class ToolRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The first of <paramref name="names"/> found on PATH, or null.</summary>
    public static string? Find(params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in names)
            foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Runs <paramref name="tool"/>; under <paramref name="verbose"/> the command line is echoed to <paramref name="log"/> first, after <paramref name="echoPrefix"/>.</summary>
    public static Result Run(string tool, IReadOnlyList<string> arguments, bool verbose, TextWriter log, string echoPrefix = "+ ")
    {
        if (verbose) log.WriteLine(echoPrefix + string.Join(' ', new[] { tool }.Concat(arguments).Select(Quote)));
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new IOException($"cannot start {tool}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout, stderr.Result);
    }

    private static string Quote(string a) => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
