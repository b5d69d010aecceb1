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

    [CpuFact]
    public void Second_run_loads_every_module_from_the_cache()
    {
        var (first, d1) = Run(CpuProgramTests.VectorAdd);
        Assert.Equal((0, 2), (d1.LastCompilation.CacheHits, d1.LastCompilation.Compiled)); // host and one kernel shape
        var (second, d2) = Run(CpuProgramTests.VectorAdd);
        Assert.Equal((2, 0), (d2.LastCompilation.CacheHits, d2.LastCompilation.Compiled));
        Assert.Equal("sum 499500\n", first);
        Assert.Equal(first, second);
    }

    [CpuFact]
    public void A_changed_program_misses_the_cache()
    {
        Run(CpuProgramTests.VectorAdd);
        var (output, d) = Run(CpuProgramTests.VectorAdd.Replace("(set n 1000)", "(set n 999)"));
        Assert.Equal("sum 498501\n", output);
        Assert.Equal(0, d.LastCompilation.CacheHits);
    }

    [CpuFact]
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
