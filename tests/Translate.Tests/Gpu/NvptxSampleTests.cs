using Translate.Backends.Nvptx;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Tests.Gpu;

/// <summary>
/// Every cuda-samples program becomes PTX (the lowered module passes LLVM's verifier first): one
/// <c>.entry</c> per kernel with the kernel's parameter list, its shared arrays at their IR sizes,
/// and no symbol left for a library the GPU does not have. Checked from the PTX text: nothing runs.
/// </summary>
public class NvptxSampleTests : GpuTestBase
{
    /// <summary>How the NVPTX backend declares a kernel parameter of IR type <paramref name="t"/>.</summary>
    private static string PtxParam(IrType t, TypeLayout layout) => t switch
    {
        PointerType => ".u64",
        ScalarType { Kind: ScalarKind.Float } => ".f32",
        ScalarType { Kind: ScalarKind.Double } => ".f64",
        ScalarType { Kind: ScalarKind.Bool or ScalarKind.Int8 } => ".u8",
        ScalarType { Kind: ScalarKind.Int16 } => ".u16",
        ScalarType { Kind: ScalarKind.Int32 } => ".u32",
        ScalarType { Kind: ScalarKind.Int64 } => ".u64",
        _ => $".b8[{layout.SizeOf(t)}]",
    };

    private static IEnumerable<Symbol> StaticShared(CheckedModule p) =>
        p.Module.Functions.SelectMany(f => f.Symbols).Where(s => s.Kind == SymbolKind.Shared)
            .Concat(p.SharedVariables).Distinct().Where(s => !((SharedDef)s.Definition!).IsDynamic);

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(Samples))]
    public void Each_kernel_is_a_ptx_entry_with_its_parameter_list(string name)
    {
        var program = LiftSample(name);
        var ptx = new PtxText(NvptxCompiler.EmitPtx(program));
        Assert.Equal(program.Kernels.Select(k => k.Name).Order(), ptx.Entries.Keys.Order());
        foreach (var k in program.Kernels)
            Assert.Equal(k.Parameters.Select(p => PtxParam(p.Type, program.Layout)), ptx.Entries[k.Name]);
    }

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(Samples))]
    public void Shared_arrays_are_declared_at_their_ir_size(string name)
    {
        var program = LiftSample(name);
        var ptx = new PtxText(NvptxCompiler.EmitPtx(program));
        var expected = StaticShared(program).Select(s => (s.Name, program.Layout.SizeOf(s.Type))).Order().ToList();
        // Our symbols are __trg_shared_NAME_K; K only tells template instances apart.
        var declared = ptx.Shared.Select(d => (d.Name["__trg_shared_".Length..d.Name.LastIndexOf('_')], d.Bytes)).Order().ToList();
        Assert.Equal(expected, declared);
    }

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(Samples))]
    public void Nothing_is_left_for_a_library_the_gpu_lacks(string name)
    {
        var ptx = NvptxCompiler.EmitPtx(LiftSample(name));
        // Dynamic shared memory is legitimately `.extern .shared`; an external function would be a missing library.
        Assert.DoesNotContain(".extern .func", ptx);
        Assert.Contains(".address_size 64", ptx);
    }


    [RequiresTheory(Need.GpuBackends)]
    [InlineData("sm_60")]
    [InlineData("sm_75")]
    [InlineData("sm_80")]
    [InlineData("sm_86")]
    [InlineData("sm_90")]
    public void The_arch_option_selects_the_ptx_target(string arch)
    {
        var ptx = new PtxText(NvptxCompiler.EmitPtx(LiftSample("reduction"), arch));
        Assert.Equal(arch, ptx.Target);
        // ptxas rejects a .version older than the architecture needs (sm_80: 7.0, sm_90: 7.8).
        Assert.Contains($".version {NvptxCompiler.PtxVersion(arch) / 10}.{NvptxCompiler.PtxVersion(arch) % 10}\n", ptx.Text);
    }

    [Fact]
    public void The_default_arch_is_sm_70() => Assert.Equal("sm_70", NvptxCompiler.DefaultArch);
}
