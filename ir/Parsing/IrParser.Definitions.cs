using System.Collections.Immutable;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Parsing;

public sealed partial class IrParser
{
    private bool _bareReturnIsZero;
    /// <summary>Whether the module defines kernels: decides what a global in address space 3 is (<see cref="ParseGlobal"/>).</summary>
    private bool _hasKernels;

    private Definition ParseDefinition(SExpr e)
    {
        var l = ExpectList(e, Codes.BadDefinition, "a definition such as (define ...)");
        switch (l.Head)
        {
            case "define": return ParseFunction(l, FunctionKind.Function);
            case "define-inline": return ParseFunction(l, FunctionKind.Inline);
            case "define-kernel": return ParseFunction(l, FunctionKind.Kernel);
            case "define-struct": return ParseStruct(l);
            case "define-global": return ParseGlobal(l, _hasKernels);
            case "define-shared": return ParseShared(l);
            case "define-brilisp": return ParseFunction(l, FunctionKind.Function, brilisp: true);
            case "define-inline-brilisp": return ParseFunction(l, FunctionKind.Inline, brilisp: true);
            default:
                throw Error(Codes.BadDefinition, l,
                    $"'{Show(l)}' is not a definition (expected define, define-kernel, define-inline, define-brilisp, define-inline-brilisp, define-struct, define-global or define-shared)");
        }
    }

    private FunctionDef ParseFunction(SList l, FunctionKind kind, bool brilisp = false)
    {
        ArityAtLeast(l, 2, $"({l.Head} ((NAME RET-TYPE) (ARG TYPE)...) STMT...)");
        var sig = ExpectList(l[1], Codes.BadDefinition, "a signature ((NAME RET-TYPE) (ARG TYPE)...)");
        if (sig.Count == 0 || sig[0] is not SList { Count: 2 } nameAndType)
            throw Error(Codes.BadDefinition, sig, "a signature starts with (NAME RET-TYPE)");
        string name = ExpectName(nameAndType[0], "a function name");
        var ret = TypeSyntax.Parse(nameAndType[1]);
        var ps = new List<Parameter>();
        foreach (var p in sig.Items.Skip(1))
        {
            if (p is not SList { Count: 2 } pl)
                throw Error(Codes.BadDefinition, p, "a parameter is written (NAME TYPE)");
            ps.Add(new Parameter(ExpectName(pl[0], "a parameter name"), TypeSyntax.Parse(pl[1]), pl.Location));
        }
        // (ret) in an int main returns 0, as falling off main's end does in C; upstream accepts it.
        _bareReturnIsZero = name == "main" && ret == IrType.Int32;
        Block? body;
        try { body = l.Count > 2 ? brilisp ? ParseBrilispBody(l.Items.Skip(2), l.Location) : ParseBody(l.Items.Skip(2), l.Location) : null; }
        finally { _bareReturnIsZero = false; }
        if (kind == FunctionKind.Kernel && body is null)
            throw Error(Codes.BadKernel, l, "a kernel must have a body");
        var f = new FunctionDef(l.Location, kind, name, ret, ps, body);
        return body is null && kind == FunctionKind.Function && _redeclaredLibrary.ContainsKey(name)
            ? LibrarySignature(f, Semantics.Externals.Find(name)!) : f;
    }

    private static StructDef ParseStruct(SList l)
    {
        ArityAtLeast(l, 2, "(define-struct NAME (FIELD TYPE)...)");
        string name = ExpectName(l[1], "a struct name");
        var fields = new List<StructField>();
        foreach (var f in l.Items.Skip(2))
        {
            if (f is not SList { Count: 2 } fl)
                throw Error(Codes.BadDefinition, f, "a struct field is written (NAME TYPE)");
            fields.Add(new StructField(ExpectName(fl[0], "a field name"), TypeSyntax.Parse(fl[1]), fl.Location));
        }
        return new StructDef(l.Location, name, fields);
    }

    /// <summary>
    /// A global. Upstream writes shared memory as a global in <c>(addrspace 3)</c>, which its LLVM backends take as
    /// shared memory on a GPU and as ordinary memory on x86: here it is <c>define-shared</c> in a module with kernels,
    /// and a host global in one without (a program run on the host, as upstream runs it).
    /// </summary>
    private static Definition ParseGlobal(SList l, bool hasKernels)
    {
        ArityAtLeast(l, 2, "(define-global (NAME TYPE) [(const V)] [(ptr-to G)] [(addrspace N)] [(linkage external)])");
        if (l[1] is not SList { Count: 2 } nt)
            throw Error(Codes.BadDefinition, l[1], "a global starts with (NAME TYPE)");
        string name = ExpectName(nt[0], "a global name");
        var type = TypeSyntax.Parse(nt[1]);
        Constant? init = null;
        string? pointsTo = null;
        int space = AddressSpace.Generic;
        bool external = false;
        foreach (var opt in l.Items.Skip(2))
        {
            var o = ExpectList(opt, Codes.BadDefinition, "a global option: (const V), (ptr-to G), (addrspace N) or (linkage external)");
            switch (o.Head)
            {
                case "const" when o.Count == 2: init = ParseConstant(o[1]); break;
                case "ptr-to" when o.Count == 2: pointsTo = ExpectName(o[1], "a global name"); break;
                case "addrspace": space = TypeSyntax.ParseAddrSpace(o); break;
                case "linkage" when o.Count == 2 && o[1] is SAtom { Text: "external" }: external = true; break;
                default:
                    throw Error(Codes.BadOption, o, $"'{Show(o)}' is not a global option: (const V), (ptr-to G), (addrspace N) or (linkage external)");
            }
        }
        if (space == AddressSpace.Shared)
        {
            if (!hasKernels) return new GlobalDef(l.Location, name, type, init, pointsTo, AddressSpace.Generic, external);
            if (init is not null || pointsTo is not null || external)
                throw Error(Codes.BadGlobal, l, "a global in address space 3 is shared memory, which has no initializer or linkage");
            return new SharedDef(l.Location, name, type);
        }
        return new GlobalDef(l.Location, name, type, init, pointsTo, space, external);
    }

    private static Constant ParseConstant(SExpr e)
    {
        switch (e)
        {
            case SAtom { Text: "#t" }: return new BoolConstant(true, e.Location);
            case SAtom { Text: "#f" }: return new BoolConstant(false, e.Location);
            case SAtom a when Literals.TryInteger(a.Text, out var i): return new IntConstant(i, e.Location);
            case SAtom a when Literals.TryFloat(a.Text, out var d): return new FloatConstant(d, e.Location);
            case SString s: return new StringConstant(s.Value, e.Location);
            case SList l when l.Head is null || !TypeSyntax.IsScalarName(l.Head):
                return new ListConstant(l.Items.Select(ParseConstant).ToList(), e.Location);
            default:
                throw Error(Codes.NotConstant, e, $"'{Show(e)}' is not a constant (a number, #t/#f, a string, or a list of constants)");
        }
    }

    private static SharedDef ParseShared(SList l)
    {
        Arity(l, 3, "(define-shared NAME (arr N T))");
        string name = ExpectName(l[1], "a shared variable name");
        // Upstream's CUDA-Lisp writes the array as [N T] (cuda-lisp.py's compile_shared makes it (arr N T)).
        var type = l[2] is SList { Count: 2 } upstream && upstream[0] is SAtom count && Literals.TryInteger(count.Text, out _)
            ? TypeSyntax.Parse(new SList(ImmutableArray.Create<SExpr>(new SAtom("arr", upstream.Location), upstream[0], upstream[1]), false, upstream.Location))
            : TypeSyntax.Parse(l[2]);
        return new SharedDef(l.Location, name, type);
    }
}
