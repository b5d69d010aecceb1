using System.Text;

namespace Translate.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Programs may print a lot: a large buffer, flushed once at the end (and before any error),
        // is much faster than Console.Out's flush per write.
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        int status = CommandLine.Run(args, stdout, Console.Error);
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
