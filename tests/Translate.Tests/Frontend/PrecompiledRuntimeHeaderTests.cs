using Translate.Frontend;
using Translate.Frontend.Clang;
using Translate.Ir.Printing;

namespace Translate.Tests.Frontend;

/// <summary>
/// Our cuda_runtime.h is read precompiled where that reads exactly what the header would: the same program lifts to the
/// same IR, and a macro, a changed header or a user file by the name of one the header includes gets the source's answer.
/// </summary>
public sealed class PrecompiledRuntimeHeaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("translate-pch-");
    private string Cache => Path.Combine(_folder.Path, "cache");

    public void Dispose() => _folder.Dispose();

    private string Write(string relative, string text) => _folder.Write(relative, text);

    private FrontendOptions Options(params string[] defines) => new() { Defines = defines, PrecompiledHeaderDirectory = Cache };

    private static bool StandsIn(string file, FrontendOptions options) =>
        PrecompiledRuntimeHeader.Arguments(CudaFrontend.ClangArguments(file, options),
            options.CudaIncludeDirectory ?? CudaFrontend.DefaultIncludeDirectory, options.PrecompiledHeaderDirectory!) is { } arguments
        && arguments.Contains("-include-pch");

    [Fact]
    public void A_program_lifts_to_the_same_IR_as_from_the_header_source()
    {
        string file = Path.Combine(Repository.Root, "tests", "programs", "structuredBindings.cu");
        var fromSource = CudaFrontend.Translate(file, new FrontendOptions { PrecompiledHeaderDirectory = null });
        var first = CudaFrontend.Translate(file, Options());
        var second = CudaFrontend.Translate(file, Options());
        Assert.True(fromSource.Success, string.Join("\n", fromSource.Diagnostics));
        Assert.True(StandsIn(file, Options()));
        Assert.Single(Directory.GetFiles(Cache, "*.pch"));
        Assert.Equal(IrPrinter.Print(fromSource.Module!), IrPrinter.Print(first.Module!));
        Assert.Equal(IrPrinter.Print(fromSource.Module!), IrPrinter.Print(second.Module!));
    }

    [Fact]
    public void A_macro_on_the_command_line_gets_a_header_of_its_own()
    {
        // assert.h, which the runtime header includes, reads NDEBUG: with it, assert(false) is allowed in a constant.
        string file = Write("assert.cu", """
            constexpr int checked() { assert(false); return 1; }
            #ifdef NDEBUG
            static_assert(checked() == 1);
            #endif
            __global__ void k(int *p) { p[0] = 1; }
            """);
        Assert.True(CudaFrontend.Translate(file, Options()).Success);
        var release = CudaFrontend.Translate(file, Options("NDEBUG"));
        Assert.True(release.Success, string.Join("\n", release.Diagnostics));
        Assert.Equal(2, Directory.GetFiles(Cache, "*.pch").Length);
    }

    [Fact]
    public void A_header_changed_since_it_was_precompiled_is_read_again()
    {
        string include = Path.Combine(_folder.Path, "include");
        foreach (var f in Directory.EnumerateFiles(CudaFrontend.DefaultIncludeDirectory, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(include, Path.GetRelativePath(CudaFrontend.DefaultIncludeDirectory, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        string vectors = Path.Combine(include, "vector_types.h");
        string original = File.ReadAllText(vectors);
        string file = Write("probe.cu", """
            #if TRANSLATE_PROBE != 2
            #error the header as it was
            #endif
            __global__ void k(int *p) { p[0] = TRANSLATE_PROBE; }
            """);
        var options = Options() with { CudaIncludeDirectory = include };
        File.WriteAllText(vectors, original + "\n#define TRANSLATE_PROBE 1\n");
        Assert.False(CudaFrontend.Translate(file, options).Success);
        File.WriteAllText(vectors, original + "\n#define TRANSLATE_PROBE 2 /* changed */\n");
        var changed = CudaFrontend.Translate(file, options);
        Assert.True(changed.Success, string.Join("\n", changed.Diagnostics));
        Assert.True(StandsIn(file, options));
    }

    [Fact]
    public void A_users_file_by_the_name_of_one_the_header_includes_is_read_as_from_source()
    {
        // With -I (the source's folder is one), the user's math.h comes before the system's: the runtime header reads it.
        Write("src/math.h", "#pragma once\n#define USER_MATH 1\n#include_next <math.h>\n");
        string file = Write("src/k.cu", """
            #ifndef USER_MATH
            #error the user's math.h was not read
            #endif
            __global__ void k(float *p) { p[0] = sqrtf(p[1]); }
            """);
        string elsewhere = Write("other/k.cu", "__global__ void k(float *p) { p[0] = sqrtf(p[1]); }\n");
        var result = CudaFrontend.Translate(file, Options());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.False(StandsIn(file, Options()));
        Assert.True(StandsIn(elsewhere, Options()));
    }
}
