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
        using var running = Start(tool, arguments, verbose, log, echoPrefix);
        return running.Wait();
    }

    /// <summary>Starts <paramref name="tool"/> and returns at once (echoed as <see cref="Run"/> does); with
    /// <paramref name="input"/>, its standard input is a pipe that <see cref="Running.Feed"/> writes.</summary>
    public static Running Start(string tool, IReadOnlyList<string> arguments, bool verbose, TextWriter log, string echoPrefix = "+ ", bool input = false)
    {
        if (verbose) log.WriteLine(echoPrefix + string.Join(' ', new[] { tool }.Concat(arguments).Select(Quote)));
        var start = new ProcessStartInfo(tool)
            { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return new Running(Process.Start(start) ?? throw new IOException($"cannot start {tool}"));
    }

    /// <summary>A tool started by <see cref="Start"/>: its output is read as it comes, so it never blocks on a full pipe.</summary>
    public sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout, _stderr;

        internal Running(Process process)
        {
            _process = process;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        /// <summary>Writes <paramref name="bytes"/> to the tool's standard input and closes it. A tool that exits without
        /// reading them all (it failed) closes the pipe: what it did is for <see cref="Wait"/> to tell.</summary>
        public void Feed(byte[] bytes)
        {
            try
            {
                using var stdin = _process.StandardInput.BaseStream;
                stdin.Write(bytes);
            }
            catch (IOException) { } // the reader is gone
        }

        public Result Wait()
        {
            _process.WaitForExit();
            return new Result(_process.ExitCode, _stdout.Result, _stderr.Result);
        }

        /// <summary>Stops the tool if it still runs (its result is not wanted).</summary>
        public void Kill()
        {
            // Checked first: Kill(entireProcessTree) reads every process's /proc entry to find the tree even when the tool has
            // exited (50–150 ms on this machine after each compilation).
            if (_process.HasExited) return;
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } // already gone
            _process.WaitForExit();
        }

        public void Dispose() => _process.Dispose();
    }

    private static string Quote(string a) => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
