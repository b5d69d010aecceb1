using System.Text;

namespace Translate.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Programs may print a lot: a large buffer, flushed once at the end (and before any error),
        // is much faster than Console.Out's flush per write.
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        // On a thread with a deep stack: every stage recurses once per level of nesting in the source, and 20,000
        // nested unary minuses overflowed the main thread's 8 MiB (SIGSEGV, no diagnostic).
        int status = 0;
        var worker = new Thread(() => status = CommandLine.Run(args, stdout, Console.Error), Frontend.CudaFrontend.ParserStackBytes)
            { Name = "translate" };
        worker.Start();
        worker.Join();
        try
        {
            stdout.Flush();
        }
        catch (IOException)
        {
            // The reader went away (e.g. `| head`); nothing left to tell it.
        }
        return status;
    }
}
