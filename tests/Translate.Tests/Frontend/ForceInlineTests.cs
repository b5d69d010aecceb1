using System.Text.RegularExpressions;
using Translate.Backends.Cpu;
using Translate.Ir.Model;

namespace Translate.Tests.Frontend;

/// <summary>
/// CUDA's <c>__forceinline__</c> lifts to <c>define-inline</c>, and the LLVM backends inline it wherever it is
/// called (<c>alwaysinline</c>), as nvcc does; other device functions stay ordinary <c>define</c>s.
/// </summary>
public class ForceInlineTests : FrontendTestBase
{
    private const string Program = """
        __forceinline__ __device__ float square(float x) { return x * x; }
        __device__ float twice(float x) { return x + x; }
        __global__ void k(float *p) { p[threadIdx.x] = square(p[threadIdx.x]) + twice(1.0f); }
        int main() { return 0; }
        """;

    [Fact]
    public void A_forceinline_function_is_define_inline_and_others_are_define()
    {
        var r = Lift(Program);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        Assert.Equal(FunctionKind.Inline, r.Module!.Functions.Single(f => f.Name == "square").Kind);
        Assert.Equal(FunctionKind.Function, r.Module.Functions.Single(f => f.Name == "twice").Kind);
    }

    [RequiresFact(Need.Cpu)]
    public void The_cpu_backend_marks_define_inline_alwaysinline()
    {
        var r = Lift(Program);
        string llvm = CpuCompiler.EmitLlvmText(r.Checked!, optimize: false);
        string Attributes(string function)
        {
            var group = Regex.Match(llvm, $@"define [^\n]*@{function}\([^\n]*#(\d+)").Groups[1].Value;
            return Regex.Match(llvm, $@"attributes #{group} = \{{([^}}]*)\}}").Groups[1].Value;
        }
        Assert.Contains("alwaysinline", Attributes("square"));
        Assert.DoesNotContain("alwaysinline", Attributes("twice"));
    }
}
