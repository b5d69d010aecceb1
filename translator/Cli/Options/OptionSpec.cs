namespace Translate.Cli.Options;

/// <summary>One option a command accepts: <c>--name</c>, maybe a short alias, maybe a value (<c>--device NAME</c>).</summary>
internal sealed record OptionSpec(string Name, string? ShortName = null, string? ValueName = null)
{
    public bool TakesValue => ValueName is not null;
}
