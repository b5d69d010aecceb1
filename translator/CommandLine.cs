namespace Translate.Cli;

/// <summary>The <c>translate</c> command: dispatches to its subcommands.</summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("translate: not implemented yet");
        return 2;
    }
}
