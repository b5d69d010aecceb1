using System.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// Our CUDA headers are real headers, not only something libclang tolerates: every sample compiles
/// with clang-19's own CUDA host compilation against them (as build mode compiles host code),
/// <c>-x cuda --cuda-host-only -nocudainc -nocudalib -std=c++17 -isystem include -include cuda_runtime.h -fsyntax-only</c>,
/// with no warning from the headers.
/// </summary>
public class HeaderHostCompileTests
{
    private static readonly string IncludeDirectory = Path.Combine(Repository.Root, "translator", "Frontend", "include");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var name in Repository.SampleNames) data.Add(name);
        return data;
    }

    [RequiresTheory(Need.Clang)]
    [MemberData(nameof(Samples))]
    public void Each_sample_compiles_with_clang_cuda_host_compilation_against_our_headers(string name)
    {
        var (exit, errors) = CompileHostOnly(Repository.SamplePath(name));
        Assert.True(exit == 0, $"clang++-19 rejected {name}.cu:\n{errors}");
        Assert.DoesNotContain(IncludeDirectory, errors); // no warning points into our headers
    }

    [RequiresFact(Need.Clang)]
    public void Every_header_compiles_on_its_own_in_one_translation_unit()
    {
        string file = Path.Combine(Path.GetTempPath(), $"translate-headers-{Environment.ProcessId}.cu");
        var headers = Directory.EnumerateFiles(IncludeDirectory, "*.h", SearchOption.AllDirectories)
            .Select(h => Path.GetRelativePath(IncludeDirectory, h).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        File.WriteAllText(file, string.Concat(headers.Select(h => $"#include <{h}>\n")) + "int main() { return 0; }\n");
        try
        {
            var (exit, errors) = CompileHostOnly(file);
            Assert.True(exit == 0, $"clang++-19 rejected our headers together ({string.Join(", ", headers)}):\n{errors}");
            Assert.Contains("cooperative_groups/reduce.h", headers);
        }
        finally { File.Delete(file); }
    }

    /// <summary>
    /// libstdc++ writes <c>__attribute__((__noinline__))</c> (&lt;memory&gt;): a <c>__noinline__</c> macro
    /// would break it after cuda_runtime.h, in CUDA sources and in the .cpp files of a CUDA program alike
    /// (NVIDIA's deviceQuery.cpp includes cuda_runtime.h, then &lt;memory&gt;), while CUDA code still uses
    /// <c>__noinline__</c> as a qualifier.
    /// </summary>
    [RequiresTheory(Need.Clang)]
    [InlineData("cuda", "__noinline__ __device__ int next(int x) { return x + 1; }\n")]
    [InlineData("c++", "")]
    public void Standard_headers_that_spell_noinline_with_underscores_compile_after_cuda_runtime(string language, string extra)
    {
        string file = Path.Combine(Path.GetTempPath(), $"translate-noinline-{language}-{Environment.ProcessId}.{(language == "cuda" ? "cu" : "cpp")}");
        File.WriteAllText(file, "#include <cuda_runtime.h>\n#include <memory>\n" + extra +
            "int main() { auto p = std::make_shared<int>(1); int n = 0; cudaGetDeviceCount(&n); return *p - 1; }\n");
        try
        {
            var (exit, errors) = CompileHostOnly(file, language);
            Assert.True(exit == 0, $"clang++-19 ({language}) rejected cuda_runtime.h followed by <memory>:\n{errors}");
        }
        finally { File.Delete(file); }
    }

    private static (int Exit, string Errors) CompileHostOnly(string file, string language = "cuda")
    {
        var start = new ProcessStartInfo(Requirements.Clang!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(file)!,
        };
        string[] mode = language == "cuda" ? ["-x", "cuda", "--cuda-host-only", "-nocudainc", "-nocudalib"] : ["-x", language];
        foreach (var arg in mode.Concat(["-std=c++17", "-isystem", IncludeDirectory, "-include", "cuda_runtime.h", "-fsyntax-only", file]))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }
}

