using Translate.Backends.Amdgpu;
using Translate.Ir.Model;

namespace Translate.Tests.Gpu;

/// <summary>
/// Every cuda-samples program becomes a linked AMD code object for gfx90a, gfx942 (wave64) and gfx1100
/// (wave32): one kernel descriptor (<c>NAME.kd</c>) per kernel, LDS sized for the kernel's shared
/// arrays, the wavefront size the warp mapping expects. Inspected with llvm-readelf-19 and
/// llvm-objdump-19; nothing runs.
/// </summary>
public class AmdgpuSampleTests : GpuTestBase
{
    public static TheoryData<string, string> SamplesAndArchs()
    {
        // Every sample for one wave64 and one wave32 target; gfx942 (wave64 too) for the first sample only, which
        // keeps the suite near 15 minutes.
        var data = new TheoryData<string, string>();
        var samples = Repository.SampleNames.ToList();
        foreach (var name in samples)
            foreach (var arch in new[] { "gfx90a", "gfx1100" }) data.Add(name, arch);
        data.Add(samples[0], "gfx942");
        return data;
    }


    private static string CodeObject(string name, string arch)
    {
        var dir = Path.Combine(Path.GetTempPath(), "translate-gpu-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{name}.{arch}.co");
        AmdgpuCompiler.EmitCodeObject(LiftSample(name), arch, path);
        return path;
    }

    [RequiresTheory(Need.GpuBackends, Need.Lld)]
    [MemberData(nameof(SamplesAndArchs))]
    public void Each_kernel_has_a_descriptor_and_its_lds_size(string name, string arch)
    {
        var program = LiftSample(name);
        var notes = CodeObjectNotes.Kernels(CodeObject(name, arch)).ToDictionary(k => k.Name);
        Assert.Equal(program.Kernels.Select(k => k.Name).Order(), notes.Keys.Order());
        foreach (var k in program.Kernels)
        {
            var note = notes[k.Name];
            Assert.Equal(k.Name + ".kd", note.Symbol);
            Assert.Equal(AmdgpuCompiler.IsWave64(arch) ? 64 : 32, note.WavefrontSize);
            // LDS holds the kernel's shared arrays, each 16-byte aligned: at least their sizes, at most padded.
            var sizes = k.Symbols.Where(s => s.Kind == SymbolKind.Shared && !((SharedDef)s.Definition!).IsDynamic)
                .Select(s => program.Layout.SizeOf(s.Type)).ToList();
            Assert.InRange(note.GroupSegmentBytes, sizes.Sum(), sizes.Sum(b => (b + 15) / 16 * 16));
        }
    }

    [RequiresTheory(Need.GpuBackends, Need.Lld)]
    [MemberData(nameof(Samples))]
    public void The_code_object_disassembles_with_every_kernel(string name)
    {
        var text = CodeObjectNotes.Disassemble(CodeObject(name, "gfx1100"), "gfx1100");
        foreach (var k in LiftSample(name).Kernels) Assert.Contains($"<{k.Name}>:", text);
        Assert.Contains("s_endpgm", text);
    }
}
