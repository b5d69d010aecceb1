namespace Translate.Tests.SpirV;

/// <summary>
/// Every kernel of every cuda-samples program becomes SPIR-V that two independent consumers accept —
/// SPIRV-Tools' validator for the OpenCL 2.1 environment and the Khronos LLVM translator reading it back —
/// or, where it uses something not lowered yet, a located TR07xx diagnostic and no binary.
/// </summary>
public class SampleConsumerTests : SpirVTestBase
{
    [RequiresTheory(Need.SpirVValidator)]
    [MemberData(nameof(Samples))]
    public void Sample_kernels_pass_spirv_val(string name)
    {
        var program = CompileSample(name);
        if (ExpectDiagnosticIfKnown(name, program)) return;
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.Validate(program.Binary);
        Assert.True(complaint is null, $"{complaint}\n{SpirVTools.Disassemble(program.Binary)}");
    }

    [RequiresTheory(Need.SpirVReader)]
    [MemberData(nameof(Samples))]
    public void Sample_kernels_are_read_back_by_llvm_spirv(string name)
    {
        var program = CompileSample(name);
        if (ExpectDiagnosticIfKnown(name, program)) return;
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.ReadBack(program.Binary);
        Assert.True(complaint is null, complaint);
    }

    /// <summary>For the samples listed in <see cref="SpirVTestBase.KnownDiagnostics"/>: the diagnostic is there, located, with no binary.</summary>
    private static bool ExpectDiagnosticIfKnown(string name, Backends.SpirV.SpirVProgram program)
    {
        if (!KnownDiagnostics.TryGetValue(name, out var expected)) return false;
        Assert.True(program.HasErrors, $"{name} now compiles: remove it from KnownDiagnostics");
        Assert.Contains(program.Diagnostics, d => d.Code.Id == expected.Code && d.Location.Line == expected.Line);
        Assert.Empty(program.Binary);
        return true;
    }
}
