using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Tests.Cpu;

/// <summary>Compiled modules are cached on disk by content hash: a second run loads them instead of compiling.</summary>
public sealed class KernelCacheTests : CpuTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "translate-cache-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private (string Stdout, CpuDevice Device) Run(string program)
    {
        var device = new CpuDevice(_dir);
        var stdout = new StringWriter { NewLine = "\n" };
        device.Run(Check(program), new RunOptions([], stdout, TextWriter.Null));
        return (stdout.ToString(), device);
    }

    [RequiresFact(Need.Cpu)]
    public void Second_run_loads_every_module_from_the_cache()
    {
        var (first, d1) = Run(CpuProgramTests.VectorAdd);
        Assert.Equal((0, 2), (d1.LastCompilation.CacheHits, d1.LastCompilation.Compiled)); // host and one kernel shape
        var (second, d2) = Run(CpuProgramTests.VectorAdd);
        Assert.Equal((2, 0), (d2.LastCompilation.CacheHits, d2.LastCompilation.Compiled));
        Assert.Equal("sum 499500\n", first);
        Assert.Equal(first, second);
    }

    [RequiresFact(Need.Cpu)]
    public void A_changed_program_misses_the_cache()
    {
        Run(CpuProgramTests.VectorAdd);
        var (output, d) = Run(CpuProgramTests.VectorAdd.Replace("(set n 1000)", "(set n 999)"));
        Assert.Equal("sum 498501\n", output);
        Assert.Equal(0, d.LastCompilation.CacheHits);
    }

    [RequiresFact(Need.Cpu)]
    public void Runtime_errors_of_cached_code_keep_their_diagnostics()
    {
        const string program = """
            (c-lisp
              (define ((main int))
                (declare z int)
                (set z 0)
                (ret (div 5 z))))
            """;
        for (int run = 0; run < 2; run++)
        {
            var e = Assert.Throws<DiagnosticException>(() => Run(program));
            Assert.Equal(Codes.DivideByZero, e.Diagnostics[0].Code);
            Assert.Equal(5, e.Diagnostics[0].Location.Line);
        }
        Assert.NotEmpty(Directory.GetFiles(_dir, "*.o", SearchOption.AllDirectories));
    }
}

/// <summary>
/// The disk cache is capped shard by shard (the key's first two hex digits name one of 256): least
/// recently used entries of a shard are deleted after a store that overflows its share of the cap.
/// </summary>
public sealed class KernelCacheEvictionTests : CpuTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "translate-cache-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private Translate.Backends.Cpu.Execution.KernelCache Cache(long maxBytes, int shards = 256)
    {
        using var machine = Translate.Backends.Llvm.Api.LlvmTargetMachine.Host();
        return new(_dir, Check("(c-lisp (define ((main int)) (ret 0)))"), machine, maxBytes: maxBytes, shards: shards);
    }

    private string ObjectOf(string key, int shards) => Path.Combine(shards == 1 ? _dir : Path.Combine(_dir, key[..2]), key + ".o");

    private void Age(string key, int hoursAgo, int shards) => File.SetLastWriteTimeUtc(ObjectOf(key, shards), DateTime.UtcNow.AddHours(-hoursAgo));

    private bool Holds(string key, int shards = 256) => File.Exists(ObjectOf(key, shards));

    /// <summary>Keys of <paramref name="cache"/> for modules m0, m1, … : <paramref name="count"/> that share a shard, and one of another shard.</summary>
    private static (List<string> Same, string Other) KeysByShard(Translate.Backends.Cpu.Execution.KernelCache cache, int count)
    {
        var keys = Enumerable.Range(0, 4096).Select(i => cache.Key("m" + i, 0)).ToList();
        var group = keys.GroupBy(k => k[..2]).First(g => g.Count() >= count);
        return (group.Take(count).ToList(), keys.First(k => k[..2] != group.Key));
    }

    [RequiresFact(Need.Cpu)]
    public void Storing_past_the_cap_deletes_the_least_recently_used_entry_and_a_load_counts_as_a_use()
    {
        var cache = Cache(maxBytes: 2500, shards: 1); // room for two 1000-byte entries (their failure lists are empty)
        string a = cache.Key("a", 0), b = cache.Key("b", 0), c = cache.Key("c", 0);
        cache.Store(a, new byte[1000], []);
        cache.Store(b, new byte[1000], []);
        Age(a, 3, shards: 1);
        Age(b, 2, shards: 1);
        Assert.NotNull(cache.TryLoad(a, new Translate.Backends.Cpu.Abi.FailureTable())); // a is now the most recent

        cache.Store(c, new byte[1000], []);

        Assert.True(Holds(a, shards: 1), "a was used last and must stay");
        Assert.False(Holds(b, shards: 1), "b was the least recently used and must go");
        Assert.False(File.Exists(Path.Combine(_dir, b + ".failures")));
        Assert.True(Holds(c, shards: 1));
    }

    [RequiresFact(Need.Cpu)]
    public void A_store_evicts_only_within_its_shard_and_keeps_what_it_stored()
    {
        var cache = Cache(maxBytes: 256 * 1500); // a shard's share holds one 1000-byte entry
        var (same, other) = KeysByShard(cache, 2);
        cache.Store(other, new byte[1000], []);
        cache.Store(same[0], new byte[1000], []);
        Age(same[0], 1, shards: 256);

        cache.Store(same[1], new byte[1000], []);

        Assert.False(Holds(same[0]), "the older entry of the overflowing shard must go");
        Assert.True(Holds(same[1]), "the entry just stored stays");
        Assert.True(Holds(other), "another shard is not touched");
        Assert.NotNull(cache.TryLoad(same[1], new Translate.Backends.Cpu.Abi.FailureTable()));
    }

    [RequiresFact(Need.Cpu)]
    public void An_entry_larger_than_its_share_of_the_cap_is_still_kept_until_the_next_store()
    {
        var cache = Cache(maxBytes: 256 * 100);
        string key = cache.Key("big", 0);
        cache.Store(key, new byte[1000], []);
        Assert.True(Holds(key));
    }

    [RequiresFact(Need.Cpu)]
    public void Entries_of_the_flat_layout_before_shards_are_deleted_at_the_first_store()
    {
        Directory.CreateDirectory(_dir);
        string flat = Path.Combine(_dir, new string('a', 64) + ".o"), unrelated = Path.Combine(_dir, "notes.txt");
        File.WriteAllBytes(flat, new byte[10]);
        File.WriteAllText(unrelated, "mine");
        var cache = Cache(maxBytes: 1 << 20);

        cache.Store(cache.Key("m", 0), new byte[10], []);

        Assert.False(File.Exists(flat));
        Assert.True(File.Exists(unrelated));
    }

    [RequiresFact(Need.Cpu)]
    public void A_cache_under_its_cap_keeps_everything()
    {
        var cache = Cache(maxBytes: 1 << 20);
        var keys = Enumerable.Range(0, 5).Select(i => cache.Key("m" + i, 0)).ToList();
        foreach (var k in keys) cache.Store(k, new byte[1000], []);
        Assert.All(keys, k => Assert.True(Holds(k)));
    }
}
