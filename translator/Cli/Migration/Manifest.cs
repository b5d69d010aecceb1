using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Translate.Cli.Migration;

/// <summary>
/// What the last <c>migrate</c> into an OUTDIR did, kept there as <see cref="FileName"/>: per input, the key
/// of what it was built from (content, flags, targets, tool version) and its report. An input whose key is
/// unchanged and whose outputs are all present is skipped and its stored report reused.
/// </summary>
internal sealed class Manifest
{
    public const string FileName = ".translate-migrate.json";

    private readonly SortedDictionary<string, ManifestEntry> _entries;

    private Manifest(SortedDictionary<string, ManifestEntry> entries) => _entries = entries;

    /// <summary>The manifest in <paramref name="outDir"/>, or an empty one when it is missing or unreadable (then everything is redone).</summary>
    public static Manifest Load(string outDir)
    {
        string path = Path.Combine(outDir, FileName);
        try
        {
            if (File.Exists(path) && JsonSerializer.Deserialize<SortedDictionary<string, ManifestEntry>>(File.ReadAllBytes(path), ReportJson.Options) is { } entries)
                return new Manifest(new SortedDictionary<string, ManifestEntry>(entries, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // A damaged manifest only costs a full rebuild.
        }
        return new Manifest(new SortedDictionary<string, ManifestEntry>(StringComparer.Ordinal));
    }

    /// <summary>The stored report of an input when nothing it depends on changed and its outputs are still there.</summary>
    public FileReport? Unchanged(MigrationInput input, string key, string outDir)
    {
        ManifestEntry? entry;
        lock (_entries) _entries.TryGetValue(input.RelativePath, out entry);
        if (entry is null || entry.Key != key) return null;
        if (!entry.Report.Outputs.All(o => File.Exists(Path.Combine(outDir, o.Path)))) return null;
        return entry.Report with { Skipped = true };
    }

    public void Record(string relativePath, string key, FileReport report)
    {
        lock (_entries) _entries[relativePath] = new ManifestEntry(key, report with { Skipped = false });
    }

    /// <summary>Drops inputs that are gone from the batch, so the manifest describes exactly the last run.</summary>
    public void Keep(IEnumerable<string> relativePaths)
    {
        var keep = relativePaths.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _entries.Keys.Where(k => !keep.Contains(k)).ToList()) _entries.Remove(gone);
    }

    public void Save(string outDir) =>
        Output.AtomicFile.Write(Path.Combine(outDir, FileName), temp => File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(_entries, ReportJson.Options)));

    /// <summary>The incremental key: SHA-256 over the file's bytes, its flags, the targets and the tool's build.</summary>
    public static string Key(MigrationInput input, byte[] content, IEnumerable<string> targets, string toolVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(content);
        hash.AppendData(Encoding.UTF8.GetBytes($"\0{input.FlagsKey}\0{string.Join(",", targets)}\0{toolVersion}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>One input's line in the manifest.</summary>
internal sealed record ManifestEntry(string Key, FileReport Report);
