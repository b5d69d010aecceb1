using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Parsing;

/// <summary>
/// Gives S-expressions their meaning as IR: <c>(c-lisp DEF...)</c> becomes an <see cref="IrModule"/>.
/// Shape errors are reported with TR01xx codes at the node; names and types are checked later by
/// the type checker (Verification/TypeChecker).
/// </summary>
public sealed partial class IrParser
{
    private readonly string _file;

    private IrParser(string file) => _file = file;

    /// <summary>Reads and parses a whole file's bytes (strict UTF-8).</summary>
    public static IrModule ParseFile(byte[] bytes, string file) => Parse(SExprReader.ReadAll(bytes, file), file);

    /// <summary>Reads and parses program text.</summary>
    public static IrModule ParseText(string text, string file = "<text>") => Parse(SExprReader.ReadAll(text, file), file);

    /// <summary>Parses the forms of a file: exactly one <c>(c-lisp ...)</c>.</summary>
    public static IrModule Parse(IReadOnlyList<SExpr> forms, string file)
    {
        if (forms.Count == 0)
            throw new DiagnosticException(new Diagnostic(Codes.EmptyInput, new SourceLocation(file, 1, 1), "the file holds no (c-lisp ...) program"));
        if (forms.Count > 1)
            throw Error(Codes.NotAProgram, forms[1], "a file holds one (c-lisp ...) program; this form follows it");
        // Upstream's CUDA-Lisp stage reads (cuda-lisp ...) and hands (c-lisp ...) on; both mean the same here.
        if (forms[0] is not SList { Head: "c-lisp" or "cuda-lisp" } program)
            throw Error(Codes.NotAProgram, forms[0], "a program is written (c-lisp DEFINITION...) or (cuda-lisp DEFINITION...)");
        var parser = new IrParser(file);
        var bag = new DiagnosticBag();
        var defs = new List<Definition>();
        parser.CollectLibraryRedeclarations(program.Items.Skip(1));
        parser._hasKernels = program.Items.Skip(1).Any(d => d is SList { Head: "define-kernel" });
        foreach (var item in program.Items.Skip(1))
        {
            try
            {
                defs.Add(parser.ParseDefinition(item));
            }
            catch (DiagnosticException e)
            {
                bag.AddRange(e.Diagnostics); // keep going: report every bad definition at once
            }
        }
        if (bag.HasErrors) throw new DiagnosticException(bag.Items);
        return new IrModule(file, defs) { Head = program.Head! };
    }

    internal static DiagnosticException Error(DiagnosticCode code, SExpr at, string message) =>
        new(new Diagnostic(code, at.Location, message));

    private static string Show(SExpr e)
    {
        var s = SExprWriter.Flat(e);
        return s.Length <= 60 ? s : s[..57] + "...";
    }

    private static SList ExpectList(SExpr e, DiagnosticCode code, string what) =>
        e as SList ?? throw Error(code, e, $"expected {what}, found '{Show(e)}'");

    private static string ExpectName(SExpr e, string what) =>
        e is SAtom a && IsName(a.Text) ? a.Text : throw Error(Codes.BadExpression, e, $"expected {what}, found '{Show(e)}'");

    /// <summary>A name is an atom that is not a number or boolean.</summary>
    internal static bool IsName(string text) =>
        text.Length > 0 && !Literals.LooksNumeric(text) && text[0] != '#' && text[0] != '"';

    private static void Arity(SList l, int count, string shape)
    {
        if (l.Count != count) throw Error(Codes.WrongArity, l, $"'{l.Head}' is written {shape}");
    }

    private static void ArityAtLeast(SList l, int count, string shape)
    {
        if (l.Count < count) throw Error(Codes.WrongArity, l, $"'{l.Head}' is written {shape}");
    }
}
