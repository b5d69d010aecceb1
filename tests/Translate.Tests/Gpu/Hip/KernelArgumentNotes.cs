using System.Text.RegularExpressions;

namespace Translate.Tests.Gpu.Hip;

/// <summary>One explicit kernel argument as an AMD code object's metadata declares it (HIP builds the kernarg segment from these).</summary>
public sealed record KernelArgumentNote(long Offset, long Size, string ValueKind);

/// <summary>Reads each kernel's <c>.args</c> from the code object's metadata note (<c>llvm-readelf-19 --notes</c>).</summary>
public static partial class KernelArgumentNotes
{
    /// <summary>Explicit arguments by kernel name, in order; the runtime's <c>hidden_*</c> arguments are left out.</summary>
    public static Dictionary<string, List<KernelArgumentNote>> Read(string codeObject)
    {
        var yaml = CodeObjectNotes.Run(CodeObjectNotes.ReadElf, "--notes", codeObject);
        var result = new Dictionary<string, List<KernelArgumentNote>>();
        int start = yaml.IndexOf("amdhsa.kernels:", StringComparison.Ordinal) + 15;
        foreach (var kernel in KernelStart().Split(yaml[start..yaml.IndexOf("amdhsa.target", StringComparison.Ordinal)]).Skip(1))
        {
            var name = Regex.Match(kernel, @"(?m)^    \.name:\s+(\S+)").Groups[1].Value;
            var args = new List<KernelArgumentNote>();
            // The kernel's keys are indented by 4 (its first follows "  - "); each argument starts with "      - " and its keys are indented by 8.
            var argsKey = Regex.Match(kernel, @"(?m)(^    |^)\.args:\n");
            if (argsKey.Success)
            {
                var rest = kernel[(argsKey.Index + argsKey.Length)..];
                var next = Regex.Match(rest, @"(?m)^    \.");
                foreach (var arg in ArgumentStart().Split("\n" + (next.Success ? rest[..next.Index] : rest)).Skip(1))
                {
                    string Key(string key) => Regex.Match("        " + arg, @"(?m)^        \." + key + @":\s+(\S+)").Groups[1].Value;
                    var kind = Key("value_kind");
                    if (!kind.StartsWith("hidden_", StringComparison.Ordinal))
                        args.Add(new KernelArgumentNote(long.Parse(Key("offset")), long.Parse(Key("size")), kind));
                }
            }
            result[name] = args;
        }
        return result;
    }

    [GeneratedRegex(@"(?m)^  - ")]
    private static partial Regex KernelStart();

    [GeneratedRegex(@"(?m)^      - ")]
    private static partial Regex ArgumentStart();
}
