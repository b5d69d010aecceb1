using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>Helpers for frontend specifications: lift CUDA text written to a temporary .cu file, find samples.</summary>
public abstract class FrontendTestBase
{
    /// <summary>The repository root (the folder holding Translate.sln).</summary>
    protected static string RepositoryRoot => Repository.Root;

    /// <summary>Lifts <paramref name="cuda"/> (written to a fresh file named <paramref name="name"/>).</summary>
    protected static FrontendResult Lift(string cuda, string name = "test.cu")
    {
        var dir = Path.Combine(Path.GetTempPath(), "translate-frontend-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, cuda);
        try { return CudaFrontend.Translate(path); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Lifts <paramref name="cuda"/>, runs it on <paramref name="device"/>, requires status 0 and returns its standard output.</summary>
    protected static string LiftAndRun(string cuda, string device)
    {
        var result = Lift(cuda);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var stdout = new StringWriter { NewLine = "\n" };
        int status = DeviceRegistry.Find(device)!.Run(result.Checked!, new RunOptions([], stdout, new StringWriter()));
        Assert.Equal(0, status);
        return stdout.ToString();
    }

    /// <summary>
    /// Lifts <paramref name="cuda"/>, runs it on <paramref name="device"/>, requires that it stops with a trap (TR0311)
    /// and returns what it printed (not OpenCL kernels' printf, which PoCL writes to the process's stdout).
    /// </summary>
    protected static string LiftAndRunToTrap(string cuda, string device)
    {
        var result = Lift(cuda);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var stdout = new StringWriter { NewLine = "\n" };
        var stopped = Assert.Throws<DiagnosticException>(() => DeviceRegistry.Find(device)!.Run(result.Checked!, new RunOptions([], stdout, new StringWriter())));
        Assert.Contains(stopped.Diagnostics, d => d.Code == Codes.Trap);
        return stdout.ToString();
    }

    /// <summary>Lifts <paramref name="cuda"/> (which must lift), requires that running it on <paramref name="device"/> is
    /// refused (a device that cannot compile the program says so before it runs) and returns the refusal's diagnostics.</summary>
    protected static IReadOnlyList<Diagnostic> LiftAndRefuse(string cuda, string device)
    {
        var result = Lift(cuda);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Assert.Throws<DiagnosticException>(() =>
            DeviceRegistry.Find(device)!.Run(result.Checked!, new RunOptions([], new StringWriter(), new StringWriter()))).Diagnostics;
    }

    /// <summary>Asserts that lifting gave the diagnostic <paramref name="code"/> at <paramref name="line"/>.</summary>
    protected static Diagnostic ExpectDiagnostic(FrontendResult result, DiagnosticCode code, int line)
    {
        var d = result.Diagnostics.FirstOrDefault(x => x.Code == code);
        Assert.True(d is not null, $"expected {code.Id}, got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.Equal(line, d!.Location.Line);
        Assert.False(result.Success);
        return d;
    }
}
