using Translate.Cli.Options;
using Translate.Cli.Output;

namespace Translate.Cli.Nvcc;

/// <summary>
/// The nvcc command line, as far as <c>translate nvcc</c> understands it: inputs, <c>-c</c>, <c>-o</c>,
/// <c>-I</c>/<c>-D</c>/<c>-include</c> (which change the translation), flags for the host compiler (<c>-std=</c>, <c>-O</c>,
/// <c>-g</c>, <c>-Xcompiler</c>) and the linker (<c>-l</c>, <c>-L</c>, <c>-Xlinker</c>), the flags accepted and
/// recorded because they mean nothing here (<c>-arch</c>, <c>-gencode</c>, <c>-G</c> …), and whether
/// relocatable device code was asked for.
/// </summary>
internal sealed class NvccArguments
{
    public List<string> Inputs { get; } = [];
    public List<string> Includes { get; } = [];
    public List<string> Defines { get; } = [];
    /// <summary><c>-include</c>/<c>--pre-include</c>: files included before each source, in every compilation.</summary>
    public List<string> PreIncludes { get; } = [];
    /// <summary>Flags for clang compiling host code (<c>-O2</c>, <c>-g</c>, what -Xcompiler passes).</summary>
    public List<string> HostFlags { get; } = [];
    /// <summary>Flags for the link (<c>-lfoo</c>, <c>-L dir</c>, what -Xlinker passes).</summary>
    public List<string> LinkFlags { get; } = [];
    /// <summary>Flags accepted without effect on the translation, kept for the record.</summary>
    public List<string> Recorded { get; } = [];
    public bool CompileOnly { get; private set; }
    /// <summary>-ptx, -fatbin or -cubin: the device code alone, as PTX text (a fat binary holding PTX, which
    /// cuModuleLoadData takes); the option's name without its dashes.</summary>
    public string? DeviceOutput { get; private set; }
    /// <summary><c>-v</c>: echo each tool command and say which flags were ignored.</summary>
    public bool Verbose { get; private set; }
    /// <summary><c>-rdc=true</c>, <c>-dc</c>: each file's device code is still lifted on its own (see NvccCommand).</summary>
    public bool RelocatableDeviceCode { get; private set; }
    /// <summary><c>-dlink</c>: the device-link step, which has nothing to link here (device code is lifted per file).</summary>
    public bool DeviceLink { get; private set; }
    public string? Output { get; private set; }
    /// <summary><c>-std</c>: the C++ standard of device and host code alike.</summary>
    public string? Standard { get; private set; }

    // Flags followed by a value that is recorded, not used (also accepted as FLAG=VALUE).
    private static readonly string[] RecordedWithValue =
        ["-arch", "--gpu-architecture", "-gencode", "--generate-code", "-code", "--gpu-code", "-Xcompiler", "--compiler-options",
         "-Xptxas", "--ptxas-options", "-Xnvlink", "--nvlink-options", "-Xcudafe", "--cudafe-options", "-Xlinker", "--linker-options",
         "-ccbin", "--compiler-bindir", "-x", "--x", "-std", "--std", "-maxrregcount", "--maxrregcount", "-t", "--threads", "--keep-dir", "-keep-dir",
         "--default-stream", "-ftz", "--ftz", "-prec-div", "--prec-div", "-prec-sqrt", "--prec-sqrt", "-fmad", "--fmad"];

    private static readonly string[] ForwardToCompiler = ["-forward-unknown-to-host-compiler", "--forward-unknown-to-host-compiler"];
    private static readonly string[] ForwardToLinker = ["-forward-unknown-to-host-linker", "--forward-unknown-to-host-linker"];

    // Flags without a value that are recorded, not used.
    private static readonly string[] RecordedFlags =
        ["-g", "-G", "-lineinfo", "--device-debug", "--generate-line-info", "-w", "--use_fast_math", "-use_fast_math",
         "--extended-lambda", "--expt-extended-lambda", "-extended-lambda", "--expt-relaxed-constexpr", "-expt-relaxed-constexpr",
         "-m64", "-Werror", "--keep", "--resource-usage", "-res-usage", "--restrict", "-restrict", "--display-error-number",
         "--no-host-device-move-forward", "-Wno-deprecated-gpu-targets", "-Wno-deprecated-declarations"];

    public static NvccArguments Parse(IReadOnlyList<string> commandLine)
    {
        var args = WithOptionsFiles(commandLine);
        var r = new NvccArguments();
        // nvcc's forwarding flags apply to every unknown option of the command line, wherever they stand.
        bool toCompiler = args.Any(ForwardToCompiler.Contains), toLinker = args.Any(ForwardToLinker.Contains);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new UsageException($"nvcc option '{a}' needs a value");
            if (a is "-c" or "--compile") r.CompileOnly = true;
            else if (a is "-ptx" or "--ptx" or "-fatbin" or "--fatbin" or "-cubin" or "--cubin") r.DeviceOutput = a.TrimStart('-');
            else if (a is "-v" or "--verbose") r.Verbose = true;
            // Dependency files (CMake asks for them): the host compilation sees every header the lifter does.
            else if (a is "-MD" or "-MMD" or "-MP" or "--generate-dependencies-with-compile" or "--generate-nonsystem-dependencies-with-compile")
                r.HostFlags.Add(a.StartsWith("--", StringComparison.Ordinal) ? (a.Contains("nonsystem") ? "-MMD" : "-MD") : a);
            else if (a is "-MT" or "-MF" or "--dependency-target-name" or "--dependency-output")
                r.HostFlags.AddRange([a is "-MT" or "--dependency-target-name" ? "-MT" : "-MF", Next()]);
            else if (a is "-o" or "--output-file") r.Output = Next();
            else if (a is "-I" or "--include-path") r.Includes.Add(Next());
            else if (a.StartsWith("-I", StringComparison.Ordinal)) r.Includes.Add(a[2..]);
            else if (a is "-include" or "--pre-include") r.PreIncludes.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries));
            else if (a.StartsWith("--pre-include=", StringComparison.Ordinal) || a.StartsWith("-include=", StringComparison.Ordinal))
                r.PreIncludes.AddRange(a[(a.IndexOf('=') + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
            else if (a is "-D" or "--define-macro") r.Defines.Add(Next());
            else if (a.StartsWith("-D", StringComparison.Ordinal)) r.Defines.Add(a[2..]);
            else if (a is "-dlink" or "--device-link") r.DeviceLink = true;
            else if (a == "-shared" || a == "--shared") r.LinkFlags.Add("-shared");
            else if (a is "-rdc" or "-dc" or "--device-c" || a.StartsWith("-rdc=", StringComparison.Ordinal) || a.StartsWith("--relocatable-device-code", StringComparison.Ordinal))
            {
                r.Recorded.Add(a);
                if (a is "-dc" or "--device-c") r.CompileOnly = true; // nvcc: -dc is -rdc=true -c
                if (!a.EndsWith("=false", StringComparison.Ordinal)) r.RelocatableDeviceCode = true;
                if (a == "-rdc" && i + 1 < args.Count && args[i + 1] is "true" or "false") r.RelocatableDeviceCode = args[++i] == "true";
            }
            else if (RecordedFlags.Contains(a)) r.Recorded.Add(a); // before -l…: -lineinfo is not a library
            else if (a.StartsWith("-O", StringComparison.Ordinal) || a == "-g") r.HostFlags.Add(a);
            else if (a.StartsWith("-l", StringComparison.Ordinal) && a.Length > 2) r.LinkFlags.Add(a);
            else if (a == "-L") r.LinkFlags.AddRange(["-L", Next()]);
            else if (a.StartsWith("-L", StringComparison.Ordinal)) r.LinkFlags.Add(a);
            else if (RecordedFlags.Contains(a)) r.Recorded.Add(a);
            else if (RecordedWithValue.Contains(a) || RecordedWithValue.FirstOrDefault(f => a.StartsWith(f + "=", StringComparison.Ordinal)) is not null)
            {
                int eq = a.IndexOf('=');
                string flag = eq > 0 ? a[..eq] : a;
                string value = eq > 0 ? a[(eq + 1)..] : Next();
                switch (flag)
                {
                    case "-x" when value != "cu":
                        throw new UsageException($"'-x {value}': translate nvcc reads CUDA only (-x cu)");
                    case "-std" or "--std":
                        r.Standard = CudaOptions.CheckedStandard(value);
                        break;
                    case "-Xcompiler" or "--compiler-options":
                        foreach (var hostFlag in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                        {
                            r.HostFlags.Add(hostFlag);
                            // OpenMP host code needs the OpenMP runtime at the link too (clang's libomp).
                            if (hostFlag == "-fopenmp" || hostFlag.StartsWith("-fopenmp=", StringComparison.Ordinal)) r.LinkFlags.Add(hostFlag);
                        }
                        break;
                    case "-Xlinker" or "--linker-options":
                        r.LinkFlags.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => "-Wl," + v));
                        break;
                    default:
                        r.Recorded.Add(flag + " " + value);
                        break;
                }
            }
            else if (ForwardToCompiler.Contains(a) || ForwardToLinker.Contains(a)) continue;
            else if (a.StartsWith('-') && (toCompiler || toLinker))
            {
                // Host code is compiled and linked by the same clang: a forwarded option reaches the steps it was meant for.
                if (toCompiler) r.HostFlags.Add(a);
                if (toLinker || a.StartsWith("-Wl,", StringComparison.Ordinal)) r.LinkFlags.Add(a);
            }
            else if (a.StartsWith('-')) throw new UsageException($"nvcc option '{a}' is not supported by translate nvcc");
            else r.Inputs.Add(a);
        }
        return r;
    }

    /// <summary>
    /// The command line with each <c>--options-file F[,G]</c> (<c>-optf</c>) replaced by the options its files hold (CMake
    /// passes include directories so), split into words as a shell would (<see cref="ShellWords"/>).
    /// </summary>
    private static List<string> WithOptionsFiles(IReadOnlyList<string> args)
    {
        var expanded = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? files = a is "--options-file" or "-optf" ? (i + 1 < args.Count ? args[++i] : throw new UsageException($"nvcc option '{a}' needs a value"))
                : a.StartsWith("--options-file=", StringComparison.Ordinal) || a.StartsWith("-optf=", StringComparison.Ordinal) ? a[(a.IndexOf('=') + 1)..]
                : null;
            if (files is null)
            {
                expanded.Add(a);
                continue;
            }
            foreach (var file in files.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"options file '{file}' cannot be read: {e.Message}"); }
                expanded.AddRange(ShellWords.Split(text));
            }
        }
        return expanded;
    }
}
