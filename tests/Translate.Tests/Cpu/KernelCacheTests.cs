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
        Assert.NotEmpty(Directory.GetFiles(_dir, "*.o"));
    }
}

/// <summary>The disk cache is capped: least recently used entries are deleted after a store that overflows it.</summary>
public sealed class KernelCacheEvictionTests : CpuTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "translate-cache-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private Translate.Backends.Cpu.Execution.KernelCache Cache(long maxBytes)
    {
        using var machine = Translate.Backends.Llvm.Api.LlvmTargetMachine.Host();
        return new(_dir, Check("(c-lisp (define ((main int)) (ret 0)))"), machine, maxBytes: maxBytes);
    }

    private void Age(string key, int hoursAgo) =>
        File.SetLastWriteTimeUtc(Path.Combine(_dir, key + ".o"), DateTime.UtcNow.AddHours(-hoursAgo));

    private bool Holds(string key) => File.Exists(Path.Combine(_dir, key + ".o"));

    [RequiresFact(Need.Cpu)]
    public void Storing_past_the_cap_deletes_the_least_recently_used_entry_and_a_load_counts_as_a_use()
    {
        var cache = Cache(maxBytes: 2500); // room for two 1000-byte entries (their failure lists are empty)
        string a = cache.Key("a", 0), b = cache.Key("b", 0), c = cache.Key("c", 0);
        cache.Store(a, new byte[1000], []);
        cache.Store(b, new byte[1000], []);
        Age(a, 3);
        Age(b, 2);
        Assert.NotNull(cache.TryLoad(a, new Translate.Backends.Cpu.Abi.FailureTable())); // a is now the most recent

        cache.Store(c, new byte[1000], []);

        Assert.True(Holds(a), "a was used last and must stay");
        Assert.False(Holds(b), "b was the least recently used and must go");
        Assert.False(File.Exists(Path.Combine(_dir, b + ".failures")));
        Assert.True(Holds(c));
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
