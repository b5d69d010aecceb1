namespace Translate.Frontend;

/// <summary>How to parse a .cu file: include directories, macro definitions, extra clang arguments.</summary>
public sealed record FrontendOptions
{
    /// <summary>Extra <c>-I</c> directories, searched after the file's own directory.</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Macros, as <c>NAME</c> or <c>NAME=VALUE</c> (clang's <c>-D</c>).</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>Files included before each source's first line (nvcc's <c>--pre-include</c>, clang's <c>-include</c>), after
    /// our <c>cuda_runtime.h</c>.</summary>
    public IReadOnlyList<string> PreIncludes { get; init; } = [];

    /// <summary>The C++ standard of the CUDA sources and of build mode's C++ files (nvcc's <c>-std</c>): <c>c++17</c>,
    /// nvcc's default, unless the user names another. Sources are read as at least C++17, the standard our CUDA headers
    /// are written in (C++14 code is nearly always C++17 code too); <c>c++20</c> reads them as C++20.</summary>
    public string LanguageStandard { get; init; } = "c++17";

    /// <summary>The <c>-std=</c> clang is given for C++ (and CUDA) sources.</summary>
    public string ClangStandardFlag => "-std=" + (LanguageStandard is "c++11" or "c++14" ? "c++17" : LanguageStandard);

    /// <summary>Arguments passed to clang as they are, after the frontend's own.</summary>
    public IReadOnlyList<string> ExtraClangArguments { get; init; } = [];

    /// <summary>The source text to use instead of the file on disk (the path still names it in diagnostics).</summary>
    public string? Contents { get; init; }

    /// <summary>Our CUDA headers; by default the <c>cuda-include</c> folder beside the assembly.</summary>
    public string? CudaIncludeDirectory { get; init; }

    /// <summary>Where precompiled forms of our <c>cuda_runtime.h</c> are kept (<see cref="Clang.PrecompiledRuntimeHeader"/>);
    /// null parses it from source every time. By default the user's cache directory.</summary>
    public string? PrecompiledHeaderDirectory { get; init; } = Clang.PrecompiledRuntimeHeader.DefaultDirectory;

    /// <summary>Whether to run the IR type checker on the lifted module (on by default).</summary>
    public bool Check { get; init; } = true;

    /// <summary>Lift device code only (kernels, what they call, device variables), for build mode, where
    /// clang compiles the host code; <c>main</c> and other host functions are not lifted.</summary>
    public bool DeviceOnly { get; init; }

    /// <summary>Lift the whole program when its host code fits the lifted subset, and otherwise the device code only
    /// (as <see cref="DeviceOnly"/>): the host code then stays C++ for build mode (<see cref="FrontendResult.Host"/> says which).</summary>
    public bool DeviceOnlyWhenHostIsNot { get; init; }
}
