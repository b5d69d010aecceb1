using System.Diagnostics;
using System.Text.RegularExpressions;
using Translate.Backends.Nvptx;

namespace Translate.Tests.Gpu;

/// <summary>
/// Device printf on NVPTX is CUDA's vprintf: the format string a global, the promoted arguments in one local
/// buffer at the offsets clang-19 gives them for the same call, so the driver's printf reads them as nvcc's would.
/// </summary>
public partial class NvptxPrintfTests : GpuTestBase
{
    private const string Kernel = """
        #include <cuda_runtime.h>
        #include <cstdio>
        __global__ void hello(float x, long long big, const char *tag, short s) {
          printf("block %d thread %d: %.2f %lld %s %d\n", blockIdx.x, threadIdx.x, x, big, tag, s);
        }
        """;

    /// <summary>The stores into the local argument buffer before the first vprintf call: (type, byte offset) each, a vector store as its lanes.</summary>
    private static List<(string Type, int Offset)> ArgumentStores(string ptx)
    {
        var stores = new List<(string, int)>();
        foreach (Match m in LocalStore().Matches(ptx[..ptx.IndexOf("vprintf,", StringComparison.Ordinal)]))
        {
            int offset = m.Groups["off"].Success ? int.Parse(m.Groups["off"].Value) : 0;
            int lanes = m.Groups["v"].Success ? int.Parse(m.Groups["v"].Value) : 1;
            int size = int.Parse(m.Groups["bits"].Value) / 8;
            for (int l = 0; l < lanes; l++) stores.Add((m.Groups["kind"].Value + m.Groups["bits"].Value, offset + l * size));
        }
        return stores;
    }

    [GeneratedRegex(@"st\.local(\.v(?<v>\d))?\.(?<kind>[usf])(?<bits>\d+)\s+\[%rd\d+(\+(?<off>\d+))?\]")]
    private static partial Regex LocalStore();

    [RequiresFact(Need.GpuBackends, Need.Clang)]
    public void The_arguments_are_stored_where_clang_stores_them_and_vprintf_is_called()
    {
        var lifted = Lift(Kernel, "hello.cu");
        Assert.True(lifted.Success, string.Join("\n", lifted.Diagnostics));
        var ours = NvptxCompiler.EmitPtx(lifted.Checked!);
        Assert.Contains(".extern .func  (.param .b32 func_retval0) vprintf", ours);
        var stores = ArgumentStores(ours);
        Assert.Equal([("u32", 0), ("u32", 4), ("f64", 8), ("u64", 16), ("u64", 24), ("u32", 32)], stores);
        Assert.Equal(ArgumentStores(ClangPtx(Kernel)), stores);
    }

    private static string ClangPtx(string source)
    {
        var dir = Directory.CreateTempSubdirectory("translate-printf-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "hello.cu"), source);
            var psi = new ProcessStartInfo(Requirements.Clang!, ["-x", "cuda", "--cuda-device-only", "-S", "-nocudainc", "-nocudalib", "--cuda-gpu-arch=sm_70",
                "-O3", "-I", Path.Combine(RepositoryRoot, "translator", "Frontend", "include"), Path.Combine(dir, "hello.cu"), "-o", Path.Combine(dir, "hello.ptx")])
                { RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var errors = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, errors);
            return File.ReadAllText(Path.Combine(dir, "hello.ptx"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
