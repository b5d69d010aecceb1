using Translate.Ir.Diagnostics;
using Translate.Ir.Syntax;

namespace Translate.Api;

/// <summary>The names one kernel answers to: its IR name, its C++ signature as clang shows it, and its mangled (linker) name.</summary>
internal sealed record KernelNames(string IrName, string Signature, string? LinkName)
{
    /// <summary>The signature without its parameter list: <c>saxpy</c>, <c>reduceSum&lt;128, int&gt;</c>.</summary>
    public string CppName => Signature.IndexOf('(') is var paren and > 0 ? Signature[..paren].Trim() : Signature;

    /// <summary>
    /// The one kernel <paramref name="name"/> names — by IR or mangled name, signature, C++ name, or a template's name when it
    /// has one instantiation — and TR0905 naming the candidates otherwise.
    /// </summary>
    public static KernelNames Resolve(IReadOnlyList<KernelNames> kernels, string name, string source)
    {
        string wanted = Squeeze(name);
        KernelNames[] Matching(Func<KernelNames, bool> test) => kernels.Where(test).ToArray();
        foreach (var matches in new[]
        {
            Matching(k => k.IrName == name || k.LinkName == name),
            Matching(k => Squeeze(k.Signature) == wanted),
            Matching(k => Squeeze(k.CppName) == wanted),
            Matching(k => k.CppName.IndexOf('<') is var angle and > 0 && Squeeze(k.CppName[..angle]) == wanted), // a template's only instantiation
        })
        {
            if (matches.Length == 1) return matches[0];
            if (matches.Length > 1)
                throw new TranslateException(Codes.UnknownKernel,
                    $"'{name}' names {matches.Length} kernels of {Path.GetFileName(source)}; name one by its signature: {string.Join("; ", matches.Select(k => k.Signature))}");
        }
        string known = kernels.Count == 0
            ? "its device code has no kernels (template kernels need an instantiation: a launch in the source or 'template __global__ void k<T>(…);')"
            : "its kernels are " + string.Join(", ", kernels.Select(k => k.CppName).Distinct());
        throw new TranslateException([new Diagnostic(Codes.UnknownKernel, new SourceLocation(source, 0, 0), $"no kernel '{name}' in {Path.GetFileName(source)}: {known}")]);
    }

    /// <summary>The name without blanks, so <c>k&lt;1,int&gt;</c> and <c>k&lt;1, int&gt;</c> compare equal.</summary>
    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
