using System.Text.Json;
using Translate.Cli.Options;
using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Cli.Migration;

/// <summary>Finds the .cu files to migrate: every one under a directory, or every one a compilation database names.</summary>
internal static class InputDiscovery
{
    /// <summary>Every .cu file under <paramref name="dir"/>, in ordinal path order (so runs are reproducible).</summary>
    public static IReadOnlyList<MigrationInput> FromDirectory(string dir, IReadOnlyList<string> includes, IReadOnlyList<string> defines)
    {
        var files = Directory.EnumerateFiles(dir, "*.cu", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive })
            .Select(f => Path.GetRelativePath(dir, f))
            .Order(StringComparer.Ordinal);
        return files.Select(rel => new MigrationInput(Path.Combine(dir, rel), rel, includes, defines)).ToList();
    }

    /// <summary>
    /// The .cu entries of a <c>compile_commands.json</c>, with their own -I and -D (relative include
    /// directories resolved against the entry's directory). Outputs mirror the tree below the inputs'
    /// common directory, returned as <paramref name="root"/>. Throws <see cref="DiagnosticException"/> (TR0602) when it cannot be read.
    /// </summary>
    public static IReadOnlyList<MigrationInput> FromCompilationDatabase(string database, out string root)
    {
        var at = new SourceLocation(database, 0, 0);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(database));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new DiagnosticException(new Diagnostic(Codes.CompilationDatabaseInvalid, at, e.Message));
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new DiagnosticException(new Diagnostic(Codes.CompilationDatabaseInvalid, at, "expected a JSON array of compile commands"));
            var entries = new List<(string File, List<string> Includes, List<string> Defines)>();
            foreach (var entry in doc.RootElement.EnumerateArray())
            {
                string? directory = Text(entry, "directory");
                string? file = Text(entry, "file");
                if (directory is null || file is null)
                    throw new DiagnosticException(new Diagnostic(Codes.CompilationDatabaseInvalid, at, "an entry lacks \"directory\" or \"file\""));
                string full = Path.GetFullPath(file, directory);
                if (!full.EndsWith(".cu", StringComparison.OrdinalIgnoreCase)) continue;
                var (includes, defines) = Flags(Arguments(entry), directory);
                entries.Add((full, includes, defines));
            }
            var unique = entries.DistinctBy(e => e.File).OrderBy(e => e.File, StringComparer.Ordinal).ToList();
            root = CommonDirectory(unique.Select(e => e.File).ToList());
            string r = root;
            return unique.Select(e => new MigrationInput(e.File, Path.GetRelativePath(r, e.File), e.Includes, e.Defines)).ToList();
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Arguments(JsonElement entry)
    {
        if (entry.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Array)
            return args.EnumerateArray().Select(a => a.GetString() ?? "").ToList();
        return Text(entry, "command") is { } command ? ShellWords.Split(command) : [];
    }

    private static (List<string> Includes, List<string> Defines) Flags(List<string> args, string directory)
    {
        var includes = new List<string>();
        var defines = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? value(string flag) => a == flag ? (i + 1 < args.Count ? args[++i] : null) : a.StartsWith(flag, StringComparison.Ordinal) ? a[flag.Length..] : null;
            if (a.StartsWith("-I", StringComparison.Ordinal) && value("-I") is { } inc) includes.Add(Path.GetFullPath(inc, directory));
            else if (a.StartsWith("-D", StringComparison.Ordinal) && value("-D") is { } def) defines.Add(def);
        }
        return (includes, defines);
    }

    private static string CommonDirectory(IReadOnlyList<string> files)
    {
        if (files.Count == 0) return Path.GetPathRoot(Environment.CurrentDirectory) ?? "/";
        string common = Path.GetDirectoryName(files[0])!;
        foreach (var f in files.Skip(1))
            while (!IsWithin(f, common)) common = Path.GetDirectoryName(common) ?? "/";
        return common;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="dir"/> or below it (full paths).</summary>
    public static bool IsWithin(string path, string dir)
    {
        string d = Path.TrimEndingDirectorySeparator(dir);
        return path == d || path.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
