using Translate.Fuzz.Differential;
using Translate.Tests.Cpu;

namespace Translate.Tests.Fuzz;

/// <summary>
/// The reduced programs of tests/fuzz-cases/ (each a difference the fuzzer once found between
/// devices) print the same on interp, cpu and opencl and compile for SPIR-V, PTX and AMDGPU; those in refused/ are
/// declined by a device or target with a diagnostic (no silent wrong answer) and agree on the others.
/// </summary>
public class FuzzCaseTests
{
    private static string Folder => Path.Combine(Repository.Root, "tests", "fuzz-cases");

    public static TheoryData<string> Fixed => new(Directory.EnumerateFiles(Folder, "*.lisp").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [RequiresTheory(Need.Cpu)]
    [MemberData(nameof(Fixed))]
    public void A_fixed_case_prints_the_same_on_every_device(string name)
    {
        var verdict = FuzzBatch.Runner.Run(File.ReadAllText(Path.Combine(Folder, name)));
        Assert.True(verdict.Kind == VerdictKind.Agree, verdict.Describe());
    }

    /// <summary>The one kind of case a device may refuse rather than run: it says so with a code, never a wrong answer.</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { "return-before-barrier-loop-with-break.lisp", "opencl TR0504, spirv TR0504" },
    };

    [RequiresTheory(Need.Cpu)]
    [MemberData(nameof(Refused))]
    public void A_case_a_device_cannot_run_is_refused_with_a_code_and_the_others_agree(string name, string refusal)
    {
        var verdict = FuzzBatch.Runner.Run(File.ReadAllText(Path.Combine(Folder, "refused", name)));
        // Without an OpenCL device the opencl refusal is not reached; the statically checked targets always run.
        var expected = refusal.Split(", ").Where(r => Requirements.Missing(Need.OpenCl) is null || !r.StartsWith("opencl ", StringComparison.Ordinal)).ToList();
        if (expected.Count == 0)
            Assert.True(verdict.Kind == VerdictKind.Agree, verdict.Describe());
        else
            Assert.True(verdict.Kind == VerdictKind.Refused && verdict.Signature == string.Join(", ", expected), verdict.Describe());
    }
}
