namespace Translate.Cli.Options;

/// <summary>A command's arguments after option parsing.</summary>
internal sealed class ParsedArguments(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, string?> options,
    IReadOnlyList<string> passThrough, bool help)
{
    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; } = positionals;

    /// <summary>Everything after <c>--</c>, untouched (the program's own arguments).</summary>
    public IReadOnlyList<string> PassThrough { get; } = passThrough;

    /// <summary>True when <c>-h</c> or <c>--help</c> was given.</summary>
    public bool Help { get; } = help;

    /// <summary>The value of an option by its long name, or null when it was not given.</summary>
    public string? Value(string name) => options.GetValueOrDefault(name);

    /// <summary>True when an option was given (flag or valued).</summary>
    public bool Has(string name) => options.ContainsKey(name);
}
