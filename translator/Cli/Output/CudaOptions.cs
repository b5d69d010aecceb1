using Translate.Cli.Options;
using Translate.Frontend;

namespace Translate.Cli.Output;

/// <summary>The options every command reading CUDA takes: <c>-I DIR</c>, <c>-D NAME[=VAL]</c> and <c>--pre-include FILE</c>, repeatable, and <c>-std=c++NN</c>.</summary>
internal static class CudaOptions
{
    public static readonly OptionSpec Include = new("include", "I", "DIR", Repeatable: true);
    public static readonly OptionSpec Define = new("define", "D", "NAME[=VAL]", Repeatable: true);
    public static readonly OptionSpec PreInclude = new("pre-include", null, "FILE", Repeatable: true);

    public static readonly OptionSpec Standard = new("std", "std", "c++NN");

    public static IReadOnlyList<OptionSpec> Specs { get; } = [Include, Define, PreInclude, Standard];

    /// <summary>The C++ standards nvcc accepts for <c>-std</c> (C++03 aside, which our CUDA headers do not parse as).</summary>
    public static readonly string[] Standards = ["c++11", "c++14", "c++17", "c++20"];

    /// <summary>The standard named by <c>-std</c>, checked against <see cref="Standards"/>.</summary>
    public static string CheckedStandard(string value) => Standards.Contains(value) ? value
        : throw new UsageException($"'-std={value}' is not a C++ standard translate reads ({string.Join(", ", Standards)}, as nvcc)");

    /// <summary>The help lines for them.</summary>
    public const string Help = """
          -I, --include DIR       add DIR to the include path (CUDA input; repeatable, -IDIR too)
          -D, --define NAME[=VAL] define a macro (CUDA input; repeatable, -DNAME=VAL too)
              --pre-include FILE  include FILE before each source's first line (repeatable; nvcc's -include)
          -std, --std c++NN       the C++ standard of the sources (c++17 the default, c++20; c++11 and c++14 read as c++17)
        """;

    public static FrontendOptions From(ParsedArguments args)
    {
        var options = new FrontendOptions
            { IncludeDirectories = args.Values(Include.Name), Defines = args.Values(Define.Name), PreIncludes = args.Values(PreInclude.Name) };
        return args.Value(Standard.Name) is { } std ? options with { LanguageStandard = CheckedStandard(std) } : options;
    }

    /// <summary>
    /// As <see cref="From"/>, for commands whose output is the translated code (lift, compile, check): the whole
    /// program when its host code lifts, otherwise its device code alone, the host code staying C++ (build mode).
    /// </summary>
    public static FrontendOptions DeviceFirst(ParsedArguments args) => From(args) with { DeviceOnlyWhenHostIsNot = true };

    public static bool IsCuda(string path) =>
        path.EndsWith(".cu", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cuh", StringComparison.OrdinalIgnoreCase);
}
