using System.Text;

namespace Translate.Cli.Output;

/// <summary>
/// Writes an output file all at once or not at all: into a temporary file beside it, then renamed over
/// it. A failure (or a crash) leaves the previous file untouched and no half-written one behind.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static void WriteText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text, Utf8));

    /// <summary>Calls <paramref name="writeTemp"/> with a temporary path beside <paramref name="path"/>, then renames it into place.</summary>
    public static void Write(string path, Action<string> writeTemp)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        // Beside the target so the rename stays on one file system (atomic on POSIX).
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
