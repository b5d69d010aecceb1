using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Parsing;

public sealed partial class IrParser
{
    private Block ParseBody(IEnumerable<SExpr> items, SourceLocation at) =>
        new(at, items.Select(ParseStatement).ToList());

    /// <summary>
    /// The body of a <c>define-brilisp</c> function: Bril's flat instructions, whose <c>(set (NAME TYPE) VALUE)</c> declares
    /// NAME and assigns it (a <c>void</c> one only evaluates VALUE) and whose <c>(asm "TEMPLATE" "CONSTRAINTS" ARG...)</c>
    /// takes its result type from that set; the other instructions (<c>store</c>, <c>call</c>, <c>ret</c> …) are C-Lisp's.
    /// Bril's labels and jumps are not read (TR0105).
    /// </summary>
    private Block ParseBrilispBody(IEnumerable<SExpr> items, SourceLocation at)
    {
        var statements = new List<Stmt>();
        foreach (var item in items)
        {
            if (item is SList { Head: "jmp" or "br" or "label" } jump)
                throw Error(Codes.UnknownForm, jump, $"Bril's '{jump.Head}' is not read (labels and jumps); write the control flow with C-Lisp's if, while and for");
            if (item is not SList { Head: "set", Count: 3 } set || set[1] is not SList { Count: 2 } target)
            {
                statements.Add(ParseStatement(item));
                continue;
            }
            string name = ExpectName(target[0], "a variable name");
            var type = TypeSyntax.Parse(target[1]);
            var value = set[2] is SList { Head: "asm", Count: >= 3 } asm && asm[1] is SString tpl && asm[2] is SString cons
                && (asm.Count == 3 || asm[3] is SAtom { Text: var first } && !TypeSyntax.IsScalarName(first) && first != "void")
                ? new AsmExpr(asm.Location, tpl.Value, cons.Value, type, ParseAll(asm.Items.Skip(3)))
                : ParseExpr(set[2]);
            if (type.IsVoid)
            {
                statements.Add(new ExprStmt(set.Location, value));
                continue;
            }
            statements.Add(new DeclareStmt(set.Location, name, type));
            statements.Add(new SetStmt(set.Location, name, value));
        }
        return new Block(at, statements);
    }

    /// <summary>A statement; a list whose first item is a list is a block <c>((s1) (s2)...)</c>.</summary>
    private Stmt ParseStatement(SExpr e)
    {
        if (e is not SList l)
            return new ExprStmt(e.Location, ParseExpr(e));
        if (l.Count == 0)
            return new Block(l.Location, []);
        if (l[0] is SList && !l.Bracketed)
            return ParseBody(l.Items, l.Location);
        switch (l.Head)
        {
            case "declare":
                Arity(l, 3, "(declare NAME TYPE)");
                return new DeclareStmt(l.Location, ExpectName(l[1], "a variable name"), TypeSyntax.Parse(l[2]));
            case "declare-global":
            {
                // Upstream CUDA-Lisp's macro: a local pointer into global memory.
                Arity(l, 3, "(declare-global NAME (ptr T))");
                if (TypeSyntax.Parse(l[2]) is not PointerType { AddressSpace: AddressSpace.Generic } pointer)
                    throw Error(Codes.BadStatement, l[2], "declare-global declares a pointer, written (ptr T)");
                return new DeclareStmt(l.Location, ExpectName(l[1], "a variable name"), new PointerType(pointer.Pointee, AddressSpace.Global));
            }
            case "set":
                Arity(l, 3, "(set NAME EXPR)");
                return new SetStmt(l.Location, ExpectName(l[1], "a variable name"), ParseExpr(l[2]));
            case "if":
                if (l.Count is not (3 or 4)) throw Error(Codes.WrongArity, l, "'if' is written (if COND STMT [STMT])");
                return new IfStmt(l.Location, ParseExpr(l[1]), ParseStatement(l[2]), l.Count == 4 ? ParseStatement(l[3]) : null);
            case "for":
            {
                ArityAtLeast(l, 2, "(for (INIT COND STEP) STMT...)");
                if (l[1] is not SList { Count: 3 } header)
                    throw Error(Codes.BadStatement, l[1], "a for loop's header is (INIT COND STEP); write () for a part left out");
                Stmt? init = IsEmpty(header[0]) ? null : ParseStatement(header[0]);
                Expr? cond = IsEmpty(header[1]) ? null : ParseExpr(header[1]);
                Stmt? step = IsEmpty(header[2]) ? null : ParseStatement(header[2]);
                return new ForStmt(l.Location, init, cond, step, ParseBody(l.Items.Skip(2), l.Location));
            }
            case "while":
                ArityAtLeast(l, 2, "(while COND STMT...)");
                return new WhileStmt(l.Location, ParseExpr(l[1]), ParseBody(l.Items.Skip(2), l.Location));
            case "do-while":
                ArityAtLeast(l, 2, "(do-while COND STMT...)");
                return new DoWhileStmt(l.Location, ParseExpr(l[1]), ParseBody(l.Items.Skip(2), l.Location));
            case "break":
                Arity(l, 1, "(break)");
                return new BreakStmt(l.Location);
            case "continue":
                Arity(l, 1, "(continue)");
                return new ContinueStmt(l.Location);
            case "switch":
                return ParseSwitch(l);
            case "ret":
                if (l.Count > 2) throw Error(Codes.WrongArity, l, "'ret' is written (ret) or (ret EXPR)");
                return new ReturnStmt(l.Location, l.Count == 2 ? ParseExpr(l[1]) : _bareReturnIsZero ? new IntLit(l.Location, 0, null) : null);
            case "define-shared":
                return new SharedStmt(l.Location, ParseShared(l));
            case "loc":
                if (l.Count != 4 || l[1] is not SString file || !Literals.TryInteger(Atom(l[2]), out var line) || !Literals.TryInteger(Atom(l[3]), out var col)
                    || line < 0 || line > int.MaxValue || col < 0 || col > int.MaxValue)
                    throw Error(Codes.BadStatement, l, "'loc' is written (loc \"FILE\" LINE COLUMN)");
                return new LocStmt(l.Location, new SourceLocation(file.Value, (int)line, (int)col));
            default:
                return new ExprStmt(l.Location, ParseExpr(l));
        }
    }

    private static string Atom(SExpr e) => e is SAtom a ? a.Text : "";

    private static bool IsEmpty(SExpr e) => e is SList { Count: 0 };

    private SwitchStmt ParseSwitch(SList l)
    {
        ArityAtLeast(l, 2, "(switch EXPR (case (V...) STMT...)... [(default STMT...)])");
        var value = ParseExpr(l[1]);
        var cases = new List<SwitchCase>();
        var seen = new HashSet<Int128>();
        bool sawDefault = false;
        foreach (var item in l.Items.Skip(2))
        {
            var c = ExpectList(item, Codes.BadStatement, "(case (V...) STMT...) or (default STMT...)");
            if (c.Head == "default")
            {
                if (sawDefault) throw Error(Codes.DuplicateCase, c, "a switch has at most one default arm");
                sawDefault = true;
                cases.Add(new SwitchCase(c.Location, [], true, ParseBody(c.Items.Skip(1), c.Location)));
                continue;
            }
            if (c.Head != "case" || c.Count < 2 || c[1] is not SList vals || vals.Count == 0)
                throw Error(Codes.BadStatement, c, "a switch arm is (case (V...) STMT...) or (default STMT...)");
            var values = new List<Int128>();
            foreach (var v in vals.Items)
            {
                if (v is not SAtom va || !Literals.TryInteger(va.Text, out var n))
                    throw Error(Codes.NotConstant, v, "case values are integer constants");
                if (!seen.Add(n)) throw Error(Codes.DuplicateCase, v, $"case value {n} appears twice in this switch");
                values.Add(n);
            }
            cases.Add(new SwitchCase(c.Location, values, false, ParseBody(c.Items.Skip(2), c.Location)));
        }
        return new SwitchStmt(l.Location, value, cases);
    }
}
