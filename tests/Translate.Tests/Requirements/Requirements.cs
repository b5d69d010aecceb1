using Translate.Backends.Llvm.Api;
using Translate.Runtime.Devices;
using Translate.Tests.BuildMode;
using Translate.Tests.SpirV;

namespace Translate.Tests;

/// <summary>Whether this machine has what a test needs, and if not, the reason its tests are skipped with.</summary>
public static class Requirements
{
    /// <summary>Where Debian's spirv-headers package puts the SPIR-V grammar.</summary>
    public const string SpirVGrammarFile = "/usr/include/spirv/unified1/spirv.core.grammar.json";

    /// <summary>The clang++-19 on PATH, or null when there is none.</summary>
    public static string? Clang { get; } = OnPath("clang++-19");

    /// <summary>Null when every one of <paramref name="needs"/> is here; else why the first missing one is not.</summary>
    public static string? Missing(params Need[] needs) => needs.Select(Missing).FirstOrDefault(why => why is not null);

    /// <summary>Null when <paramref name="need"/> is here; else why not.</summary>
    public static string? Missing(Need need) => need switch
    {
        Need.Cpu => DeviceMissing("cpu"),
        Need.OpenCl => DeviceMissing("opencl"),
        Need.GpuBackends => LlvmAvailability.UnavailableReason is { } why ? "GPU backends: " + why : null,
        Need.LlvmOpt => File.Exists(Cpu.KernelPipelineTests.Opt) ? null : $"{Cpu.KernelPipelineTests.Opt} is not installed (Debian package llvm-19; scripts/setup.sh installs it)",
        Need.Lld => Backends.Amdgpu.AmdgpuCompiler.FindLinker() is null ? "ld.lld-19 is not installed (Debian package lld-19)" : null,
        Need.Clang => Clang is null ? "clang++-19 is not installed (Debian package clang-19; scripts/setup.sh installs it)" : null,
        Need.Dotnet => OnPath("dotnet") is null
            ? "the dotnet command is not on PATH (./translate builds itself with it; build mode publishes its runtime library with it)" : null,
        Need.BuildMode => Missing(Need.Clang, Need.Dotnet),
        Need.CMake => OnPath("cmake") is null || OnPath("make") is null ? "cmake or make is not installed (Debian packages cmake, make; scripts/setup.sh installs them)" : null,
        Need.NvidiaSamples => Directory.Exists(NvidiaSamplesTests.Corpus) ? null : $"NVIDIA's samples are not at {NvidiaSamplesTests.Corpus} (../shared/corpus)",
        Need.LlamaLisp => Directory.Exists(Upstream.UpstreamCLispTests.Corpus) ? null : $"llama.lisp is not at {Upstream.UpstreamCLispTests.Corpus} (../shared/corpus)",
        Need.UpstreamCompiler => OnPath("guile") is null || OnPath("opt-19") is null || OnPath("llc-19") is null
            || !File.Exists("/usr/bin/python3") || new[] { "numpy", "llvmlite", "munch" }.Any(m => !Directory.Exists($"/usr/lib/python3/dist-packages/{m}"))
            || !Directory.Exists("/usr/share/guile/site/3.0/json")
            ? "llama.lisp's compiler needs guile-3.0, guile-json, python3-numpy, python3-llvmlite, python3-munch and llvm-19 (scripts/setup.sh installs them)"
            : null,
        Need.SpirVValidator => SpirVTools.Missing(SpirVTools.Validator),
        Need.SpirVReader => SpirVTools.Missing(SpirVTools.LlvmReader),
        Need.SpirVGrammar => File.Exists(SpirVGrammarFile) ? null : $"spirv-headers is not installed ({SpirVGrammarFile})",
        _ => throw new ArgumentOutOfRangeException(nameof(need), need, null),
    };

    /// <summary>
    /// The devices a build-mode executable runs its kernels on here (TRANSLATE_DEVICE): cpu, the reference
    /// interpreter, and opencl where there is an OpenCL device. Build-mode tests run on each.
    /// </summary>
    public static IReadOnlyList<string> BuildModeDeviceNames { get; } =
        [.. new[] { "cpu", "interp", "opencl" }.Where(d => d != "opencl" || Missing(Need.OpenCl) is null)];

    /// <summary><see cref="BuildModeDeviceNames"/> as theory data.</summary>
    public static TheoryData<string> BuildModeDevices() => [.. BuildModeDeviceNames];

    /// <summary>The devices whole programs (host code lifted too) run on here, as theory data: interp, cpu, and opencl where usable.</summary>
    public static TheoryData<string> WholeProgramDevices() => [.. new[] { "interp", "cpu", "opencl" }.Where(d => DeviceMissing(d) is null)];

    /// <summary>Null when the device is registered and usable here; else why not, in the device's own words.</summary>
    public static string? DeviceMissing(string device) => DeviceRegistry.Find(device) switch
    {
        null => $"no device is called '{device}'",
        { UnavailableReason: { } why } => $"{device} device unavailable: {why}",
        _ => null,
    };

    private static string? OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists);
}
