using Translate.Cli.Options;

namespace Translate.Cli.Commands;

/// <summary>One subcommand of <c>translate</c>: its name, help text, options and action.</summary>
internal abstract class Command
{
    /// <summary>The word that selects it: <c>translate NAME</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The synopsis after <c>translate</c>, e.g. <c>check FILE.lisp</c>.</summary>
    public abstract string Synopsis { get; }

    /// <summary>One line for the top-level help.</summary>
    public abstract string Summary { get; }

    /// <summary>The rest of <c>translate NAME --help</c>: what it does, its options, its exit status.</summary>
    public abstract string Details { get; }

    public virtual IReadOnlyList<OptionSpec> Options => [];

    /// <summary>Whether arguments after <c>--</c> mean something to this command.</summary>
    public virtual bool AcceptsPassThrough => false;

    /// <summary>How many positional arguments it takes.</summary>
    public abstract (int Min, int Max) PositionalCount { get; }

    public string Help => $"usage: translate {Synopsis}\n\n{char.ToUpperInvariant(Summary[0])}{Summary[1..]}.\n\n{Details}";

    /// <summary>Parses <paramref name="args"/> (what follows the command name) and runs the command.</summary>
    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return ParseAndExecute(args, stdout, stderr);
        }
        catch (UsageException e) when (e.Command is null)
        {
            throw new UsageException(e.Message, Name); // so the hint names this command's help
        }
    }

    /// <summary>Parses with the shared option grammar, then runs; a command with a foreign grammar (nvcc) overrides it.</summary>
    protected virtual int ParseAndExecute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = ArgumentParser.Parse(args, Options);
        if (parsed.Help)
        {
            stdout.Write(Help);
            return ExitCodes.Success;
        }
        var (min, max) = PositionalCount;
        if (parsed.Positionals.Count < min)
            throw new UsageException($"'{Name}' needs {(min == 1 ? "an argument" : $"{min} arguments")}: translate {Synopsis}");
        if (parsed.Positionals.Count > max)
            throw new UsageException($"unexpected argument '{parsed.Positionals[max]}'");
        if (parsed.PassThrough.Count > 0 && !AcceptsPassThrough)
            throw new UsageException($"'{Name}' takes no program arguments after '--'");
        return Execute(parsed, stdout, stderr);
    }

    protected abstract int Execute(ParsedArguments args, TextWriter stdout, TextWriter stderr);
}
