using Translate.Backends.Llvm.Api;
using Translate.Frontend;
using Translate.Ir.Verification;
using Translate.Tests.Frontend;

namespace Translate.Tests.Gpu;

/// <summary>Lifts the cuda-samples programs for the GPU backends' static checks.</summary>
public abstract class GpuTestBase : FrontendTestBase
{
    /// <summary>
    /// Samples the GPU backends refuse today, each with the one diagnostic they must give: the
    /// transcendental math functions have no exact GPU implementation yet (TR0802). A separate test
    /// holds them to exactly that refusal, so a new failure or a fix both show.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownRefusals = new Dictionary<string, string>
    {
        ["blackScholes"] = "TR0802", ["softmax"] = "TR0802",
    };


    /// <summary>Every sample the GPU backends are expected to compile.</summary>
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var name in Repository.SampleNames.Where(n => !KnownRefusals.ContainsKey(n))) data.Add(name);
        return data;
    }

    /// <summary>The samples of <see cref="KnownRefusals"/>.</summary>
    public static TheoryData<string> RefusedSamples()
    {
        var data = new TheoryData<string>();
        foreach (var name in KnownRefusals.Keys.Order(StringComparer.Ordinal)) data.Add(name);
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
