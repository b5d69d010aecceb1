using Translate.Frontend.Clang;
using Translate.Frontend.Ptx;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// <c>asm("PTX" : outputs : inputs : clobbers)</c> in device code, lifted to ordinary IR (docs/ir/asm.md): each operand
/// is an IR variable of its constraint's type (r 32-bit, l 64-bit or the pointer itself, h 16-bit, f float, d double,
/// n a constant), inputs are set before the instructions, outputs written back after. Anything not translated is
/// TR0410 at the statement, naming the instruction.
/// </summary>
internal sealed partial class FunctionLifter
{
    private IEnumerable<Stmt> LiftInlineAsm(Cursor s, SourceLocation at)
    {
        try
        {
            var text = SourceText.From(s.Start) ?? throw new PtxException("the asm statement's source text cannot be read");
            var syntax = AsmStatementSyntax.Read(text);
            var expressions = s.Children.Where(c => c.IsExpression).ToList();
            if (expressions.Count != syntax.Operands.Count)
                throw new PtxException($"the statement's {syntax.Operands.Count} operands were not all read ({expressions.Count} expressions)");
            var program = PtxReader.ReadTemplate(syntax.Template, syntax.Operands.Count, [.. syntax.Operands.Select(o => o.Name)]);
            string prefix = "asm." + NewTemp()[4..];
            var before = new List<Stmt>();
            var after = new List<Stmt>();
            var bindings = new List<PtxBinding>();
            for (int i = 0; i < syntax.Operands.Count; i++)
                bindings.Add(BindAsmOperand(syntax.Operands[i], expressions[i], $"{prefix}.op{i}", bindings, before, after, at));
            var body = PtxLowering.Lower(program, bindings, prefix, at);
            return [new Block(at, [.. before, .. body, .. after])];
        }
        catch (PtxException e)
        {
            throw Unsupported(Codes.InlineAssembly, at, $"inline PTX: {e.Message}");
        }
    }

    /// <summary>Declares the IR variable of one operand; an input is set from its expression (in
    /// <paramref name="before"/>), an output written back to its place (in <paramref name="after"/>).</summary>
    private PtxBinding BindAsmOperand(AsmOperandSyntax operand, Cursor e, string variable, List<PtxBinding> earlier,
        List<Stmt> before, List<Stmt> after, SourceLocation at)
    {
        string c = operand.Constraint.Replace("&", "").Replace("%", "");
        bool inOut = c.StartsWith('+');
        c = c.TrimStart('=', '+');
        if (!operand.IsOutput && c.Length > 0 && c.All(char.IsAsciiDigit))
        {
            // A tied input ("0"): it starts the output's variable.
            int tied = int.Parse(c);
            if (tied >= earlier.Count || earlier[tied].Immediate is not null) throw new PtxException($"the constraint \"{c}\" names no output");
            before.Add(new SetStmt(at, earlier[tied].Variable, AsmInput(e, earlier[tied].Type, c, at)));
            return earlier[tied];
        }
        if (c == "n")
        {
            if (operand.IsOutput || e.Evaluate() is not { Integer: { } n }) throw new PtxException("an \"n\" operand must be an integer constant input");
            return new PtxBinding("", IrType.Int32, (long)n);
        }
        var operandType = _types.Map(e.Type, at);
        IrType type = c switch
        {
            "r" => IrType.Int32,
            "l" when operandType is PointerType => operandType, // an address keeps being a pointer (no round trip through an integer)
            "l" => IrType.Int64,
            "h" => IrType.Int16,
            "f" => IrType.Float,
            "d" => IrType.Double,
            _ => throw new PtxException($"the constraint \"{operand.Constraint}\" is not translated (r, l, h, f, d, n are)"),
        };
        before.Add(new DeclareStmt(at, variable, type));
        if (!operand.IsOutput) before.Add(new SetStmt(at, variable, AsmInput(e, type, c, at)));
        else
        {
            // A "+" operand is read before and written after: its expression is lifted twice, so it must not have effects.
            if (inOut && HasEffects(e)) throw new PtxException("a \"+\" operand's expression has side effects (it would be evaluated twice)");
            var place = LiftPlace(e);
            if (place is ValueOperand) throw new PtxException("an output operand is not an lvalue");
            // "=": PTX gives no value until an instruction writes it; 0 keeps every backend alike.
            before.Add(new SetStmt(at, variable, inOut ? AsmInput(e, type, c, at) : ZeroLiteral.Of(type, at)!));
            after.Add(Assign(place, AsmConvert(new VarRef(at, variable), type, place.Type, place.CType.IsUnsignedInteger, c, at), at));
        }
        return new PtxBinding(variable, type);
    }

    /// <summary>Whether evaluating <paramref name="e"/> may change state: a call, an assignment or an increment anywhere in it.</summary>
    private static bool HasEffects(Cursor e) =>
        e.Kind is CursorKind.CallExpr or CursorKind.CompoundAssignOperator
        || e.Kind == CursorKind.BinaryOperator && e.BinaryOperator == BinaryOperatorKind.Assign
        || e.Kind == CursorKind.UnaryOperator && e.UnaryOperator is UnaryOperatorKind.PostInc or UnaryOperatorKind.PostDec
            or UnaryOperatorKind.PreInc or UnaryOperatorKind.PreDec
        || e.Children.Any(HasEffects);

    private Expr AsmInput(Cursor e, IrType type, string constraint, SourceLocation at)
    {
        var operand = Lift(e);
        return AsmConvert(Read(operand, at), operand.Type, type, operand.CType.IsUnsignedInteger, constraint, at);
    }

    /// <summary>A C++ value into an operand register or back: integers change width as C++ converts them, a bool is 0 or 1;
    /// anything else must already have the register's type.</summary>
    private Expr AsmConvert(Expr v, IrType from, IrType to, bool unsigned, string constraint, SourceLocation at)
    {
        if (from == to) return v;
        if (to.IsBool && from.IsInteger) return new BinaryExpr(at, BinaryOp.Ne, v, new IntLit(at, 0, from));
        if (from.IsBool && to.IsInteger) return new CastExpr(at, CastOp.ZExt, v, to);
        if (from.IsInteger && to.IsInteger)
            return new CastExpr(at, to.Bits < from.Bits ? CastOp.Trunc : unsigned ? CastOp.ZExt : CastOp.SExt, v, to);
        if (from is PointerType && to is PointerType) return new CastExpr(at, CastOp.Bitcast, v, to);
        throw new PtxException($"a value of type {TypeSyntax.Print(from)} does not fit the constraint \"{constraint}\" ({TypeSyntax.Print(to)})");
    }
}
