using System.Runtime.InteropServices;
using Translate.Cli.Output;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;

namespace Translate.Cli.Build;

/// <summary>
/// Links an IR program's body-less declarations natively, as a C compiler's link step would: against
/// the files given with <c>--with</c> (C or C++ sources compiled by clang-19 into one shared library,
/// or ready <c>.so</c> files), then the C and math libraries. Upstream llama.lisp links its test
/// programs with a C runtime this way (<c>print</c>, <c>fprint</c> …). Declarations the library of
/// every device already provides (<see cref="Externals"/>) are not looked up.
/// </summary>
internal static class NativeLinker
{
    private static readonly string[] SystemLibraries = ["libc.so.6", "libm.so.6"];

    /// <summary>Name → address of each declaration found; null when a --with file failed (reported on <paramref name="stderr"/>).</summary>
    public static IReadOnlyDictionary<string, nint>? Link(IrModule module, IReadOnlyList<string> withFiles, TextWriter stderr)
    {
        var wanted = module.Functions.Where(f => f.IsDeclaration && Externals.Find(f.Name) is null)
            .Select(f => f.Name).Where(n => !module.Functions.Any(g => g.Name == n && !g.IsDeclaration)).ToHashSet();
        var libraries = new List<nint>();
        if (withFiles.Count > 0)
        {
            var loaded = LoadWithFiles(withFiles, stderr);
            if (loaded is null) return null;
            libraries.AddRange(loaded);
        }
        if (wanted.Count == 0) return new Dictionary<string, nint>();
        foreach (var system in SystemLibraries)
            if (NativeLibrary.TryLoad(system, out var h)) libraries.Add(h);
        var found = new Dictionary<string, nint>();
        foreach (var name in wanted)
            foreach (var library in libraries)
                if (NativeLibrary.TryGetExport(library, name, out var address))
                {
                    found[name] = address;
                    break;
                }
        return found;
    }

    private static string CachedLibraryPath(IReadOnlyList<string> sources)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in sources)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetExtension(file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        var dir = Path.Combine(Path.GetTempPath(), $"translate-with-{Environment.UserName}");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, Convert.ToHexString(hash.GetHashAndReset())[..32] + ".so");
    }

    /// <summary>Loads the --with files: sources and objects become one shared library built by clang-19, .so files load as they are.</summary>
    private static List<nint>? LoadWithFiles(IReadOnlyList<string> files, TextWriter stderr)
    {
        var handles = new List<nint>();
        var toCompile = new List<string>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.FileUnreadable, file, "--with names no readable file"));
                return null;
            }
            if (file.EndsWith(".so", StringComparison.Ordinal) || file.Contains(".so.", StringComparison.Ordinal))
            {
                if (!NativeLibrary.TryLoad(Path.GetFullPath(file), out var loaded))
                {
                    DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.FileUnreadable, file, "is not a shared library this process can load"));
                    return null;
                }
                handles.Add(loaded);
            }
            else toCompile.Add(file);
        }
        if (toCompile.Count == 0) return handles;
        var clang = ToolRunner.Find("clang-19", "clang");
        if (clang is null)
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilationFailed, toCompile[0],
                "compiling --with files needs clang-19 (Debian package clang-19; scripts/setup.sh installs it)"));
            return null;
        }
        // Built once per content: a cache keyed by the files' bytes, written to a temporary name and renamed.
        var library = CachedLibraryPath(toCompile);
        if (!File.Exists(library))
        {
            var building = library + $".{Environment.ProcessId}.tmp";
            try
            {
                var result = ToolRunner.Run(clang, ["-shared", "-fPIC", "-O1", "-w", "-o", building, .. toCompile], false, stderr);
                if (result.ExitCode != 0)
                {
                    stderr.Write(result.Stderr);
                    DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilationFailed, toCompile[0], "clang-19 failed on the --with files"));
                    return null;
                }
                File.Move(building, library, overwrite: true);
            }
            finally
            {
                File.Delete(building);
            }
        }
        if (!NativeLibrary.TryLoad(library, out var h))
        {
            DiagnosticPrinter.Print(stderr, DiagnosticPrinter.AboutFile(Codes.HostCompilationFailed, toCompile[0], "the library built from the --with files does not load"));
            return null;
        }
        handles.Add(h);
        return handles;
    }
}
