namespace Translate.Cli.Options;

/// <summary>A command's arguments after option parsing.</summary>
internal sealed class ParsedArguments(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, List<string?>> options,
    IReadOnlyList<string> passThrough, bool help)
{
    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; } = positionals;

    /// <summary>Everything after <c>--</c>, untouched (the program's own arguments).</summary>
    public IReadOnlyList<string> PassThrough { get; } = passThrough;

    /// <summary>True when <c>-h</c> or <c>--help</c> was given.</summary>
    public bool Help { get; } = help;

    /// <summary>The value of an option by its long name (the last one given), or null when it was not given.</summary>
    public string? Value(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of a repeatable option, in the order given.</summary>
    public IReadOnlyList<string> Values(string name) =>
        options.TryGetValue(name, out var values) ? values.OfType<string>().ToList() : [];

    /// <summary>True when an option was given (flag or valued).</summary>
    public bool Has(string name) => options.ContainsKey(name);
}
