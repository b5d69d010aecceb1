using Translate.Backends.SpirV;
using Translate.Frontend;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Tests.SpirV;

/// <summary>Helpers: the repository's samples, IR text to SPIR-V.</summary>
public abstract class SpirVTestBase
{
    protected static CheckedModule Check(string text, string file = "t.lisp") => TypeChecker.Check(IrParser.ParseText(text, file));

    protected static SpirVProgram CompileText(string text) => SpirVWriter.Compile(Check(text));

    /// <summary>Every cuda-samples program (folder name), in order.</summary>
    public static TheoryData<string> Samples() => new(Repository.SampleNames);

    protected static SpirVProgram CompileSample(string name)
    {
        var lifted = CudaFrontend.Translate(Repository.SamplePath(name));
        Assert.True(lifted.Checked is not null, $"{name} does not lift:\n{string.Join("\n", lifted.Diagnostics)}");
        return SpirVWriter.Compile(lifted.Checked!);
    }

    /// <summary>Samples whose kernels use something the SPIR-V writer does not lower yet: the code and line it reports.</summary>
    protected static readonly IReadOnlyDictionary<string, (string Code, int Line)> KnownDiagnostics = new Dictionary<string, (string, int)>
    {
    };
}
