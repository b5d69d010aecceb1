using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Syntax;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Keeps the work-items that returned from a kernel taking part in its later barriers and warp collectives, for targets
/// whose barriers need every work-item of the group (OpenCL). In CUDA a thread that exited no longer
/// holds a barrier up (the IR defines it so, docs/ir/cuda-forms.md); in OpenCL a barrier some
/// work-items never reach is undefined. <c>if (i >= n) return; … __syncthreads(); …</c> becomes:
/// the return sets a flag <c>__exited</c>, statements without barriers run under <c>if (!__exited)</c>,
/// and the barriers themselves — with the ifs and loops around them — run for every work-item, the
/// exited ones doing nothing else.
/// <para>
/// The exited work-items must take the same path to each barrier as the live ones, so the condition
/// of every if and loop holding a barrier may read only what they computed too: literals, block and
/// grid indices and sizes, parameters, and variables whose every assignment sits on that path and
/// either reads the same (no loads, no calls, no division by a variable) or precedes the kernel's first
/// return. Those assignments run unguarded. A loop holding a barrier may not <c>break</c> or
/// <c>continue</c> (exited work-items would go on alone); device functions holding barriers are inlined
/// first. A kernel outside these rules is left as it was, and <see cref="WorkGroupUniformity"/> still
/// reports TR0504 for it.
/// </para>
/// </summary>
public static class ExitedWorkItems
{
    public const string Flag = "__exited";

    public static CheckedModule Run(CheckedModule program)
    {
        if (!Refusals(program).Any()) return program;
        CheckedModule inlined;
        try { inlined = Inliner.InlineSynchronizingCalls(program); }
        catch (DiagnosticException) { return program; }
        var refused = Refusals(inlined).Select(d => d.Location).ToHashSet();
        bool changed = false;
        var definitions = inlined.Module.Definitions.Select(d =>
        {
            if (d is not FunctionDef { IsKernel: true, Body: { } body } k) return d;
            if (!IrTraversal.Statements(body).OfType<ReturnStmt>().Any()) return d;
            if (!IrTraversal.Descendants(body).Any(e => refused.Contains(e.Location) && (e is BarrierExpr || WorkGroupUniformity.IsCollective(e)))) return d;
            if (new KernelRewrite(k).Rewrite() is not { } rewritten) return d;
            changed = true;
            return new FunctionDef(k.Location, k.Kind, k.Name, k.ReturnType, k.Parameters, rewritten);
        }).ToList();
        if (!changed) return program;
        var module = new IrModule(inlined.Module.File, definitions) { Head = inlined.Module.Head };
        return Rebuild.Checked(module, program);
    }

    /// <summary>
    /// The checker's reports, which are what this pass may remove: barriers reached after a return (TR0504) and
    /// warp collectives some work-items may skip (TR0503; those only skipped by returned ones are then if-converted).
    /// </summary>
    private static IReadOnlyList<Diagnostic> Refusals(CheckedModule program) => WorkGroupUniformity.Check(program);

    /// <summary>One kernel's body rewritten; null when it does not fit the rules above.</summary>
    private sealed class KernelRewrite(FunctionDef kernel)
    {
        private readonly string _flag = UniqueFlag(kernel);
        private readonly HashSet<Symbol> _shared = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<SetStmt> _onPath = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<SetStmt> _beforeReturn = new(ReferenceEqualityComparer.Instance);

        public Block? Rewrite()
        {
            var body = kernel.Body!;
            CollectPath(body.Statements, beforeReturn: true);
            FindShared();
            var at = body.Location;
            bool exited = false;
            var statements = Rewrite(body.Statements, ref exited);
            if (statements is null) return null;
            return new Block(at, [new DeclareStmt(at, _flag, IrType.Bool), new SetStmt(at, _flag, new BoolLit(at, false)), .. statements]);
        }

        private static string UniqueFlag(FunctionDef f)
        {
            var name = Flag;
            for (int k = 2; f.Symbols.Any(s => s.Name == name); k++) name = $"{Flag}{k}";
            return name;
        }

        /// <summary>
        /// Whether every work-item must run <paramref name="s"/>'s control: it holds a plain barrier, or it is a
        /// block, if or loop holding a warp collective. A single statement using a collective is guarded like any
        /// other and left to <see cref="CollectiveIfConversion"/>, which runs the collective for all.
        /// </summary>
        private static bool HasBarrier(Stmt s) => IrTraversal.Descendants(s).Any(e => e is BarrierExpr { Kind: BarrierKind.Plain })
            || s is Block or IfStmt or ForStmt or WhileStmt or DoWhileStmt && IrTraversal.Descendants(s).Any(WorkGroupUniformity.IsCollective);

        /// <summary>
        /// The assignments on every work-item's path to the barriers: those in the statement lists that hold
        /// barriers (and loop heads there), as opposed to those inside statements without barriers.
        /// </summary>
        private void CollectPath(IReadOnlyList<Stmt> list, bool beforeReturn)
        {
            foreach (var s in list)
            {
                if (beforeReturn && EarlyReturns.Returns(s)) beforeReturn = false;
                switch (s)
                {
                    case SetStmt set:
                        _onPath.Add(set);
                        if (beforeReturn) _beforeReturn.Add(set);
                        break;
                    case Block b when HasBarrier(b): CollectPath(b.Statements, beforeReturn); break;
                    case IfStmt i when HasBarrier(i):
                        CollectPath(i.Then is Block t ? t.Statements : [i.Then], false);
                        if (i.Else is not null) CollectPath(i.Else is Block e ? e.Statements : [i.Else], false);
                        break;
                    case ForStmt f when HasBarrier(f):
                        CollectPath(new[] { f.Init, f.Step }.OfType<Stmt>().ToList(), false);
                        CollectPath(f.Body.Statements, false);
                        break;
                    case WhileStmt w when HasBarrier(w): CollectPath(w.Body.Statements, false); break;
                    case DoWhileStmt d when HasBarrier(d): CollectPath(d.Body.Statements, false); break;
                }
            }
        }

        /// <summary>
        /// The variables every work-item, exited or not, holds the same value of: each assignment is on the
        /// path and reads only such values, or comes before the first return (which all work-items ran).
        /// </summary>
        private void FindShared()
        {
            var sets = IrTraversal.Statements(kernel.Body!).OfType<SetStmt>().ToList();
            var addressed = IrTraversal.Descendants(kernel.Body!).OfType<PtrToExpr>().Select(p => p.Symbol).ToHashSet(ReferenceEqualityComparer.Instance);
            var assigned = sets.Select(s => s.Symbol).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var s in kernel.Symbols)
            {
                if (addressed.Contains(s)) continue;
                // A parameter never assigned holds its argument in every work-item, aggregate or not.
                if (s.Kind == SymbolKind.Parameter && !assigned.Contains(s) || s.Kind is SymbolKind.Parameter or SymbolKind.Local && !s.NeedsMemory)
                    _shared.Add(s);
            }
            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach (var set in sets)
                    if (_shared.Contains(set.Symbol) && !(_onPath.Contains(set) && (_beforeReturn.Contains(set) || Same(set.Value))))
                        changed |= _shared.Remove(set.Symbol);
            }
        }

        /// <summary>Whether every work-item computes the same value here, with nothing that faults or reads memory.</summary>
        private bool Same(Expr e) => e switch
        {
            IntLit or FloatLit or BoolLit or NullLit => true,
            VarRef v => _shared.Contains(v.Symbol),
            SpecialRegisterExpr r => r.Register is not (SpecialRegister.ThreadIdxX or SpecialRegister.ThreadIdxY or SpecialRegister.ThreadIdxZ or SpecialRegister.LaneId),
            BinaryExpr { Op: BinaryOp.Div or BinaryOp.Rem or BinaryOp.UDiv or BinaryOp.URem } b => Same(b.Left) && b.Right is IntLit lit && lit.Value != 0,
            BinaryExpr b => Same(b.Left) && Same(b.Right),
            UnaryExpr u => Same(u.Operand),
            CastExpr c => Same(c.Operand),
            SelectExpr s => Same(s.Condition) && Same(s.IfTrue) && Same(s.IfFalse),
            LogicalExpr l => Same(l.Left) && Same(l.Right),
            MathExpr m => m.Arguments.All(Same),
            ExtractValueExpr x => Same(x.Aggregate),
            _ => false,
        };

        private bool SameAssignment(Stmt? s) => s is null || s is SetStmt set && _shared.Contains(set.Symbol);

        /// <summary>
        /// A statement list for every work-item: barriers and the control around them as they were, other
        /// statements under <c>!__exited</c> once a return may have happened (<paramref name="exited"/>).
        /// </summary>
        private List<Stmt>? Rewrite(IReadOnlyList<Stmt> list, ref bool exited)
        {
            var output = new List<Stmt>();
            var guarded = new List<Stmt>();
            void Flush()
            {
                if (guarded.Count == 0) return;
                var at = guarded[0].Location;
                output.Add(new IfStmt(at, new UnaryExpr(at, UnaryOp.Not, new VarRef(at, _flag)), new Block(at, [.. guarded]), null));
                guarded.Clear();
            }
            foreach (var s in list)
            {
                if (s is DeclareStmt or LocStmt or SharedStmt) { Flush(); output.Add(s); continue; }
                if (!HasBarrier(s))
                {
                    if (s is SetStmt set && _shared.Contains(set.Symbol)) { Flush(); output.Add(s); continue; }
                    List<Stmt> converted;
                    bool returns = EarlyReturns.Returns(s);
                    try { converted = returns ? new EarlyReturns(_flag, null).Guard([s], inLoop: false) : [s]; }
                    catch (EarlyReturns.ReturnInSwitch) { return null; }
                    if (exited) guarded.AddRange(converted);
                    else { Flush(); output.AddRange(converted); }
                    // What follows a return tests the flag again (in one `if (!__exited)` with the return, it ran anyway:
                    // fuzz seed 52030, a store after `(ret)`).
                    if (returns) Flush();
                    exited |= returns;
                    continue;
                }
                Flush();
                var at = s.Location;
                switch (s)
                {
                    case ExprStmt { Expression: BarrierExpr { Kind: BarrierKind.Plain } }:
                        output.Add(s);
                        break;
                    case Block b:
                    {
                        if (Rewrite(b.Statements, ref exited) is not { } inner) return null;
                        output.Add(new Block(at, inner));
                        break;
                    }
                    case IfStmt i when Same(i.Condition):
                    {
                        bool thenExited = exited, elseExited = exited;
                        var then = Rewrite(i.Then is Block t ? t.Statements : [i.Then], ref thenExited);
                        var otherwise = i.Else is null ? [] : Rewrite(i.Else is Block e ? e.Statements : [i.Else], ref elseExited);
                        if (then is null || otherwise is null) return null;
                        output.Add(new IfStmt(at, i.Condition, new Block(at, then), i.Else is null ? null : new Block(at, otherwise)));
                        exited = thenExited || elseExited;
                        break;
                    }
                    case ForStmt f when SameAssignment(f.Init) && SameAssignment(f.Step) && (f.Condition is null || Same(f.Condition)):
                    {
                        if (LoopBody(f.Body, ref exited) is not { } body) return null;
                        output.Add(new ForStmt(at, f.Init, f.Condition, f.Step, body));
                        break;
                    }
                    case WhileStmt w when Same(w.Condition):
                    {
                        if (LoopBody(w.Body, ref exited) is not { } body) return null;
                        output.Add(new WhileStmt(at, w.Condition, body));
                        break;
                    }
                    case DoWhileStmt d when Same(d.Condition):
                    {
                        if (LoopBody(d.Body, ref exited) is not { } body) return null;
                        output.Add(new DoWhileStmt(at, d.Condition, body));
                        break;
                    }
                    default:
                        return null; // a switch, a barrier inside an expression, or control the exited work-items cannot follow
                }
            }
            Flush();
            return output;
        }

        /// <summary>A loop body holding a barrier; a return in it ends the work-item's part in later iterations too.</summary>
        private Block? LoopBody(Block body, ref bool exited)
        {
            if (IrTraversal.LeavesLoop(body)) return null;
            exited |= EarlyReturns.Returns(body);
            return Rewrite(body.Statements, ref exited) is { } inner ? new Block(body.Location, inner) : null;
        }
    }
}
