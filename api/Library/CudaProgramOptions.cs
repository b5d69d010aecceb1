namespace Translate.Api;

/// <summary>How to read a CUDA source: as nvcc's <c>-I</c>, <c>-D</c> and <c>-std</c> would.</summary>
public sealed record CudaProgramOptions
{
    /// <summary>Include directories, searched after the source's own directory.</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Macros, as <c>NAME</c> or <c>NAME=VALUE</c>.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>The C++ standard of the source (nvcc's <c>-std</c>): <c>c++17</c> unless named.</summary>
    public string LanguageStandard { get; init; } = "c++17";
}
