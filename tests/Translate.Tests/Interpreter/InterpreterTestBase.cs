using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Tests.Interpreter;

/// <summary>Runs IR program text on the interpreter and gives back what a user would see.</summary>
public abstract class InterpreterTestBase
{
    protected sealed record Outcome(string Stdout, int ExitCode, InterpreterResult Result);

    protected static CheckedModule Check(string program) => TypeChecker.Check(IrParser.ParseText(program, "test.lisp"));

    protected static Outcome Run(string program, params string[] arguments)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var result = IrInterpreter.Run(Check(program), arguments, stdout, TextWriter.Null);
        return new Outcome(stdout.ToString(), result.ExitCode, result);
    }

    /// <summary>Asserts that the program prints exactly <paramref name="expected"/> and exits with 0.</summary>
    protected static void AssertPrints(string expected, string program)
    {
        var o = Run(program);
        Assert.Equal(expected, o.Stdout);
        Assert.Equal(0, o.ExitCode);
    }

    /// <summary>Runs a program that must stop with a runtime error; returns the diagnostic.</summary>
    protected static Diagnostic RunFails(string program, DiagnosticCode code)
    {
        var e = Assert.Throws<DiagnosticException>(() => Run(program));
        var d = Assert.Single(e.Diagnostics);
        Assert.True(d.Code == code, $"expected {code.Id}, got: {d}");
        return d;
    }
}
