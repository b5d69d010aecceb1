using Translate.Ir.Diagnostics;

namespace Translate.Cli.Output;

/// <summary>Writes a command's result to <c>-o FILE</c> atomically, or to standard output; a failure to write is TR0601.</summary>
internal static class OutputWriter
{
    /// <summary>Writes text to <paramref name="path"/> (atomically) or to stdout when it is null; false when writing failed (reported).</summary>
    public static bool WriteText(string? path, string text, TextWriter stdout, TextWriter stderr)
    {
        if (path is null)
        {
            stdout.Write(text);
            return true;
        }
        return WriteFile(path, temp => File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false)), stderr);
    }

    /// <summary>Writes a file through <see cref="AtomicFile"/>; false when writing failed (reported).</summary>
    public static bool WriteFile(string path, Action<string> writeTemp, TextWriter stderr)
    {
        try
        {
            AtomicFile.Write(path, writeTemp);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.OutputNotWritten, path, $"cannot be written: {e.Message}"));
            return false;
        }
    }
}
