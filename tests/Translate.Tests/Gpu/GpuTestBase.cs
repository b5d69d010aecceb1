using Translate.Frontend;
using Translate.Ir.Verification;
using Translate.Tests.Frontend;

namespace Translate.Tests.Gpu;

/// <summary>Lifts the cuda-samples programs for the GPU backends' static checks.</summary>
public abstract class GpuTestBase : FrontendTestBase
{
    /// <summary>Every sample: the GPU backends compile them all (transcendental math through backends/Llvm/GpuMath).</summary>
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var name in Repository.SampleNames) data.Add(name);
        return data;
    }

    protected static string SamplePath(string name) => Repository.SamplePath(name);

    protected static CheckedModule LiftSample(string name)
    {
        var result = CudaFrontend.Translate(SamplePath(name));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Checked!;
    }
}

