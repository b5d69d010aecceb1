using Translate.Frontend.Compatibility;
using Translate.DeviceContract;
using Translate.Frontend.Clang;
using Translate.Frontend.Lifting;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;

namespace Translate.Frontend;

/// <summary>
/// The CUDA frontend: parses a .cu file with libclang 19 (host-side parse, which keeps every host and
/// device function in one AST, with our own CUDA headers and no CUDA installation) and lifts its
/// kernels, the device functions and variables they use, and <c>main</c> with its helpers into an IR module.
/// </summary>
public static class CudaFrontend
{
    /// <summary>The folder of our CUDA headers shipped beside this assembly.</summary>
    public static string DefaultIncludeDirectory => Path.Combine(AppContext.BaseDirectory, "cuda-include");

    /// <summary>The GPU architecture device code is compiled for: the compute capability our devices report
    /// (sm_70), so clang's device compilation defines <c>__CUDA_ARCH__</c> as nvcc's does (700).</summary>
    public static string DeviceArchitecture => $"sm_{CudaLimits.ComputeCapabilityMajor}{CudaLimits.ComputeCapabilityMinor}";

    /// <summary>nvcc's <c>__CUDA_ARCH_LIST__</c>: the architectures compiled for, as <c>__CUDA_ARCH__</c> values, defined
    /// in host and device compilation alike (ours is one: 700).</summary>
    private static int ArchitectureValue => CudaLimits.ComputeCapabilityMajor * 100 + CudaLimits.ComputeCapabilityMinor * 10;

    /// <summary>
    /// What clang rejects by default and nvcc only warns about (nvcc: "warning: invalid narrowing conversion"; GCC, its host
    /// compiler, likewise): narrowing in braced initializers (<c>float2 v = {d, d}</c> with doubles, <c>int3 q = {n, 1, 2}</c>
    /// with a size_t), C++17's removed <c>register</c>, out-of-range enum constants and constexpr functions that are never
    /// constant. They stay warnings, so the same sources build here as with nvcc.
    /// </summary>
    public static IReadOnlyList<string> NvccWarnings { get; } =
        ["-Wno-error=c++11-narrowing", "-Wno-error=register", "-Wno-error=enum-constexpr-conversion", "-Wno-error=invalid-constexpr"];

    /// <summary>The clang command line used to parse <paramref name="path"/>: the host compilation (what build mode
    /// compiles natively), or with <paramref name="device"/> the device compilation, where <c>__CUDA_ARCH__</c> is defined.</summary>
    public static IReadOnlyList<string> ClangArguments(string path, FrontendOptions options, bool device = false)
    {
        var include = options.CudaIncludeDirectory ?? DefaultIncludeDirectory;
        string[] side = device ? ["--cuda-device-only", "--cuda-gpu-arch=" + DeviceArchitecture] : ["--cuda-host-only"];
        List<string> args =
        [
            "-x", "cuda", .. side, "-nocudainc", "-nocudalib", options.ClangStandardFlag,
            "-resource-dir", "/usr/lib/llvm-19/lib/clang/19",
            "-isystem", include, "-include", "cuda_runtime.h",
            "-D__TRANSLATE__=1", $"-D__CUDA_ARCH_LIST__={ArchitectureValue}",
            .. NvccWarnings,
        ];
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) args.AddRange(["-I", dir]);
        foreach (var i in options.IncludeDirectories) args.AddRange(["-I", i]);
        foreach (var d in options.Defines) args.Add("-D" + d);
        foreach (var f in options.PreIncludes) args.AddRange(["-include", f]);
        args.AddRange(options.ExtraClangArguments);
        return args;
    }

    /// <summary>
    /// Parses <paramref name="path"/> (<paramref name="contents"/> instead of the file, if given) as <see cref="ClangArguments"/>
    /// says, reading the runtime header precompiled where it can stand in (<see cref="PrecompiledRuntimeHeader"/>); a
    /// precompiled header clang refuses (one fatal error about it) leaves the parse as written.
    /// </summary>
    internal static TranslationUnit ParseSource(string path, FrontendOptions options, string? contents, bool device = false)
    {
        var arguments = ClangArguments(path, options, device);
        if (options.PrecompiledHeaderDirectory is { } cache
            && PrecompiledRuntimeHeader.Arguments(arguments, options.CudaIncludeDirectory ?? DefaultIncludeDirectory, cache) is { } precompiled)
        {
            TranslationUnit? unit = null;
            try { unit = TranslationUnit.Parse(path, precompiled, contents); }
            catch (InvalidOperationException) { }
            if (unit is not null && !unit.Diagnostics.Any(PrecompiledRuntimeHeader.Refused)) return unit;
            unit?.Dispose();
        }
        return TranslationUnit.Parse(path, arguments, contents);
    }

    /// <summary>
    /// Translates <paramref name="path"/>. Never throws for problems in the input: clang's errors,
    /// untranslatable constructs (TR04xx) and a missing libclang all come back as diagnostics.
    /// </summary>
    public static FrontendResult Translate(string path, FrontendOptions? options = null)
    {
        FrontendResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = TranslateOnThisThread(path, options ?? new FrontendOptions()); }
            catch (Exception e) { failure = e; }
        }, ParserStackBytes) { Name = "translate-frontend" };
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result!;
    }

    /// <summary>
    /// Clang's parser (inside libclang, on the calling thread) and the lifter recurse once per level of nesting in the
    /// source: a file with 9,000 unary <c>*</c> in a row (found by mutation fuzzing) overflowed the 8 MiB main-thread
    /// stack and killed the process with SIGSEGV, no diagnostic. They run on a thread of their own whose stack is
    /// reserved at 1 GiB and used only as deep as the source goes (the CLI runs its commands on such a thread too: the
    /// checker and the backends recurse as deep).
    /// </summary>
    public const int ParserStackBytes = 1 << 30;

    private static FrontendResult TranslateOnThisThread(string path, FrontendOptions options)
    {
        var bag = new DiagnosticBag();
        var fileLocation = new SourceLocation(path, 0, 0);
        if (options.Contents is null && !File.Exists(path))
        {
            bag.Add(Codes.FileNotFound, fileLocation, $"'{path}' does not exist");
            return new FrontendResult(null, null, bag.Items, []);
        }
        SourceText.Forget(path);
        var source = new SourceMap(path, options.CudaIncludeDirectory ?? DefaultIncludeDirectory);
        TranslationUnit tu;
        ExplicitInstantiations? instantiations;
        IReadOnlyList<string> compatibility = [];
        try
        {
            (tu, options, compatibility) = ParseAcceptingNvccSource(path, options, bag, source);
            (tu, instantiations) = FollowExplicitInstantiations(tu, path, options, source);
        }
        catch (ClangUnavailableException e)
        {
            bag.Add(Codes.ClangUnavailable, fileLocation, e.Message);
            return new FrontendResult(null, null, bag.Items, []);
        }
        TranslationUnit? deviceTu = null;
        try
        {
            Report(tu, bag, source, instantiations);
            var headers = tu.IncludedFiles.Where(f => !f.IsSystem).Select(f => Path.GetFullPath(f.Path)).ToList();
            if (bag.HasErrors) return new FrontendResult(null, null, bag.Items, []) { UserHeaders = headers };
            // Device code is lifted from the device compilation, as nvcc compiles it; a second parse is needed only
            // where the two compilations differ, i.e. where some source tests __CUDA_ARCH__.
            string? contents = instantiations?.Contents ?? options.Contents;
            if (DeviceView.Differs(tu))
            {
                deviceTu = ParseSource(path, options, contents, device: true);
                Report(deviceTu, bag, source, instantiations);
                if (bag.HasErrors) return new FrontendResult(null, null, bag.Items, []) { UserHeaders = headers };
            }
            if (instantiations is not null)
                foreach (var parse in deviceTu is null ? [tu] : new[] { tu, deviceTu })
                    foreach (var d in instantiations.Unreached(parse.Diagnostics, source, path))
                        if (!bag.Items.Contains(d)) bag.Add(d);
            var parsed = bag.Items.ToList();
            var bases = new TemplateBases();
            var lifted = Lift(tu, deviceTu, parsed, source, options, instantiations, bases);
            // Bases of class-template instantiations are found by a parse that names them (TemplateBases); a base found
            // can have bases of its own, and a member found (an override, a destructor) can lead to another, so a few rounds.
            for (int round = 0; round < 8 && bases.HasUnanswered; round++)
            {
                contents ??= File.ReadAllText(path);
                string text = bases.Append(contents);
                var again = ParseSource(path, options, text);
                tu.Dispose();
                tu = again;
                if (deviceTu is not null)
                {
                    deviceTu.Dispose();
                    deviceTu = null;
                    deviceTu = ParseSource(path, options, text, device: true);
                }
                lifted = Lift(tu, deviceTu, parsed, source, options, instantiations, bases);
            }
            var (module, statuses, lifter, host, liftBag) = lifted;
            CheckedModule? checkedModule = null;
            if (options.Check && !liftBag.HasErrors)
            {
                try { checkedModule = TypeChecker.Check(module); }
                catch (DiagnosticException e)
                {
                    liftBag.Add(Codes.LiftedIrInvalid, fileLocation, "the lifted IR does not type-check; this is a bug in the frontend:");
                    liftBag.AddRange(e.Diagnostics);
                }
            }
            return new FrontendResult(module, checkedModule, liftBag.Items, statuses)
                { LinkNames = lifter.LinkNames, UserHeaders = headers, Host = host, CompatibilityArguments = compatibility };
        }
        finally
        {
            deviceTu?.Dispose();
            tu.Dispose();
        }
    }

    /// <summary>What one lift of the parses gave: the module, each function's status, the lifter (its link names),
    /// where the host code went, and the diagnostics (the parses' and the lift's).</summary>
    private sealed record Lifted(IrModule Module, IReadOnlyList<FunctionStatus> Statuses, ModuleLifter Lifter, HostCode Host, DiagnosticBag Bag);

    /// <summary>Lifts the whole program, or only its device code when the host code is outside the lifted subset and
    /// the options allow that (build mode); <paramref name="parsed"/> are the parses' diagnostics.</summary>
    private static Lifted Lift(TranslationUnit tu, TranslationUnit? deviceTu, IReadOnlyList<Diagnostic> parsed, SourceMap source,
        FrontendOptions options, ExplicitInstantiations? instantiations, TemplateBases bases)
    {
        var bag = new DiagnosticBag();
        bag.AddRange(parsed);
        var device = deviceTu is null ? null : new DeviceView(deviceTu, source);
        var lifter = new ModuleLifter(source, bag, device, bases);
        var (module, statuses) = lifter.Lift(tu.Root, options.DeviceOnly);
        var host = options.DeviceOnly ? HostCode.Native(null) : HostCode.Lifted;
        // Whole-program lifting starts from main: in a file without main, host functions are not lifted at all.
        var unreached = HostCode.HasMain(statuses) ? [] : lifter.DefinedHostFunctions(tu.Root).ToList();
        // Explicit instantiations are host (or kernel) code too: without main, they belong to a program built natively.
        if (!HostCode.HasMain(statuses) && instantiations is not null) unreached.AddRange(instantiations.Names);
        if (!options.DeviceOnly && options.DeviceOnlyWhenHostIsNot && (HostCode.OutsideSubset(statuses) || unreached.Count > 0))
        {
            // The host code stays C++ (build mode compiles it); what this file translates is its device code,
            // lifted again on its own from the same parse. The host functions' diagnostics are replaced by the reason.
            string why = unreached.Count > 0
                ? $"the file has no main, so its host functions ('{unreached[0]}'{(unreached.Count > 1 ? $" and {unreached.Count - 1} more" : "")}) belong to a program built natively"
                : HostCode.WhyNotLifted(statuses);
            host = HostCode.Native(why) with { DefinesMain = HostCode.HasMain(statuses) };
            bag = new DiagnosticBag();
            bag.AddRange(parsed);
            lifter = new ModuleLifter(source, bag, device, bases);
            (module, statuses) = lifter.Lift(tu.Root, deviceOnly: true);
        }
        return new Lifted(module, statuses, lifter, host, bag);
    }

    /// <summary>
    /// Parses the host side of <paramref name="path"/>. When clang rejects source that nvcc accepts and no switch makes
    /// clang accept (<see cref="NvccSourceFixes"/>), parses it again as corrected, through an overlay, and keeps that parse
    /// when it has fewer errors, with a TR0416 warning at each correction: the options (and clang arguments) that show
    /// the corrected text are returned for the parses and compilations that follow.
    /// </summary>
    private static (TranslationUnit Unit, FrontendOptions Options, IReadOnlyList<string> Compatibility) ParseAcceptingNvccSource(
        string path, FrontendOptions options, DiagnosticBag bag, SourceMap source)
    {
        var tu = ParseSource(path, options, options.Contents);
        int errors = tu.Diagnostics.Count(d => d.Severity >= ClangSeverity.Error);
        string full = Path.GetFullPath(path);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var fixes = new List<NvccFix>();
        var current = options;
        IReadOnlyList<string> overlayArguments = [];
        // A few rounds: clang reports some of these only once the ones before them are gone.
        for (int round = 0; round < 4 && errors > 0; round++)
        {
            string? Read(string file)
            {
                var f = Path.GetFullPath(file);
                if (texts.TryGetValue(f, out var text)) return text;
                if (f == full) return options.Contents ?? File.ReadAllText(path);
                try { return File.ReadAllText(f); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
            }
            if (NvccSourceFixes.Find(tu.Diagnostics, Read) is not { } found) break;
            var next = new Dictionary<string, string>(texts, StringComparer.Ordinal);
            foreach (var (file, text) in found.Texts) next[Path.GetFullPath(file)] = text;
            var overlay = SourceOverlay.Write(next);
            var corrected = options with
            {
                ExtraClangArguments = [.. options.ExtraClangArguments, .. overlay.Arguments],
                Contents = next.GetValueOrDefault(full) ?? options.Contents,
            };
            var again = ParseSource(path, corrected, corrected.Contents);
            int left = again.Diagnostics.Count(d => d.Severity >= ClangSeverity.Error);
            if (left >= errors) { again.Dispose(); break; }
            tu.Dispose();
            (tu, errors, texts, current, overlayArguments) = (again, left, next, corrected, overlay.Arguments);
            fixes.AddRange(found.Fixes);
        }
        foreach (var fix in fixes) bag.Add(Codes.NvccSourceAccepted, source.Locate(fix.Position), fix.Description);
        return (tu, current, overlayArguments);
    }

    /// <summary>
    /// When the main file of <paramref name="tu"/> has explicit template instantiations, parses it
    /// again with the text that makes their instantiated code visible appended (<see cref="ExplicitInstantiations"/>).
    /// </summary>
    private static (TranslationUnit Unit, ExplicitInstantiations? Instantiations) FollowExplicitInstantiations(
        TranslationUnit tu, string path, FrontendOptions options, SourceMap source)
    {
        if (tu.Diagnostics.Any(d => d.Severity >= ClangSeverity.Error)) return (tu, null);
        string contents = options.Contents ?? File.ReadAllText(path);
        var found = ExplicitInstantiations.Find(tu, contents, source);
        if (found is null) return (tu, null);
        tu.Dispose();
        found.Contents = found.Append(contents);
        return (ParseSource(path, options, found.Contents), found);
    }

    /// <summary>clang's errors (TR0401) and warnings in user code (TR0402); a diagnostic both parses give is reported once.
    /// The text appended to follow explicit instantiations is not the user's: what clang says about it is left to
    /// <see cref="ExplicitInstantiations.Unreached"/>.</summary>
    private static void Report(TranslationUnit tu, DiagnosticBag bag, SourceMap source, ExplicitInstantiations? instantiations)
    {
        foreach (var d in tu.Diagnostics)
        {
            if (instantiations?.InSnippet(d.Position, source.DisplayName) == true) continue;
            var code = d.Severity >= ClangSeverity.Error ? Codes.ClangError
                : d.Severity == ClangSeverity.Warning && !d.Position.InSystemHeader ? Codes.ClangWarning : null;
            if (code is null) continue;
            var at = source.Locate(d.Position);
            if (!bag.Items.Any(x => x.Code == code && x.Location == at && x.Message == d.Message)) bag.Add(code, at, d.Message);
        }
    }
}
