using System.Security.Cryptography;
using System.Text;
using Translate.Backends.Cpu.Abi;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;
using Translate.Ir.Printing;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Backends.Cpu.Execution;

/// <summary>
/// Compiled modules on disk, by content hash: <c>KE/KEY.o</c> (machine code for this CPU) and
/// <c>KE/KEY.failures</c> (the runtime errors its code can raise), in one of 256 shards named by the
/// key's first two hex digits. The key covers the printed program, its
/// source file's bytes (diagnostic positions), the module's name and failure slot, the target machine,
/// the optimization pipeline, the vector math library the code may call, the compile options and the exact build of the compiler assemblies, so any change misses.
/// Entries are written to a temporary name and renamed, so concurrent runs never read half a file.
/// The directory is capped (<see cref="DefaultMaxBytes"/>) shard by shard, as ccache does: after each
/// store, the least recently used entries of that shard (a load counts as a use and refreshes the
/// entry's time) are deleted until the shard fits its share of the cap. Scanning one shard, not the
/// whole directory, is what keeps a store cheap in a full cache (48,000 files took 0.45 s to list).
/// </summary>
public sealed class KernelCache
{
    private const string Format = "translate-cpu-cache-1";
    private readonly string? _directory;
    private readonly string _programHash;
    private readonly long _maxBytes;
    private readonly int _shards;

    /// <summary>Directories whose files of the flat layout (entries before shards) were deleted in this process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> FlatLayoutCleared = new();

    /// <summary>256 MiB, or <c>$TRANSLATE_CACHE_MAX_MB</c> megabytes.</summary>
    public static long DefaultMaxBytes =>
        long.TryParse(Environment.GetEnvironmentVariable("TRANSLATE_CACHE_MAX_MB"), out long mb) && mb > 0 ? mb << 20 : 256L << 20;

    /// <summary>
    /// A cache in <paramref name="directory"/> (null: no disk cache) for <paramref name="program"/>, at most
    /// <paramref name="maxBytes"/> (default <see cref="DefaultMaxBytes"/>) in <paramref name="shards"/> shards
    /// (1 or 256: one hex digit pair of the key names a shard).
    /// </summary>
    public KernelCache(string? directory, CheckedModule program, LlvmTargetMachine machine, CpuCompileOptions? options = null, long? maxBytes = null, int shards = 256)
    {
        if (shards is not (1 or 256)) throw new ArgumentOutOfRangeException(nameof(shards), "1 or 256");
        _directory = directory;
        _maxBytes = maxBytes ?? DefaultMaxBytes;
        _shards = shards;
        var text = new StringBuilder(Format).Append('\n')
            .Append(machine.Triple).Append('\n').Append(machine.Cpu).Append('\n').Append(machine.DataLayout).Append('\n')
            .Append(KernelPipeline.OneDimensional).Append('\n').Append(DefaultO2Pipeline.Text).Append('\n').Append(CpuCompiler.HostPipeline).Append('\n')
            .Append(LlvmAvailability.VectorMathLibrary ?? "no vector math library").Append('\n')
            .Append((options ?? CpuCompileOptions.Default).Tag).Append('\n')
            .Append(typeof(KernelCache).Assembly.ManifestModule.ModuleVersionId).Append('\n')
            .Append(typeof(LlvmJit).Assembly.ManifestModule.ModuleVersionId).Append('\n')
            .Append(program.Module.File).Append('\n');
        if (File.Exists(program.Module.File)) text.Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(program.Module.File))));
        text.Append('\n').Append(IrPrinter.Print(program.Module));
        _programHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary><c>$TRANSLATE_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/translate/cpu</c>, else <c>~/.cache/translate/cpu</c>; <c>TRANSLATE_CACHE_DIR=off</c> disables it.</summary>
    public static string? DefaultDirectory
    {
        get
        {
            var set = Environment.GetEnvironmentVariable("TRANSLATE_CACHE_DIR");
            if (set == "off") return null;
            if (!string.IsNullOrEmpty(set)) return set;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "translate", "cpu");
        }
    }

    public string Key(string moduleName, int failureBase) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{_programHash}\n{moduleName}\n{failureBase}"))).ToLowerInvariant();

    /// <summary>The cached object for <paramref name="key"/>, its failures added to <paramref name="failures"/>; null on a miss.</summary>
    public byte[]? TryLoad(string key, FailureTable failures)
    {
        if (_directory is null) return null;
        var obj = Path.Combine(Shard(key), key + ".o");
        var list = Path.Combine(Shard(key), key + ".failures");
        try
        {
            if (!File.Exists(obj) || !File.Exists(list)) return null;
            var parsed = File.ReadAllLines(list).Where(l => l.Length > 0).Select(Parse).ToList();
            if (parsed.Any(d => d is null)) return null;
            var bytes = File.ReadAllBytes(obj);
            foreach (var d in parsed) failures.Add(d!);
            File.SetLastWriteTimeUtc(obj, DateTime.UtcNow); // used now: the last to be evicted
            return bytes;
        }
        catch (IOException) { return null; }
    }

    /// <summary>Stores an entry; a cache that cannot be written is skipped (compilation already succeeded).</summary>
    public void Store(string key, byte[] objectFile, IReadOnlyList<Diagnostic> failures)
    {
        if (_directory is null) return;
        try
        {
            var shard = Shard(key);
            Directory.CreateDirectory(shard);
            // The failure list goes first: an entry counts only once its object exists.
            Write(Path.Combine(shard, key + ".failures"), Encoding.UTF8.GetBytes(string.Concat(failures.Select(d => Format1(d) + "\n"))));
            Write(Path.Combine(shard, key + ".o"), objectFile);
            Evict(shard, key);
            ClearFlatLayout();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The directory of <paramref name="key"/>'s shard.</summary>
    private string Shard(string key) => _shards == 1 ? _directory! : Path.Combine(_directory!, key[..2]);

    /// <summary>
    /// Deletes whole entries of <paramref name="shard"/>, least recently used first (by the time of the
    /// <c>.o</c>), until it holds at most its share of the cap, never the entry <paramref name="stored"/>
    /// just now; leftovers of interrupted writes older than an hour go too. Another run deleting the
    /// same files at the same time is harmless (a missing file is skipped).
    /// </summary>
    private void Evict(string shard, string stored)
    {
        long cap = _maxBytes / _shards;
        var files = new DirectoryInfo(shard).GetFiles();
        foreach (var stale in files.Where(f => f.Name.EndsWith(".tmp", StringComparison.Ordinal) && f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            TryDelete(stale.FullName);
        var kept = files.Where(f => !f.Name.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
        var entries = kept
            .GroupBy(f => Path.GetFileNameWithoutExtension(f.Name))
            .Where(g => g.Key != stored)
            .Select(g => (Files: g.ToList(), Bytes: g.Sum(f => f.Length),
                Used: g.FirstOrDefault(f => f.Extension == ".o")?.LastWriteTimeUtc ?? DateTime.MinValue))
            .OrderBy(e => e.Used)
            .ToList();
        long total = kept.Sum(f => f.Length); // the entry just stored counts, though it stays
        foreach (var entry in entries)
        {
            if (total <= cap) break;
            // The object goes first: an entry counts only while its object exists.
            foreach (var f in entry.Files.OrderBy(f => f.Extension == ".o" ? 0 : 1)) TryDelete(f.FullName);
            total -= entry.Bytes;
        }
    }

    /// <summary>
    /// Once per process and directory: deletes entries written directly in the directory by builds
    /// before the shards (they would never be evicted again). Only the first store pays for the listing.
    /// </summary>
    private void ClearFlatLayout()
    {
        if (_shards == 1 || !FlatLayoutCleared.TryAdd(_directory!, true)) return;
        foreach (var f in Directory.EnumerateFiles(_directory!))
            if (f.EndsWith(".o", StringComparison.Ordinal) || f.EndsWith(".failures", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal))
                TryDelete(f);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void Write(string path, byte[] bytes)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private static string Format1(Diagnostic d) =>
        string.Join('\t', d.Code.Id, Escape(d.Location.File), d.Location.Line, d.Location.Column, Escape(d.Message));

    private static Diagnostic? Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 5 || Codes.Find(f[0]) is not { } code || !int.TryParse(f[2], out int l) || !int.TryParse(f[3], out int c)) return null;
        return new Diagnostic(code, new SourceLocation(Unescape(f[1]), l, c), Unescape(f[4]));
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n");

    private static string Unescape(string s)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length) { sb.Append(s[i]); continue; }
            char n = s[++i];
            sb.Append(n switch { 't' => '\t', 'n' => '\n', _ => n });
        }
        return sb.ToString();
    }
}
