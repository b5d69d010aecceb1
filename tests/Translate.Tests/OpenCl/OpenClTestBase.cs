using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl;

namespace Translate.Tests.OpenCl;

/// <summary>Shared helpers: check IR text, one OpenCL session for all tests (PoCL here).</summary>
public abstract class OpenClTestBase
{
    // Tests that use it need Need.OpenCl, so a device was found when they run.
    private static readonly Lazy<OpenClSession> Shared = new(() =>
    {
        var (device, reason) = OpenClDeviceSelector.Select("opencl");
        return new OpenClSession(device ?? throw new InvalidOperationException(reason), Path.Combine(Path.GetTempPath(), "translate-opencl-tests"));
    });

    protected static OpenClSession Session => Shared.Value;

    protected static CheckedModule Check(string text, string file = "t.lisp") => TypeChecker.Check(IrParser.ParseText(text, file));

    /// <summary>A module loaded on the shared device, with its build log checked for errors.</summary>
    protected static OpenClModule Load(string text, string file = "t.lisp") => Session.Load(Check(text, file));

    protected static float[] RandomFloats(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)r.NextDouble()).ToArray();
    }
}

