using System.Text;
using System.Text.RegularExpressions;

namespace Translate.Frontend.Clang;

/// <summary>
/// Our <c>cuda_runtime.h</c>, which every parse force-includes with the C and C++ headers it includes, is about 0.2 s of
/// each parse: most of a small file's. It is precompiled once per clang configuration into a cache directory and read
/// back with <c>-include-pch</c>. A precompiled header stands in only where it reads exactly what the header would:
/// <list type="bullet">
/// <item>its key is every argument but the user's search directories and later force-includes (the language, the
/// side, the macros: <c>-DNDEBUG</c> changes <c>assert.h</c>) and libclang's version, compared in full;</item>
/// <item>a manifest of every file it read (size and time) is checked at each use: a changed header, ours or the
/// system's, rebuilds it (clang does not check the system headers of a precompiled header itself);</item>
/// <item>no user search directory (<c>-I</c>, the source's folder) and not the working directory holds a file by a name
/// those files include or test with <c>__has_include</c>: those directories come before ours in the search.</item>
/// </list>
/// Anything unusual (an overlay, another search option) parses as written. <c>TRANSLATE_CACHE_DIR=off</c> turns off every
/// disk cache, this one too.
/// </summary>
internal static class PrecompiledRuntimeHeader
{
    private const string Format = "translate-pch-1";
    private const string Header = "cuda_runtime.h";
    private const int MaxEntries = 24;

    /// <summary><c>$XDG_CACHE_HOME/translate/pch</c>, else <c>~/.cache/translate/pch</c>; null when caches are off.</summary>
    public static string? DefaultDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("TRANSLATE_CACHE_DIR") == "off") return null;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "translate", "pch");
        }
    }

    /// <summary>
    /// <paramref name="arguments"/> (a <see cref="CudaFrontend.ClangArguments"/> list) with the force-include of the runtime
    /// header from <paramref name="includeDirectory"/> replaced by its precompiled form kept in <paramref name="directory"/>,
    /// built now if missing; null where the precompiled header cannot stand in exactly or cannot be built.
    /// </summary>
    public static IReadOnlyList<string>? Arguments(IReadOnlyList<string> arguments, string includeDirectory, string directory)
    {
        if (Split(arguments) is not var (keyArguments, searched, headerAt)) return null;
        try
        {
            string header = Path.Combine(Path.GetFullPath(includeDirectory), Header);
            if (!File.Exists(header)) return null;
            var key = KeyLines(keyArguments);
            string stem = Path.Combine(directory, Name(key));
            string pch = stem + ".pch", manifest = stem + ".files";
            var read = Current(pch, manifest, key) ?? Build(stem, key, keyArguments, header);
            if (read is null || Shadowed(read, [.. searched, Environment.CurrentDirectory])) return null;
            File.SetLastWriteTimeUtc(manifest, DateTime.UtcNow); // used now: the last to be evicted
            var result = arguments.ToList();
            result[headerAt] = "-include-pch";
            result[headerAt + 1] = pch;
            return result;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        catch (InvalidOperationException) { return null; } // libclang could not parse the header at all
    }

    /// <summary>Whether clang refused a precompiled header (built for something else, a file changed since): clang's
    /// fatal errors about one name it, as "precompiled header", "PCH file" or "AST file".</summary>
    public static bool Refused(ClangDiagnostic d) => d.Severity == ClangSeverity.Fatal &&
        (d.Message.Contains("precompiled", StringComparison.OrdinalIgnoreCase) || d.Message.Contains("PCH", StringComparison.Ordinal)
         || d.Message.Contains("AST file", StringComparison.Ordinal));

    /// <summary>The arguments the precompiled header depends on, the user's search directories, and where the
    /// runtime header's <c>-include</c> is; null for arguments this class does not know to be harmless.</summary>
    private static (List<string> Key, List<string> Searched, int HeaderAt)? Split(IReadOnlyList<string> arguments)
    {
        var key = new List<string>();
        var searched = new List<string>();
        int headerAt = -1;
        for (int i = 0; i < arguments.Count; i++)
        {
            string a = arguments[i];
            bool hasValue = i + 1 < arguments.Count;
            if (a == "-I" && hasValue) { searched.Add(Path.GetFullPath(arguments[++i])); continue; }
            if (a == "-include" && hasValue)
            {
                if (headerAt < 0 && arguments[i + 1] == Header) { headerAt = i; key.AddRange([a, Header]); }
                // Later force-includes are read after the runtime header, as the user's own files are.
                i++;
                continue;
            }
            // Under C++20 clang 19 reads a precompiled header differently: the host printf of stdio.h is hidden behind our
            // __device__ overload ("no matching function for call to 'printf'"). C++17, the default, reads the same.
            if (a.StartsWith("-std=", StringComparison.Ordinal) && a != "-std=c++17") return null;
            // Other ways to add or redirect files (-iquote, -idirafter, -ivfsoverlay, joined -I…) are not checked for
            // shadowing: those parses are left as they are.
            if (a.StartsWith("-I", StringComparison.Ordinal) || (a.StartsWith("-i", StringComparison.Ordinal) && a != "-isystem")) return null;
            key.Add(a);
        }
        return headerAt < 0 ? null : (key, searched, headerAt);
    }

    /// <summary>What the precompiled header depends on besides the files it read, as manifest lines.</summary>
    private static List<string> KeyLines(List<string> keyArguments) =>
        [KeyLine + Format, KeyLine + TranslationUnit.ClangVersion, .. keyArguments.Select(a => KeyLine + a.ReplaceLineEndings(" "))];

    /// <summary>The entry's file name: a 64-bit FNV-1a of its key (the manifest holds the key itself, compared in full).</summary>
    private static string Name(List<string> key)
    {
        ulong hash = 14695981039346656037;
        foreach (var line in key)
            foreach (char c in line + "\n") { hash ^= c; hash *= 1099511628211; }
        return hash.ToString("x16");
    }

    private static string Fingerprint(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? $"{info.Length} {info.LastWriteTimeUtc.Ticks} {info.FullName}" : $"missing {info.FullName}";
    }

    /// <summary>What a stored precompiled header read, if it exists for <paramref name="key"/> and none of its files changed since.</summary>
    private static Manifest? Current(string pch, string manifest, List<string> key)
    {
        if (!File.Exists(pch) || !File.Exists(manifest)) return null;
        var files = new List<string>();
        var names = new List<string>();
        var lines = File.ReadAllLines(manifest);
        if (!lines.Take(key.Count).SequenceEqual(key)) return null;
        foreach (var line in lines.Skip(key.Count))
        {
            if (line.StartsWith(NameLine, StringComparison.Ordinal)) { names.Add(line[NameLine.Length..]); continue; }
            if (line.Split(' ', 3) is not [_, _, var file] || Fingerprint(file) != line) return null;
            files.Add(file);
        }
        return new Manifest(files, names);
    }

    /// <summary>The files a precompiled header read (real paths) and every name its files include or test for.</summary>
    private sealed record Manifest(List<string> Files, List<string> Names);

    /// <summary>Manifest lines: the key first, then fingerprints of files ("SIZE TICKS PATH") and names included.</summary>
    private const string KeyLine = "key ", NameLine = "name ";

    /// <summary><c>#include</c>, <c>#include_next</c>, <c>#import</c> and <c>__has_include</c> of a name in
    /// <c>&lt;&gt;</c> or quotes: read from the text, so directives an <c>#if</c> left out or an include guard skipped
    /// count too (with another search path they could have found another file).</summary>
    private static readonly Regex IncludedName = new(
        @"(?:^[ \t]*#[ \t]*(?:include|include_next|import)\b|__has_include(?:_next)?[ \t]*\()[ \t]*(?:<([^>\r\n]+)>|""([^""\r\n]+)"")",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>A directive naming what it includes by a macro: its name cannot be read from the text.</summary>
    private static readonly Regex IncludeByMacro = new(@"^[ \t]*#[ \t]*(?:include|include_next|import)[ \t]+[A-Za-z_]",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>Precompiles the runtime header: an empty source force-including it by its full path (so no directory
    /// of this process decides which file it is). Written under temporary names and renamed, manifest last.</summary>
    private static Manifest? Build(string stem, List<string> key, List<string> keyArguments, string header)
    {
        string directory = Path.GetDirectoryName(stem)!;
        Directory.CreateDirectory(directory);
        // clang reads the source of a precompiled header again when it loads one: it stays beside it.
        string source = stem + ".h";
        if (!File.Exists(source)) Write(source, []);
        var arguments = keyArguments.ToList();
        arguments[arguments.IndexOf(Header)] = header;
        using var unit = TranslationUnit.ParseHeaderToPrecompile(source, arguments);
        if (unit.Diagnostics.Any(d => d.Severity >= ClangSeverity.Error)) return null;
        var files = unit.IncludedFiles.Select(f => f.RealPath).Distinct().ToList();
        var names = new SortedSet<string>(StringComparer.Ordinal) { Header };
        foreach (var file in files)
        {
            if (!File.Exists(file)) return null;
            string text = File.ReadAllText(file);
            if (IncludeByMacro.IsMatch(text)) return null;
            foreach (Match m in IncludedName.Matches(text)) names.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }
        var manifest = key.Concat(files.Select(Fingerprint)).Concat(names.Select(n => NameLine + n));
        string pch = stem + ".pch";
        string temp = Temporary(pch);
        if (!unit.Save(temp)) { TryDelete(temp); return null; }
        File.Move(temp, pch, overwrite: true);
        Write(stem + ".files", Encoding.UTF8.GetBytes(string.Concat(manifest.Select(line => line + "\n"))));
        Evict(directory);
        return new Manifest(files, [.. names]);
    }

    /// <summary>
    /// Whether a search directory holds a file by a name the precompiled files include: the user's directories come
    /// before ours in the search, so it would have been read instead (unless it is one of those files itself).
    /// </summary>
    private static bool Shadowed(Manifest manifest, IEnumerable<string> searched)
    {
        var ours = new HashSet<string>(manifest.Files, StringComparer.Ordinal);
        foreach (var dir in searched.Distinct())
        {
            if (!Directory.Exists(dir)) continue;
            foreach (var name in manifest.Names)
            {
                if (Path.IsPathRooted(name)) continue;
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate) && !ours.Contains(RealPath(candidate))) return true;
            }
        }
        return false;
    }

    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }

    /// <summary>Keeps the newest <see cref="MaxEntries"/> headers (by last use); leftovers of interrupted writes go after an hour.</summary>
    private static void Evict(string directory)
    {
        var files = new DirectoryInfo(directory).GetFiles();
        foreach (var stale in files.Where(f => f.Name.EndsWith(".tmp", StringComparison.Ordinal) && f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            TryDelete(stale.FullName);
        var old = files.Where(f => f.Extension == ".files").OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxEntries);
        foreach (var manifest in old)
        {
            // The manifest goes first: an entry counts only while its manifest exists.
            string stem = Path.Combine(directory, Path.GetFileNameWithoutExtension(manifest.Name));
            foreach (var ext in new[] { ".files", ".pch", ".h" }) TryDelete(stem + ext);
        }
    }

    private static string Temporary(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    private static void Write(string path, byte[] bytes)
    {
        var temp = Temporary(path);
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
