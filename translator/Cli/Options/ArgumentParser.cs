namespace Translate.Cli.Options;

/// <summary>
/// The option grammar every command shares: <c>--name VALUE</c> or <c>--name=VALUE</c>, short aliases
/// (<c>-I DIR</c>, <c>-IDIR</c>; <c>-std=c++20</c> for the longer ones),
/// <c>-h</c>/<c>--help</c>, and <c>--</c> ending options (what follows goes to the program as is).
/// Hand-rolled rather than System.CommandLine to keep start-up fast.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        bool help = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
                return new(positionals, options, args.Skip(i + 1).ToList(), help);
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }
            // A lone "-" is a positional (conventionally standard input), not an option.
            if (arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add(arg);
                continue;
            }
            string name = arg;
            string? inline = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && (arg.StartsWith("--", StringComparison.Ordinal) || Named(arg[..eq], specs) is { ShortName.Length: > 1 }))
            {
                // --name=VALUE, and -std=VALUE for the short names longer than a letter (nvcc's spelling).
                name = arg[..eq];
                inline = arg[(eq + 1)..];
            }
            var spec = Named(name, specs);
            if (spec is null && Glued(arg, specs) is { } glued)
            {
                spec = glued;
                inline = arg[2..];
            }
            if (spec is null) throw new UsageException($"unknown option '{name}'");
            if (options.ContainsKey(spec.Name) && !spec.Repeatable)
                throw new UsageException($"option '--{spec.Name}' given twice");
            var values = options.TryGetValue(spec.Name, out var existing) ? existing : options[spec.Name] = [];
            if (!spec.TakesValue)
            {
                if (inline is not null) throw new UsageException($"option '--{spec.Name}' takes no value");
                values.Add(null);
                continue;
            }
            if (inline is null)
            {
                if (i + 1 >= args.Count) throw new UsageException($"option '--{spec.Name}' needs a value: --{spec.Name} {spec.ValueName}");
                inline = args[++i];
            }
            values.Add(inline);
        }
        return new(positionals, options, [], help);
    }

    private static OptionSpec? Named(string name, IReadOnlyList<OptionSpec> specs) =>
        specs.FirstOrDefault(s => "--" + s.Name == name || s.ShortName is not null && "-" + s.ShortName == name);

    /// <summary>The valued one-letter option whose value is glued on (<c>-Iinc</c>, <c>-DN=64</c>), if any.</summary>
    private static OptionSpec? Glued(string arg, IReadOnlyList<OptionSpec> specs) =>
        arg.Length > 2 && arg[1] != '-'
            ? specs.FirstOrDefault(s => s.TakesValue && s.ShortName is { Length: 1 } letter && arg[1] == letter[0])
            : null;
}
