using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Translate.Cli.Migration;

/// <summary>
/// What the last <c>migrate</c> into an OUTDIR did, kept there as <see cref="FileName"/>: per input, the key
/// of what it was built from (content, flags, targets, tool version, the user headers it included) and its report. An input whose key is
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

    /// <summary>
    /// The stored report of an input when nothing it depends on changed — its own key and the contents of
    /// the headers it included last time — and its outputs are still there.
    /// </summary>
    public FileReport? Unchanged(MigrationInput input, string inputKey, string outDir, ContentHashes hashes)
    {
        ManifestEntry? entry;
        lock (_entries) _entries.TryGetValue(input.RelativePath, out entry);
        if (entry is null || entry.Key != WithHeaders(inputKey, entry.Headers ?? [], hashes)) return null;
        // A header clang could not find may exist now: such a file is always redone.
        if (entry.Report.Diagnostics.Any(d => d.Code == Ir.Diagnostics.Codes.ClangError.Id && d.Message.Contains("file not found", StringComparison.Ordinal)))
            return null;
        if (!entry.Report.Outputs.All(o => File.Exists(Path.Combine(outDir, o.Path)))) return null;
        return entry.Report with { Skipped = true };
    }

    /// <summary>Records what an input was built from: its key, the user headers it included and their contents now.</summary>
    public void Record(string relativePath, string inputKey, IReadOnlyList<string> headers, FileReport report, ContentHashes hashes)
    {
        var entry = new ManifestEntry(WithHeaders(inputKey, headers, hashes), report with { Skipped = false }, headers);
        lock (_entries) _entries[relativePath] = entry;
    }

    /// <summary>Drops inputs that are gone from the batch, so the manifest describes exactly the last run.</summary>
    public void Keep(IEnumerable<string> relativePaths)
    {
        var keep = relativePaths.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _entries.Keys.Where(k => !keep.Contains(k)).ToList()) _entries.Remove(gone);
    }

    public void Save(string outDir) =>
        Output.AtomicFile.Write(Path.Combine(outDir, FileName), temp => File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(_entries, ReportJson.Options)));

    /// <summary>The full key: the input's key followed by each included header's path and content hash, in inclusion order.</summary>
    private static string WithHeaders(string inputKey, IReadOnlyList<string> headers, ContentHashes hashes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(inputKey));
        foreach (var h in headers) hash.AppendData(Encoding.UTF8.GetBytes($"\0{h}\0{hashes.Of(h)}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The input's own key: SHA-256 over the file's bytes, its flags, the targets and the tool's build.</summary>
    public static string Key(MigrationInput input, byte[] content, IEnumerable<string> targets, string toolVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(content);
        hash.AppendData(Encoding.UTF8.GetBytes($"\0{input.FlagsKey}\0{string.Join(",", targets)}\0{toolVersion}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>
/// One input's line in the manifest: <see cref="Key"/> covers the input's own key and the contents of
/// <see cref="Headers"/>, the user headers it included (null in manifests written before headers were tracked).
/// </summary>
internal sealed record ManifestEntry(string Key, FileReport Report, IReadOnlyList<string>? Headers);
