using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Translate.Tests.Properties;

/// <summary>
/// Text that is almost a program: tokens of the language (forms, types, numbers, strings, brackets,
/// comments) in random order and nesting, and real programs with a few random edits.
/// </summary>
internal static class NearSExpressionText
{
    private static readonly string[] Words =
    [
        "c-lisp", "define", "define-kernel", "define-inline", "define-struct", "define-global", "define-shared",
        "declare", "set", "if", "for", "while", "do-while", "switch", "case", "default", "break", "continue", "ret",
        "add", "fadd", "lt", "ult", "sext", "trunc", "load", "store", "ptradd", "aptradd", "sptradd", "alloc", "ptr-to",
        "call", "asm", "select", "cond", "land", "lor", "begin", "make", "extractvalue", "insertvalue", "string", "null",
        "int", "int8", "int64", "float", "double", "half", "bfloat16", "bool", "void", "ptr", "arr", "vec", "struct",
        "addrspace", "const", "linkage", "external", "tid.x", "bid.y", "__syncthreads", "atomic-rmw", "atomic-cas",
        "fence", "shfl", "vote", "syncwarp", "activemask", "math", "sqrt", "launch", "grid", "block", "shared", "stream",
        "loc", "device", "relaxed", "down", "ballot", "x", "y", "i", "main", "f", "0", "1", "-1", "0x10", "2.5", "1e9",
        "+inf.0", "+nan.0", "99999999999999999999999", "#t", "#f", "#x", "-", ".", "1.2.3",
    ];

    private static readonly string[] Punctuation =
        ["(", "(", "(", ")", ")", ")", "[", "]", " ", " ", "\n", "\r\n", "\t", "; comment\n", "\"s\"", "\"a\\n\\x41\"", "\"\\q\"", "\"", "\\", "\u00e9", "\0"];

    public static Gen<string> Tokens() =>
        Gen.Frequency((3, Gen.Elements(Words).Select(w => " " + w)), (2, Gen.Elements(Punctuation)))
            .ArrayOf().Select(string.Concat);

    /// <summary>Balanced, nested lists of tokens: shaped like programs, so the parser gets past reading.</summary>
    public static Gen<string> Trees() =>
        from body in Gen.Sized(size => Gen.ListOf(Tree(Math.Min(size, 30) / 6), 3))
        from wrap in Gen.Elements("(c-lisp {0})", "(c-lisp (define ((f int) (x int) (p (ptr float))) {0}))",
            "(c-lisp (define-kernel ((k void) (p (ptr int))) (declare i int) {0}))")
        select string.Format(CultureInfo.InvariantCulture, wrap, string.Join(" ", body));

    private static Gen<string> Tree(int depth)
    {
        var atom = Gen.Elements(Words);
        if (depth == 0) return atom;
        var list = Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Tree(depth - 1), n))
            .SelectMany(items => Gen.Elements("()", "[]").Select(b => b[0] + string.Join(" ", items) + b[1]));
        return Gen.Frequency((1, atom), (3, list));
    }

    /// <summary>A real program with a few characters deleted, duplicated or replaced.</summary>
    public static Gen<string> Mutations(IReadOnlyList<string> programs) =>
        from program in Gen.Elements(programs.ToArray())
        from edits in Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Edit(), n))
        select edits.Aggregate(program, (text, edit) => edit(text));

    private static Gen<Func<string, string>> Edit() =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, 1_000_000)
        from len in Gen.Choose(1, 12)
        from word in Gen.Elements(Words.Concat(Punctuation).ToArray())
        select (Func<string, string>)(text =>
        {
            if (text.Length == 0) return word;
            int i = at % text.Length;
            int n = Math.Min(len, text.Length - i);
            return kind switch
            {
                0 => text.Remove(i, n),
                1 => text.Insert(i, text.Substring(i, n)),
                2 => text.Remove(i, n).Insert(i, word),
                _ => text.Insert(i, " " + word + " "),
            };
        });
}
