using System.Text;
using Translate.Cli;

namespace Translate.Tests.Cli;

/// <summary>What one <c>translate</c> invocation gave back.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the command in-process and keeps the program files tests write.</summary>
internal sealed class CliRunner : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("translate-cli-tests-").FullName;

    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return new(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a file under the test's own directory and returns its path.</summary>
    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Directory => _dir;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
