namespace Translate.Cli.Options;

/// <summary>
/// One option a command accepts: <c>--name</c>, maybe a short alias, maybe a value (<c>--device NAME</c>).
/// A repeatable option (<c>-I DIR</c>, <c>-D NAME</c>) may be given many times; a one-letter short
/// alias of a valued option also takes its value glued on, as compilers do (<c>-Iinc</c>, <c>-DN=64</c>).
/// </summary>
internal sealed record OptionSpec(string Name, string? ShortName = null, string? ValueName = null, bool Repeatable = false)
{
    public bool TakesValue => ValueName is not null;
}
