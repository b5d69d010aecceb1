using System.Text;
using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>Readable IR names for C++ entities: <c>reduce&lt;256&gt;</c> → <c>reduce_256</c>,
/// <c>Vec::dot</c> → <c>Vec_dot</c>, <c>operator+</c> → <c>operator_add</c>.</summary>
internal static class Names
{
    private static readonly (string Symbol, string Word)[] Operators =
    [
        ("+=", "add_assign"), ("-=", "sub_assign"), ("*=", "mul_assign"), ("/=", "div_assign"), ("==", "eq"), ("!=", "ne"),
        ("<=", "le"), (">=", "ge"), ("[]", "index"), ("()", "call"), ("+", "add"), ("-", "sub"), ("*", "mul"), ("/", "div"),
        ("%", "rem"), ("<", "lt"), (">", "gt"), ("=", "assign"), ("!", "not"), ("~", "compl"), ("&", "and"), ("|", "or"), ("^", "xor"),
    ];

    public static string Sanitize(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        while (sb.Length > 0 && sb[^1] == '_') sb.Length--;
        return sb.Length == 0 ? "anonymous" : sb.ToString();
    }

    /// <summary>The base IR name of a function, method or template instantiation.</summary>
    public static string ForFunction(Cursor decl)
    {
        string name = decl.Spelling;
        if (name.StartsWith("operator", StringComparison.Ordinal))
        {
            string symbol = name["operator".Length..].Trim();
            name = "operator_" + (Operators.FirstOrDefault(o => o.Symbol == symbol).Word ?? Sanitize(symbol));
        }
        if (decl.Kind is CursorKind.Destructor) name = "destructor";
        if (decl.Kind is CursorKind.CXXMethod or CursorKind.Constructor or CursorKind.ConversionFunction or CursorKind.Destructor)
            name = (LambdaClosures.IsClosure(decl.SemanticParent.Type) ? ForClosure(decl.SemanticParent) : Sanitize(decl.SemanticParent.Spelling)) + "_" + name;
        int n = decl.TemplateArgumentCount;
        for (int i = 0; i < n; i++)
        {
            string arg = decl.TemplateArgumentKind(i) switch
            {
                1 => TypeWord(decl.TemplateArgumentType(i)),
                4 => decl.TemplateArgumentValue(i) is var v && v < 0 ? "m" + (-v) : decl.TemplateArgumentValue(i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "arg" + i,
            };
            name += "_" + arg;
        }
        return Sanitize(name);
    }

    /// <summary>
    /// A function's C++ signature as users write it: clang's display name, except that a template instantiation
    /// shows its arguments and its parameters' instantiated types (<c>reduceSum&lt;128, int&gt;(const int *, int *,
    /// unsigned int)</c>), where clang shows <c>reduceSum&lt;&gt;(const T *, T *, unsigned int)</c>.
    /// </summary>
    public static string Signature(Cursor decl)
    {
        int n = decl.TemplateArgumentCount;
        if (n <= 0) return decl.DisplayName;
        var arguments = Enumerable.Range(0, n).Select(i => decl.TemplateArgumentKind(i) switch
        {
            1 => decl.TemplateArgumentType(i).Spelling,
            4 => decl.TemplateArgumentValue(i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "…",
        });
        var parameters = Enumerable.Range(0, Math.Max(decl.ArgumentCount, 0)).Select(i => decl.Argument(i).Type.Spelling);
        return $"{decl.Spelling}<{string.Join(", ", arguments)}>({string.Join(", ", parameters)})";
    }

    /// <summary>
    /// A kernel's device-side linker name from the host-side mangling libclang gives, which names the
    /// host stub: <c>_Z24__device_stub__vectorAddPKfS0_Pfi</c> → <c>_Z9vectorAddPKfS0_Pfi</c>.
    /// </summary>
    public static string KernelLinkName(string hostMangling) =>
        System.Text.RegularExpressions.Regex.Replace(hostMangling, @"(\d+)__device_stub__",
            m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - "__device_stub__".Length)
                .ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A lambda's closure class by where the lambda is (clang spells it "(lambda at PATH:LINE:COL)").</summary>
    public static string ForClosure(Cursor closureClass) => $"lambda_{closureClass.Position.Line}_{closureClass.Position.Column}";

    private static string TypeWord(ClangType t) => LambdaClosures.IsClosure(t) ? ForClosure(t.Canonical.Declaration) : Sanitize(t.Canonical.Spelling
        .Replace("unsigned ", "u").Replace("struct ", "").Replace("class ", "").Replace("*", "ptr").Replace("long long", "longlong"));
}
