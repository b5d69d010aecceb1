using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// If-converts, in kernels, an <c>if</c> whose arms only assign scalar variables from expressions that cannot fault
/// (<c>if (y == '0') c0++; else if (y == '1') c1++;</c>): the condition goes into a fresh variable and each
/// assignment <c>v = e</c> of the then arm becomes <c>v = c ? e : v</c> (of the else arm, <c>v = c ? v : e</c>), in
/// order. Devices that run a block's threads as loops need it: LLVM merges such arms into a switch whose one store
/// goes through a chosen pointer, and then vectorizes neither the thread loop nor a lockstep round (HeCBench chi2's
/// counting loop ran scalar, mispredicting a branch per byte). The arms may hold further such ifs (converted first)
/// and declarations; at most <see cref="NodeBudget"/> IR nodes in all, as both arms now always run.
/// </summary>
public static class SelectedAssignments
{
    public const int NodeBudget = 48;

    public static CheckedModule Run(CheckedModule program)
    {
        int counter = FreshNames.Highest(program, "__sel");
        return Rebuild.Functions(program, f => f.Kind == FunctionKind.Kernel && IrTraversal.Statements(f.Body!).OfType<IfStmt>().Any(Convertible),
            body => new Converter(() => $"__sel{++counter}").Rewrite(body));
    }

    private static bool Convertible(IfStmt x) =>
        x.Condition.Type.IsBool && Arm(x.Then) && (x.Else is null || Arm(x.Else))
        && IrTraversal.Statements(x).Count() + IrTraversal.Descendants(x).Count() <= NodeBudget;

    /// <summary>An arm of only assignments of scalar variables with expressions safe to evaluate anyway, declarations and such ifs.</summary>
    private static bool Arm(Stmt s) => s switch
    {
        Block b => b.Statements.All(Arm),
        LocStmt => true,
        DeclareStmt d => d.Type.IsFirstClassScalar,
        SetStmt x => x.Symbol is { Kind: SymbolKind.Local or SymbolKind.Parameter, NeedsMemory: false } v && v.Type.IsFirstClassScalar
                     && IrTraversal.Descendants(x.Value).All(Speculatable),
        IfStmt i => Convertible(i),
        _ => false,
    };

    /// <summary>An expression node evaluating which has no effect and cannot fault or trap, whatever its operands.</summary>
    private static bool Speculatable(Expr e) => e switch
    {
        IntLit or FloatLit or BoolLit or NullLit or SpecialRegisterExpr => true,
        VarRef v => v.Symbol.Kind is SymbolKind.Local or SymbolKind.Parameter,
        BinaryExpr b => b.Op is not (BinaryOp.Div or BinaryOp.Rem or BinaryOp.UDiv or BinaryOp.URem),
        UnaryExpr or SelectExpr or LogicalExpr or CondExpr => true,
        CastExpr c => c.Op is not (CastOp.FPToSI or CastOp.FPToUI or CastOp.IntToPtr),
        _ => false,
    };

    private sealed class Converter(Func<string> fresh) : TreeRewriter
    {
        protected override IReadOnlyList<Stmt>? Replace(Stmt s)
        {
            if (s is not IfStmt x || !Convertible(x)) return null;
            var at = x.Location;
            var taken = fresh();
            var result = new List<Stmt> { new DeclareStmt(at, taken, IrType.Bool), new SetStmt(at, taken, x.Condition) };
            result.Add(Selected(x.Then, taken, whenTaken: true));
            if (x.Else is { } e) result.Add(Selected(e, taken, whenTaken: false));
            return result;
        }

        /// <summary>An arm (nested ifs converted) whose assignments keep the old value unless the branch goes its way.</summary>
        private Block Selected(Stmt arm, string taken, bool whenTaken)
        {
            var converted = Rewrite(arm);
            return Guard(converted is Block b ? b : new Block(arm.Location, [converted]), taken, whenTaken, []);
        }

        /// <summary>
        /// The block with its assignments selected; those of variables the arm declares itself (<paramref name="own"/>,
        /// from their declaration on) stay as they are: nothing outside the arm sees them.
        /// </summary>
        private static Block Guard(Block block, string taken, bool whenTaken, HashSet<string> own)
        {
            own = [.. own];
            var statements = new List<Stmt>();
            foreach (var s in block.Statements)
            {
                var at = s.Location;
                switch (s)
                {
                    case DeclareStmt d: own.Add(d.Name); statements.Add(s); break;
                    case SetStmt x when !own.Contains(x.Name):
                        Expr old = new VarRef(at, x.Name), condition = new VarRef(at, taken);
                        statements.Add(new SetStmt(at, x.Name,
                            whenTaken ? new SelectExpr(at, condition, x.Value, old) : new SelectExpr(at, condition, old, x.Value)));
                        break;
                    case Block b: statements.Add(Guard(b, taken, whenTaken, own)); break;
                    default: statements.Add(s); break; // the arm's own assignments, source markers
                }
            }
            return new Block(block.Location, statements);
        }
    }
}
