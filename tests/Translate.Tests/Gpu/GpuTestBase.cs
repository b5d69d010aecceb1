using Translate.Backends.Llvm.Api;
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

/// <summary>A theory that needs LLVM 19's GPU targets; skipped, with the reason, when libLLVM is absent.</summary>
public sealed class GpuTheoryAttribute : TheoryAttribute
{
    public GpuTheoryAttribute()
    {
        if (LlvmAvailability.UnavailableReason is { } why) Skip = "GPU backends: " + why;
    }
}

/// <summary>A fact that needs LLVM 19's GPU targets; skipped, with the reason, when libLLVM is absent.</summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        if (LlvmAvailability.UnavailableReason is { } why) Skip = "GPU backends: " + why;
    }
}

/// <summary>A theory that links AMD code objects: also skipped, with the reason, when ld.lld-19 is absent.</summary>
public sealed class CodeObjectTheoryAttribute : TheoryAttribute
{
    public CodeObjectTheoryAttribute()
    {
        if (LlvmAvailability.UnavailableReason is { } why) Skip = "GPU backends: " + why;
        else if (Translate.Backends.Amdgpu.AmdgpuCompiler.FindLinker() is null) Skip = "ld.lld-19 is not installed (Debian package lld-19)";
    }
}

/// <summary>A fact that links AMD code objects: also skipped, with the reason, when ld.lld-19 is absent.</summary>
public sealed class CodeObjectFactAttribute : FactAttribute
{
    public CodeObjectFactAttribute()
    {
        if (LlvmAvailability.UnavailableReason is { } why) Skip = "GPU backends: " + why;
        else if (Translate.Backends.Amdgpu.AmdgpuCompiler.FindLinker() is null) Skip = "ld.lld-19 is not installed (Debian package lld-19)";
    }
}
