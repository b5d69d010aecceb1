using Translate.Frontend;

namespace Translate.Tests.Frontend;

/// <summary>
/// The frontend lists the user headers a file included (what <c>-MMD</c> would), so a batch can tell
/// when a header change must redo the file: system headers and our own CUDA headers are not listed.
/// </summary>
public sealed class UserHeaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("translate-headers-");

    public void Dispose() => _folder.Dispose();

    private string Write(string relative, string text) => _folder.Write(relative, text);

    [Fact]
    public void Quoted_and_nested_headers_are_listed_once_with_full_paths_system_ones_not()
    {
        string outer = Write("inc/outer.h", "#pragma once\n#include \"inner.h\"\n#define OUTER 1\n");
        string inner = Write("inc/inner.h", "#pragma once\n#define INNER 2\n");
        string file = Write("k.cu", """
            #include <cstdio>
            #include "inc/outer.h"
            #include "inc/outer.h"
            __global__ void k(int *p) { p[0] = OUTER + INNER; }
            """);
        var result = CudaFrontend.Translate(file);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal([outer, inner], result.UserHeaders);
    }

    [Fact]
    public void A_file_that_does_not_compile_still_lists_the_headers_it_read()
    {
        string header = Write("broken.h", "int broken = ;\n");
        string file = Write("k.cu", "#include \"broken.h\"\n__global__ void k(int *p) { p[0] = 1; }\n");
        var result = CudaFrontend.Translate(file);
        Assert.False(result.Success);
        Assert.Equal([header], result.UserHeaders);
    }
}
