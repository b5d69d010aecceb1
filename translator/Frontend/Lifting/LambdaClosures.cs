using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Frontend.Lifting;

/// <summary>How a lambda holds one capture: a copy, a reference (the field holds the address), the
/// enclosing object's pointer (<c>this</c>), or a copy of the enclosing object (<c>*this</c>).</summary>
internal enum CaptureKind { Copy, Reference, This, ThisCopy }

/// <summary>One field of a closure: its IR name, C++ field type, and what it captures — a variable (an
/// init-capture's own variable for <c>[b = a * 2]</c>) or, for <c>this</c>/<c>*this</c>, nothing.</summary>
internal sealed record Capture(string Name, ClangType FieldType, CaptureKind Kind, Cursor? Variable, bool IsInitCapture)
{
    /// <summary>The captured variable of a <see cref="CaptureKind.Copy"/> or <see cref="CaptureKind.Reference"/> capture.</summary>
    public Cursor CapturedVariable => Variable ?? throw new InvalidOperationException($"capture '{Name}' is not of a variable");
}

/// <summary>A lambda's closure class: the lambda expression that creates it and its captures in field order.</summary>
internal sealed record Closure(Cursor Lambda, IReadOnlyList<Capture> Captures)
{
    public Capture? Of(Cursor variable) => Captures.FirstOrDefault(c => c.Kind is CaptureKind.Copy or CaptureKind.Reference && c.Variable == variable.Canonical);
    public Capture? EnclosingObject => Captures.FirstOrDefault(c => c.Kind is CaptureKind.This or CaptureKind.ThisCopy);
}

/// <summary>
/// The closure classes of lambdas, as clang builds them: a class whose fields are the captures in capture
/// order (explicit captures as written, then implicit ones in order of first use) and whose
/// <c>operator()</c> is the body. libclang shows neither the fields' names nor what they capture, so each
/// field is matched by its location, which clang sets to the capture's: the name in the capture list, an
/// init-capture's variable, or the first use that captured it implicitly. The struct lifted for a closure
/// has clang's field order and types, hence its layout: a closure made by host code compiled by clang is a
/// valid kernel argument (nvcc's extended <c>__device__</c> lambdas).
/// </summary>
internal sealed class LambdaClosures(SourceMap source)
{
    private readonly Dictionary<Cursor, Closure> _known = [];

    /// <summary>Whether the type is a lambda's closure class (clang names them "(lambda at FILE:LINE:COL)").</summary>
    public static bool IsClosure(ClangType type)
    {
        var t = type.Canonical;
        return t.Kind == TypeKind.Record && t.Declaration.Kind == CursorKind.ClassDecl
            && t.Declaration.Spelling.StartsWith("(lambda at ", StringComparison.Ordinal);
    }

    /// <summary>The closure of a lambda type; TR0404 when its lambda expression or a capture cannot be identified.</summary>
    public Closure Of(ClangType type, SourceLocation at)
    {
        var decl = type.Canonical.Declaration;
        if (_known.TryGetValue(decl.Canonical, out var known)) return known;
        var lambda = FindLambda(decl.SemanticParent, decl)
            ?? throw new LiftException(Codes.UnsupportedExpression, at, $"the lambda expression of '{type.Spelling}' was not found");
        var captures = new List<Capture>();
        foreach (var field in type.Canonical.Fields)
            captures.Add(CaptureOf(lambda, field, decl, at));
        var closure = new Closure(lambda, captures);
        _known[decl.Canonical] = closure;
        return closure;
    }

    private Capture CaptureOf(Cursor lambda, Cursor field, Cursor closureClass, SourceLocation at)
    {
        var where = field.Position;
        var fieldType = field.Type;
        var kind = fieldType.Canonical.IsReference ? CaptureKind.Reference : CaptureKind.Copy;
        if (FindAt(lambda, where) is { } named)
        {
            var variable = named.Referenced;
            // An init-capture's variable is declared where the capture is; a captured variable elsewhere.
            bool init = variable.Position == where && variable.Kind == CursorKind.VarDecl && ModuleLifter.InitializerOf(variable) is not null;
            return new Capture(variable.Spelling, fieldType, kind, variable.Canonical, init);
        }
        if (EnclosingClass(closureClass) is { } enclosing)
        {
            if (fieldType.Canonical.Kind == TypeKind.Pointer && fieldType.Canonical.Pointee.Canonical.Declaration.Canonical == enclosing)
                return new Capture("this", fieldType, CaptureKind.This, null, false);
            if (fieldType.Canonical.Kind == TypeKind.Record && fieldType.Canonical.Declaration.Canonical == enclosing)
                return new Capture("this", fieldType, CaptureKind.ThisCopy, null, false);
        }
        throw new LiftException(Codes.UnsupportedExpression, source.Locate(field),
            $"a capture of type '{fieldType.Spelling}' of this lambda could not be identified (structured bindings and variable-length arrays are not translated)");
    }

    /// <summary>The class whose member function (or whose lambda in one, at any depth) defines the closure.</summary>
    private static Cursor? EnclosingClass(Cursor closureClass)
    {
        for (var c = closureClass.SemanticParent; !c.IsNull && c.Kind is not (CursorKind.TranslationUnit or CursorKind.FunctionDecl); c = c.SemanticParent)
            if (c.Kind is CursorKind.StructDecl or CursorKind.ClassDecl && !IsClosure(c.Type)) return c.Canonical;
        return null;
    }

    /// <summary>The variable reference (capture-list name or use in the body) at <paramref name="where"/> inside the lambda.</summary>
    private static Cursor? FindAt(Cursor root, SourcePosition where)
    {
        foreach (var c in root.Children)
        {
            if (c.Kind is CursorKind.VariableRef or CursorKind.DeclRefExpr && c.Position == where
                && c.Referenced.Kind is CursorKind.VarDecl or CursorKind.ParmDecl)
                return c;
            if (FindAt(c, where) is { } inner) return inner;
        }
        return null;
    }

    /// <summary>The lambda expression whose type is <paramref name="closureClass"/>, searched in the subtrees whose
    /// source range contains the class's position (the lambda's).</summary>
    private static Cursor? FindLambda(Cursor parent, Cursor closureClass)
    {
        var where = closureClass.Position;
        var work = new Stack<Cursor>();
        work.Push(parent);
        while (work.Count > 0)
        {
            var c = work.Pop();
            foreach (var child in c.Children)
            {
                if (child.Kind == CursorKind.LambdaExpr && child.Type.Canonical.Declaration == closureClass) return child;
                if (Contains(child, where)) work.Push(child);
            }
        }
        return null;
    }

    private static bool Contains(Cursor c, SourcePosition p)
    {
        var (start, end) = (c.Start, c.End);
        if (start.File != p.File) return false;
        return (start.Line, start.Column).CompareTo((p.Line, p.Column)) <= 0 && (p.Line, p.Column).CompareTo((end.Line, end.Column)) <= 0;
    }
}
