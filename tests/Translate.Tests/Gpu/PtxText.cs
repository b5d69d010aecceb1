using System.Text.RegularExpressions;

namespace Translate.Tests.Gpu;

/// <summary>
/// Reads back what a PTX file declares, from its text alone (no ptxas here): each <c>.entry</c> with its
/// parameter types, and each <c>.shared</c> array with its size in bytes.
/// </summary>
public sealed partial class PtxText(string text)
{
    public string Text { get; } = text;

    /// <summary>Entry name → its parameters' declared types (e.g. <c>.u64</c>, <c>.f32</c>, <c>.b8[8]</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Entries { get; } = ReadEntries(text);

    /// <summary>Every <c>.shared</c> declaration: its symbol and byte size.</summary>
    public IReadOnlyList<(string Name, long Bytes)> Shared { get; } =
        SharedDecl().Matches(text).Select(m => (m.Groups[2].Value, SharedBytes(m.Groups[1].Value, m.Groups[3].Value))).ToList();

    /// <summary>An array is declared .b8 NAME[BYTES]; a scalar by its PTX type (.u32 is 4 bytes).</summary>
    private static long SharedBytes(string type, string count) =>
        count.Length > 0 ? long.Parse(count) : int.Parse(type[2..]) / 8;

    /// <summary>The <c>.target</c> line's architecture.</summary>
    public string Target => TargetDecl().Match(Text).Groups[1].Value;

    private static Dictionary<string, IReadOnlyList<string>> ReadEntries(string text)
    {
        var entries = new Dictionary<string, IReadOnlyList<string>>();
        foreach (Match m in EntryDecl().Matches(text))
        {
            var ps = new List<string>();
            foreach (Match p in ParamDecl().Matches(m.Groups[2].Value))
                ps.Add(p.Groups[3].Success ? $".b8[{p.Groups[3].Value}]" : p.Groups[1].Value);
            entries[m.Groups[1].Value] = ps;
        }
        return entries;
    }

    [GeneratedRegex(@"\.entry\s+([\w$]+)\s*\(([^)]*)\)")]
    private static partial Regex EntryDecl();

    [GeneratedRegex(@"\.param\s+(?:\.align\s+\d+\s+)?(\.\w+)\s+[\w$]+(\[(\d+)\])?")]
    private static partial Regex ParamDecl();

    [GeneratedRegex(@"(?<!\.extern )\.shared\s+\.align\s+\d+\s+(\.[bufs]\d+)\s+([\w$]+)(?:\[(\d+)\])?;")]
    private static partial Regex SharedDecl();

    [GeneratedRegex(@"^\.target\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TargetDecl();
}
