using System.Runtime.InteropServices;
using System.Text;

namespace Translate.Runtime.Native;

/// <summary>
/// The host program's C stdio streams. Kernel printf and runtime messages go through libc's own
/// <c>stdout</c>/<c>stderr</c>, so they interleave with the program's printf and iostream output in
/// the order it was written (both share stdio's buffers).
/// </summary>
internal static unsafe partial class LibcStreams
{
    [LibraryImport("libc", EntryPoint = "fwrite")] private static partial nuint Fwrite(byte* data, nuint size, nuint count, nint stream);
    [LibraryImport("libc", EntryPoint = "fflush")] private static partial int Fflush(nint stream);

    // The addresses of libc's `stdout` and `stderr` variables, looked up once; the FILE* they hold is
    // read at each use, so a program that reassigns them is followed.
    private static readonly nint StdoutVariable = Export("stdout"), StderrVariable = Export("stderr");

    private static nint Export(string name) => NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), name);

    private static nint Stdout => *(nint*)StdoutVariable;
    private static nint Stderr => *(nint*)StderrVariable;

    public static void WriteStdout(ReadOnlySpan<byte> bytes) => Write(Stdout, bytes);

    /// <summary>Writes a line to stderr after flushing stdout, so the message follows what the program printed.</summary>
    public static void ErrorLine(string message)
    {
        Fflush(Stdout);
        Write(Stderr, Encoding.UTF8.GetBytes(message + "\n"));
        Fflush(Stderr);
    }

    private static void Write(nint stream, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        fixed (byte* p = bytes) Fwrite(p, 1, (nuint)bytes.Length, stream);
    }

    /// <summary>A TextWriter over libc's stdout, for kernel printf.</summary>
    public sealed class StdoutWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => Write(value.ToString());
        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value)) WriteStdout(Encoding.UTF8.GetBytes(value));
        }
        public override void Flush() => Fflush(Stdout);
    }
}
