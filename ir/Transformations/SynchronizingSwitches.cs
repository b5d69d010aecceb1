using System.Runtime.CompilerServices;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Rewrites each <c>switch</c> that holds a barrier or warp operation as ifs, in kernels and device functions alike:
/// for devices that split kernels at those points through structured control flow (cpu), which has no switch form,
/// and for OpenCL C and SPIR-V (<see cref="WorkGroupPreparation"/>), whose rewrites work on ifs and where PoCL 3.1
/// miscompiles a switch with a barrier in one case (a default arm's store was lost, in a kernel and in a device function).
/// C's meaning is kept: the value is evaluated once into <c>__swN_v</c>; <c>__swN_e</c> is the index of
/// the arm it enters (the matching case, else the default, else none); arm k runs when the entry is at or
/// before it and no <c>break</c> of the switch ran (fall-through), and a break sets <c>__swN_b</c> and skips
/// the rest of its arm. A <c>continue</c> inside still belongs to the loop around the switch.
/// </summary>
public static class SynchronizingSwitches
{
    public static CheckedModule Run(CheckedModule program)
    {
        var counter = new StrongBox<int>(FreshNames.Highest(program, "__sw"));
        return Rebuild.Bodies(program, body => IrTraversal.Statements(body).OfType<SwitchStmt>().Any(Synchronizes), body => (Block)Rewrite(body, counter));
    }

    private static bool Synchronizes(Stmt s) => IrTraversal.Descendants(s).Any(Inliner.Synchronizes);

    /// <summary><paramref name="s"/> with its switches holding a barrier lowered; <paramref name="counter"/> numbers them.</summary>
    private static Stmt Rewrite(Stmt s, StrongBox<int> counter) =>
        s is SwitchStmt sw && Synchronizes(sw) ? Lower(sw, counter) : StatementMap.Children(s, x => Rewrite(x, counter));

    private static Block Lower(SwitchStmt sw, StrongBox<int> counter)
    {
        var at = sw.Location;
        int n = ++counter.Value;
        string value = $"__sw{n}_v", entry = $"__sw{n}_e", broken = $"__sw{n}_b";
        var output = new List<Stmt>
        {
            new DeclareStmt(at, value, sw.Value.Type), new SetStmt(at, value, sw.Value),
            new DeclareStmt(at, entry, IrType.Int32), new DeclareStmt(at, broken, IrType.Bool),
            new SetStmt(at, broken, new BoolLit(at, false)),
        };
        // The entry: the default's index (or none), then each matching case's, the first match winning.
        int defaultIndex = sw.Cases.ToList().FindIndex(c => c.IsDefault);
        Stmt choose = new SetStmt(at, entry, new IntLit(at, defaultIndex >= 0 ? defaultIndex : sw.Cases.Count, IrType.Int32));
        for (int k = sw.Cases.Count - 1; k >= 0; k--)
        {
            var c = sw.Cases[k];
            if (c.Values.Count == 0) continue;
            Expr matches = c.Values.Select(v => (Expr)new BinaryExpr(at, BinaryOp.Eq, new VarRef(at, value), new IntLit(at, v, sw.Value.Type)))
                .Aggregate((a, b) => new LogicalExpr(at, false, a, b));
            choose = new IfStmt(at, matches, new Block(at, [new SetStmt(at, entry, new IntLit(at, k, IrType.Int32))]), new Block(at, [choose]));
        }
        output.Add(choose);
        for (int k = 0; k < sw.Cases.Count; k++)
        {
            var arm = sw.Cases[k].Body;
            var runs = new LogicalExpr(at, true, new BinaryExpr(at, BinaryOp.Le, new VarRef(at, entry), new IntLit(at, k, IrType.Int32)),
                new UnaryExpr(at, UnaryOp.Not, new VarRef(at, broken)));
            var rewritten = (Block)Rewrite(arm, counter);
            output.Add(new IfStmt(arm.Location, runs, new Block(arm.Location, Breaks(rewritten.Statements, broken)), null));
        }
        return new Block(at, output);
    }

    /// <summary>The arm's statements with each break of the switch turned into "set the flag, skip the rest of the arm".</summary>
    private static List<Stmt> Breaks(IReadOnlyList<Stmt> statements, string flag)
    {
        var output = new List<Stmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!BreaksSwitch(s)) { output.Add(s); continue; }
            var at = s.Location;
            switch (s)
            {
                case BreakStmt: output.Add(new SetStmt(at, flag, new BoolLit(at, true))); return output;
                case Block b: output.Add(new Block(at, Breaks(b.Statements, flag))); break;
                case IfStmt x:
                    output.Add(new IfStmt(at, x.Condition, new Block(at, Breaks(x.Then is Block t ? t.Statements : [x.Then], flag)),
                        x.Else is null ? null : new Block(at, Breaks(x.Else is Block e ? e.Statements : [x.Else], flag))));
                    break;
            }
            if (i < statements.Count - 1)
            {
                output.Add(new IfStmt(at, new UnaryExpr(at, UnaryOp.Not, new VarRef(at, flag)), new Block(at, Breaks(statements.Skip(i + 1).ToList(), flag)), null));
                return output;
            }
        }
        return output;
    }

    /// <summary>Whether a break of the enclosing switch (not of a loop or switch inside it) is in <paramref name="s"/>.</summary>
    private static bool BreaksSwitch(Stmt s) => s switch
    {
        BreakStmt => true,
        ForStmt or WhileStmt or DoWhileStmt or SwitchStmt => false,
        _ => IrTraversal.ChildStatements(s).Any(BreaksSwitch),
    };
}
