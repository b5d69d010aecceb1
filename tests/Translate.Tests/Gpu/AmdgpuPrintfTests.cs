using System.Diagnostics;
using System.Text.RegularExpressions;
using Translate.Backends.Amdgpu;

namespace Translate.Tests.Gpu;

/// <summary>
/// Device printf on AMD GPUs is HIP's buffered printf: the code object carries the table of formats keyed by hash
/// (what clang-19 writes for the same call with <c>-mprintf-kind=buffered</c>) and gives each kernel the
/// <c>hidden_printf_buffer</c> argument the runtime fills. Nothing runs here (no AMD GPU); the layout is compared.
/// </summary>
public partial class AmdgpuPrintfTests : GpuTestBase
{
    private const string Kernel = """
        #include <cstdio>
        __global__ void hello(float x, long long big, const char *tag, short s) {
          printf("block %d: %.2f %lld %s %d\n", blockIdx.x, x, big, tag, s);
          printf("%5.1f%%\n", x);
        }
        """;

    [RequiresFact(Need.GpuBackends, Need.Lld, Need.Clang)]
    public void The_code_object_holds_the_formats_clang_records_and_a_printf_buffer_argument()
    {
        var lifted = Lift(Kernel, "hello.cu");
        Assert.True(lifted.Success, string.Join("\n", lifted.Diagnostics));
        var dir = Directory.CreateTempSubdirectory("translate-amd-printf-").FullName;
        try
        {
            var path = Path.Combine(dir, "hello.co");
            AmdgpuCompiler.EmitCodeObject(lifted.Checked!, "gfx90a", path);
            var notes = CodeObjectNotes.Run(CodeObjectNotes.ReadElf, "--notes", path);
            Assert.Contains(".value_kind:     hidden_printf_buffer", notes);
            var ours = notes[notes.IndexOf("amdhsa.printf:", StringComparison.Ordinal)..].Split('\n').Skip(1)
                .TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l[4..].Trim('"')).Order().ToList();
            Assert.Equal(ClangFormats(dir), ours);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Each_argument_is_matched_to_its_conversion_and_a_star_takes_an_int()
    {
        Assert.Equal(['d', 'f', 's', 'd', 'x', 'p'], AmdgpuPrintf.Conversions("%d %-8.3f %% %s %*lx %p"));
        Assert.Empty(AmdgpuPrintf.Conversions("100%% done\n"));
    }

    /// <summary>clang-19's <c>llvm.printf.fmts</c> entries for the same kernel as HIP with buffered printf, in the notes' escaping.</summary>
    private static List<string> ClangFormats(string dir)
    {
        var source = Path.Combine(dir, "hello.hip");
        File.WriteAllText(source, "#define __global__ __attribute__((global))\n#define __device__ __attribute__((device))\n" +
            "extern \"C\" __device__ int printf(const char *, ...);\n" +
            "struct { unsigned x; } const blockIdx = {0};\n" + Kernel.Replace("#include <cstdio>\n", ""));
        var psi = new ProcessStartInfo(Requirements.Clang!, ["-x", "hip", "--offload-arch=gfx90a", "--offload-device-only", "-nogpulib", "-nogpuinc",
            "-mprintf-kind=buffered", "-O3", "-S", "-emit-llvm", source, "-o", "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var ir = p.StandardOutput.ReadToEnd();
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, errors);
        return FormatEntry().Matches(ir).Select(m => m.Groups[1].Value.Replace("\\0A", "\\n")).Order().ToList();
    }

    [GeneratedRegex("""!\{!"(0:0:[0-9a-f]+,[^"]*)"\}""")]
    private static partial Regex FormatEntry();
}
