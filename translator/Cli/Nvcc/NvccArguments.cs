using Translate.Cli.Options;

namespace Translate.Cli.Nvcc;

/// <summary>
/// The nvcc command line, as far as <c>translate nvcc</c> understands it: inputs, <c>-c</c>, <c>-o</c>,
/// <c>-I</c>/<c>-D</c> (which change the translation), the flags accepted and recorded because they
/// do not (<c>-std=</c>, <c>-O</c>, <c>-g</c>, <c>-x cu</c>, <c>-Xcompiler</c>, <c>-arch</c>, <c>-gencode</c> …), and
/// whether relocatable device code was asked for.
/// </summary>
internal sealed class NvccArguments
{
    public List<string> Inputs { get; } = [];
    public List<string> Includes { get; } = [];
    public List<string> Defines { get; } = [];
    /// <summary>Flags accepted without effect on the translation, kept for the record.</summary>
    public List<string> Recorded { get; } = [];
    public bool CompileOnly { get; private set; }
    public bool RelocatableDeviceCode { get; private set; }
    public string? Output { get; private set; }

    // Flags followed by a value that is recorded, not used (also accepted as FLAG=VALUE).
    private static readonly string[] RecordedWithValue =
        ["-arch", "--gpu-architecture", "-gencode", "--generate-code", "-code", "--gpu-code", "-Xcompiler", "--compiler-options",
         "-Xptxas", "-Xlinker", "-ccbin", "--compiler-bindir", "-x", "-std", "--std", "-maxrregcount", "--maxrregcount"];

    // Flags without a value that are recorded, not used.
    private static readonly string[] RecordedFlags =
        ["-g", "-G", "-lineinfo", "--device-debug", "--generate-line-info", "-w", "--use_fast_math", "-use_fast_math",
         "--extended-lambda", "--expt-extended-lambda", "--expt-relaxed-constexpr", "-m64", "-Werror", "--keep"];

    public static NvccArguments Parse(IReadOnlyList<string> args)
    {
        var r = new NvccArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new UsageException($"nvcc option '{a}' needs a value");
            if (a is "-c" or "--compile") r.CompileOnly = true;
            else if (a is "-o" or "--output-file") r.Output = Next();
            else if (a is "-I" or "--include-path") r.Includes.Add(Next());
            else if (a.StartsWith("-I", StringComparison.Ordinal)) r.Includes.Add(a[2..]);
            else if (a is "-D" or "--define-macro") r.Defines.Add(Next());
            else if (a.StartsWith("-D", StringComparison.Ordinal)) r.Defines.Add(a[2..]);
            else if (a is "-rdc" or "-dc" or "--device-c" || a.StartsWith("-rdc=", StringComparison.Ordinal) || a.StartsWith("--relocatable-device-code", StringComparison.Ordinal))
            {
                r.Recorded.Add(a);
                if (!a.EndsWith("=false", StringComparison.Ordinal)) r.RelocatableDeviceCode = true;
                if (a == "-rdc" && i + 1 < args.Count && args[i + 1] is "true" or "false") r.RelocatableDeviceCode = args[++i] == "true";
            }
            else if (RecordedFlags.Contains(a) || a.StartsWith("-O", StringComparison.Ordinal) || a.StartsWith("-l", StringComparison.Ordinal)
                     || a.StartsWith("-L", StringComparison.Ordinal)) r.Recorded.Add(a);
            else if (RecordedWithValue.Contains(a))
            {
                string value = Next();
                if (a == "-x" && value != "cu") throw new UsageException($"'-x {value}': translate nvcc reads CUDA only (-x cu)");
                r.Recorded.Add(a + " " + value);
            }
            else if (RecordedWithValue.Any(f => a.StartsWith(f + "=", StringComparison.Ordinal))) r.Recorded.Add(a);
            else if (a.StartsWith('-')) throw new UsageException($"nvcc option '{a}' is not supported by translate nvcc");
            else r.Inputs.Add(a);
        }
        return r;
    }
}
