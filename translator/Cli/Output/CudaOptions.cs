using Translate.Cli.Options;
using Translate.Frontend;

namespace Translate.Cli.Output;

/// <summary>The preprocessor options every command reading CUDA takes: <c>-I DIR</c> and <c>-D NAME[=VAL]</c>, repeatable.</summary>
internal static class CudaOptions
{
    public static readonly OptionSpec Include = new("include", "I", "DIR", Repeatable: true);
    public static readonly OptionSpec Define = new("define", "D", "NAME[=VAL]", Repeatable: true);

    public static IReadOnlyList<OptionSpec> Specs { get; } = [Include, Define];

    /// <summary>The help lines for them.</summary>
    public const string Help = """
          -I, --include DIR       add DIR to the include path (CUDA input; repeatable, -IDIR too)
          -D, --define NAME[=VAL] define a macro (CUDA input; repeatable, -DNAME=VAL too)
        """;

    public static FrontendOptions From(ParsedArguments args) =>
        new() { IncludeDirectories = args.Values(Include.Name), Defines = args.Values(Define.Name) };

    /// <summary>
    /// As <see cref="From"/>, for commands whose output is the translated code (lift, compile, check): the whole
    /// program when its host code lifts, otherwise its device code alone, the host code staying C++ (build mode).
    /// </summary>
    public static FrontendOptions DeviceFirst(ParsedArguments args) => From(args) with { DeviceOnlyWhenHostIsNot = true };

    public static bool IsCuda(string path) =>
        path.EndsWith(".cu", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cuh", StringComparison.OrdinalIgnoreCase);
}
