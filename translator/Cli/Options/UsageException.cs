namespace Translate.Cli.Options;

/// <summary>The command line is wrong (unknown option, missing argument …): exit 2 with a hint to the help.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    /// <summary>The subcommand whose arguments were wrong, if any: its help is the one to read.</summary>
    public string? Command { get; } = command;
}
