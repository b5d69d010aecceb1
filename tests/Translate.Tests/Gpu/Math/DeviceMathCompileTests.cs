using Translate.Backends.Amdgpu;
using Translate.Backends.Llvm.GpuMath;
using Translate.Backends.Nvptx;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Tests.Gpu.Math;

/// <summary>Every function of the device math library, in every precision it offers, compiles for both GPU targets with nothing left external.</summary>
public class DeviceMathCompileTests
{
    public static TheoryData<string, string> Functions()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in DeviceMath.FloatFunctions) { data.Add(f, "float"); data.Add(f, "half"); }
        foreach (var f in DeviceMath.DoubleFunctions) data.Add(f, "double");
        return data;
    }

    private static readonly HashSet<string> Binary = ["atan2", "pow", "hypot", "fdim", "fmod", "remainder"];

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(Functions))]
    public void The_function_compiles_to_ptx_and_amdgpu_code(string name, string type)
    {
        string args = Binary.Contains(name) ? "(load out) (load out)" : "(load out)";
        var program = TypeChecker.Check(IrParser.ParseText($"""
            (c-lisp (define-kernel ((k void) (out (ptr {type})))
              (store out (math {name} {args})))
              (define ((main int)) (ret 0)))
            """, "test.lisp"));
        var ptx = NvptxCompiler.EmitPtx(program);
        Assert.DoesNotContain(".extern .func", ptx);
        Assert.Contains(".entry k", ptx);
        var asm = AmdgpuCompiler.EmitAssembly(program, "gfx90a");
        Assert.Contains("k:", asm);
    }
}
