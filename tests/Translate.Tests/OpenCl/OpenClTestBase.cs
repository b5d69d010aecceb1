using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl;

namespace Translate.Tests.OpenCl;

/// <summary>A test that needs an OpenCL device; skipped, with the reason, on machines without one.</summary>
public sealed class OpenClFactAttribute : FactAttribute
{
    public OpenClFactAttribute()
    {
        if (OpenClTestBase.UnavailableReason is { } why) Skip = $"no OpenCL device: {why}";
    }
}

/// <summary>Shared helpers: check IR text, one OpenCL session for all tests (PoCL here).</summary>
public abstract class OpenClTestBase
{
    private static readonly Lazy<(OpenClSession? Session, string? Reason)> Shared = new(() =>
    {
        var (device, reason) = OpenClDeviceSelector.Select("opencl");
        return device is null ? (null, reason) : (new OpenClSession(device, Path.Combine(Path.GetTempPath(), "translate-opencl-tests")), null);
    });

    public static string? UnavailableReason => Shared.Value.Reason;

    protected static OpenClSession Session => Shared.Value.Session!;

    protected static CheckedModule Check(string text, string file = "t.lisp") => TypeChecker.Check(IrParser.ParseText(text, file));

    /// <summary>A module loaded on the shared device, with its build log checked for errors.</summary>
    protected static OpenClModule Load(string text, string file = "t.lisp") => Session.Load(Check(text, file));

    protected static float[] RandomFloats(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)r.NextDouble()).ToArray();
    }
}

/// <summary>A theory that needs an OpenCL device; skipped, with the reason, on machines without one.</summary>
public sealed class OpenClTheoryAttribute : TheoryAttribute
{
    public OpenClTheoryAttribute()
    {
        if (OpenClTestBase.UnavailableReason is { } why) Skip = $"no OpenCL device: {why}";
    }
}
