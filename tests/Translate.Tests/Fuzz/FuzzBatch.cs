using Translate.Fuzz.Differential;

namespace Translate.Tests.Fuzz;

/// <summary>The runner the fuzz tests share: the reference interpreter against cpu and (where present) opencl.</summary>
internal static class FuzzBatch
{
    public static DifferentialRunner Runner { get; } = new(["interp", "cpu", "opencl"], TimeSpan.FromSeconds(120));
}
