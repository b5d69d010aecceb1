using Translate.Backends.Cpu;
using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.Cpu;

/// <summary>Runs IR programs on the cpu device (and, for differential checks, on the interpreter).</summary>
public abstract class CpuTestBase
{
    protected static CheckedModule Check(string program) => TypeChecker.Check(IrParser.ParseText(program, "test.lisp"));

    protected static (string Stdout, int ExitCode) RunCpu(string program) => RunCpu(program, CpuCompileOptions.Default);

    protected static (string Stdout, int ExitCode) RunCpu(string program, CpuCompileOptions options)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        // No disk cache: every build of the tests would add entries that no later build can hit.
        int code = new CpuDevice(cacheDirectory: null, options).Run(Check(program), new RunOptions([], stdout, TextWriter.Null));
        return (stdout.ToString(), code);
    }

    protected static (string Stdout, int ExitCode) RunInterp(string program)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var r = IrInterpreter.Run(Check(program), [], stdout, TextWriter.Null);
        return (stdout.ToString(), r.ExitCode);
    }

    protected static void AssertPrints(string expected, string program)
    {
        var (output, code) = RunCpu(program);
        Assert.Equal(expected, output);
        Assert.Equal(0, code);
    }

    protected static Diagnostic RunFails(string program, DiagnosticCode code)
    {
        var e = Assert.Throws<DiagnosticException>(() => RunCpu(program));
        var d = e.Diagnostics[0];
        Assert.True(d.Code == code, $"expected {code.Id}, got: {d}");
        return d;
    }
}

