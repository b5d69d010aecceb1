using Translate.Cli.Output;

namespace Translate.Cli.Build;

/// <summary>
/// Build mode: every input becomes a native object (.cu: lifted device code embedded, host code
/// compiled by clang; .c/.cpp: compiled; .o/.a: taken as they are), then one executable is linked
/// against the CUDA runtime library. Objects are made in a temporary folder that is removed afterwards.
/// </summary>
internal static class Builder
{
    private static readonly string[] SourceExtensions = [".cu", ".cuh", ".c", ".cc", ".cpp", ".cxx", ".C"];
    private static readonly string[] ObjectExtensions = [".o", ".a", ".so"];

    public static bool IsSource(string path) => SourceExtensions.Contains(Path.GetExtension(path), StringComparer.Ordinal);
    public static bool IsObject(string path) => ObjectExtensions.Contains(Path.GetExtension(path), StringComparer.Ordinal);

    /// <summary>Builds <paramref name="output"/> from <paramref name="inputs"/>; false when something failed (reported).</summary>
    public static bool BuildExecutable(IReadOnlyList<string> inputs, string output, BuildOptions options, TextWriter stderr)
    {
        var work = Directory.CreateTempSubdirectory("translate-build-");
        var runtime = RuntimeLibrary.StartLocating(options.Verbose); // while the sources compile
        try
        {
            var objects = new List<string>();
            bool ok = true;
            foreach (var (input, index) in inputs.Select((x, i) => (x, i)))
            {
                if (IsObject(input)) { objects.Add(input); continue; }
                var obj = Path.Combine(work.FullName, $"{index}-{Path.GetFileNameWithoutExtension(input)}.o");
                ok &= HostCompiler.Compile(input, obj, options, stderr);
                objects.Add(obj);
            }
            return ok && Linker.Link(objects, output, options, stderr, runtime);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Compiles one source to an object (nvcc -c); the object is written atomically.</summary>
    public static bool CompileObject(string input, string output, BuildOptions options, TextWriter stderr)
    {
        var work = Directory.CreateTempSubdirectory("translate-build-");
        try
        {
            var obj = Path.Combine(work.FullName, "out.o");
            if (!HostCompiler.Compile(input, obj, options, stderr)) return false;
            return OutputWriter.WriteFile(output, temp => File.Copy(obj, temp, overwrite: true), stderr);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
