using Translate.Fuzz;
using Translate.Fuzz.Mutation;

namespace Translate.Tests.Fuzz;

/// <summary>
/// Random edits of the project's own valid inputs (IR snapshots and generated programs; CUDA samples
/// and regression programs) end in success or coded diagnostics in the IR reader, checker and
/// OpenCL/SPIR-V emitters, and in the CUDA frontend: never in any other exception.
/// </summary>
public class MutatedInputTests
{
    [Fact]
    public void Mutated_ir_programs_give_diagnostics_not_crashes()
    {
        var output = new StringWriter();
        int status = MutationCampaign.Run(Options("mutate-ir", 3000), output, cuda: false);
        Assert.True(status == 0, output.ToString());
    }

    [Fact]
    public void Mutated_cuda_programs_give_diagnostics_not_crashes()
    {
        var output = new StringWriter();
        int status = MutationCampaign.Run(Options("mutate-cuda", 40), output, cuda: true);
        Assert.True(status == 0, output.ToString());
    }

    private static FuzzOptions Options(string command, int count) =>
        FuzzOptions.Parse([command, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "17",
            "--out", Path.Combine(Path.GetTempPath(), "translate-fuzz-test-crashes")]);
}
