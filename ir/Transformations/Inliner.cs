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
/// Inlines, into kernels, every call of a device function that (directly or through its callees)
/// synchronizes: block barriers, <c>syncwarp</c>, shuffles and votes, or reads <c>activemask</c> (it needs
/// the thread's lane). Devices that run a block's threads as loops split kernels at those points, which
/// they can only do inside the kernel's own body.
/// <para>
/// A call <c>(call f a b)</c> in a statement becomes, before that statement: the arguments evaluated
/// into fresh temporaries (<c>__inlN_aK</c>), then a nested block that declares the callee's parameters,
/// copies the temporaries in, and runs the callee's body, whose final <c>ret</c> sets <c>__inlN_r</c>;
/// the call itself is replaced by <c>__inlN_r</c>. The nested block scopes the callee's locals, so no
/// renaming is needed beyond the temporaries. Hoisting the call ahead of the rest of its statement is
/// sound because C leaves operand evaluation order unsequenced, except under <c>&amp;&amp;</c>,
/// <c>||</c>, <c>?:</c> and <c>begin</c>, and in loop conditions — those positions are TR0380, except a
/// whole <c>?:</c> assigned or returned, which becomes an <c>if</c> first. Returns before the callee's
/// end become a flag (<see cref="InlinerRun"/>'s <c>EarlyReturns</c>).
/// </para>
/// <para>
/// The result is read back from its forms (<see cref="Rebuild"/>: fresh nodes and symbols, the input never
/// changed), each node keeping the source position of the node it came from.
/// A module with no such call is returned unchanged. Synchronizing device functions are removed once
/// inlined (host code cannot call them; such a call becomes an undeclared function).
/// </para>
/// </summary>
public static class Inliner
{
    /// <summary>The module with synchronizing calls inlined into kernels, checked again; the input when there were none.</summary>
    public static CheckedModule InlineSynchronizingCalls(CheckedModule program) => Run(program, InlinerRun.Selection.Synchronizing);

    /// <summary>
    /// The module with calls of device functions that hold loops (themselves or through callees) inlined into kernels,
    /// where the inliner can (a call it cannot hoist, a callee that calls itself, one over <see cref="LoopCalleeBudget"/>
    /// IR nodes: the call stays), checked again; the input when there were none. Devices that run a block's threads as
    /// loops then run the callee's loops in lockstep across the threads, as the kernel's own, instead of calling the
    /// function once per thread.
    /// </summary>
    public static CheckedModule InlineCallsHoldingLoops(CheckedModule program) => Run(program, InlinerRun.Selection.HoldingLoops);

    private static CheckedModule Run(CheckedModule program, InlinerRun.Selection selection)
    {
        var run = new InlinerRun(program, selection);
        return run.Needed ? Rebuild.Checked(run.Rewrite(), program) : program;
    }

    /// <summary>The largest callee (IR nodes of its body) <see cref="InlineCallsHoldingLoops"/> inlines.</summary>
    public const int LoopCalleeBudget = 400;

    /// <summary>An expression that synchronizes threads or needs the thread's lane: what devices splitting kernels into thread loops split at.</summary>
    public static bool Synchronizes(Expr e) => e is BarrierExpr or GridSyncExpr or SyncWarpExpr or ShuffleExpr or VoteExpr or ActiveMaskExpr;
}

internal sealed class InlinerRun(CheckedModule program, InlinerRun.Selection selection)
{
    /// <summary>
    /// Which callees are inlined. Synchronizing ones must be (a position the inliner cannot handle is an error);
    /// ones holding loops may be (there, the call stays).
    /// </summary>
    public enum Selection { Synchronizing, HoldingLoops }

    private bool Optional => selection == Selection.HoldingLoops;
    private readonly Dictionary<FunctionDef, bool> _selected = [];
    private readonly Dictionary<FunctionDef, Block> _inlinedBodies = [];
    private readonly HashSet<FunctionDef> _active = [];
    private int _counter = FreshNames.Highest(program, "__inl");

    public bool Needed => program.Kernels.Any(k => k.Body is not null && Calls(k.Body).Any(c => Selected(c.Target.Function)));

    public IrModule Rewrite()
    {
        // Synchronizing device functions are dropped once inlined: only kernels may call them.
        var definitions = program.Module.Definitions
            .Where(d => Optional || d is not FunctionDef { IsKernel: false } f || !Selected(f))
            .Select(d => d is FunctionDef { IsKernel: true, Body: { } body } k
                ? new FunctionDef(k.Location, k.Kind, k.Name, k.ReturnType, k.Parameters, InlineBody(k, body))
                : d).ToList();
        return new IrModule(program.Module.File, definitions) { Head = program.Module.Head };
    }

    private static IEnumerable<CallExpr> Calls(Stmt s) => IrTraversal.Descendants(s).OfType<CallExpr>();

    /// <summary>
    /// Whether calls of a defined function are inlined: it synchronizes (or holds a loop, within the budget) itself or
    /// through a callee (recursion counts as no, here).
    /// </summary>
    private bool Selected(FunctionDef? f)
    {
        if (f?.Body is null || f.IsKernel) return false;
        if (_selected.TryGetValue(f, out var known)) return known;
        _selected[f] = false; // breaks cycles; a cycle through a selected function is caught when inlining
        var nodes = IrTraversal.Descendants(f.Body).ToList();
        bool result = selection == Selection.Synchronizing
            ? nodes.Any(e => Inliner.Synchronizes(e) || e is CallExpr c && Selected(c.Target.Function))
            : nodes.Count <= Inliner.LoopCalleeBudget
              && (IrTraversal.Statements(f.Body).Any(s => s is WhileStmt or DoWhileStmt or ForStmt)
                  || nodes.Any(e => e is CallExpr c && Selected(c.Target.Function)));
        _selected[f] = result;
        return result;
    }

    private bool IsSelectedCall(Expr e) => e is CallExpr c && Selected(c.Target.Function);

    private bool ContainsSelectedCall(Stmt s) => IrTraversal.Descendants(s).Any(IsSelectedCall);

    private bool ContainsSelectedCall(Expr e) => IrTraversal.Descendants(e).Any(IsSelectedCall);

    private Block InlineBody(FunctionDef owner, Block body)
    {
        if (!ContainsSelectedCall(body)) return body;
        return RewriteBlock(body);
    }

    private Block RewriteBlock(Block b)
    {
        var output = new List<Stmt>();
        foreach (var s in b.Statements) output.AddRange(RewriteStatement(s));
        return new Block(b.Location, output);
    }

    private Block? RewriteOptionalBlock(Stmt? s) => s is null ? null : s as Block is { } b ? RewriteBlock(b) : new Block(s.Location, RewriteStatement(s));

    /// <summary>
    /// The statements that replace <paramref name="s"/>: hoisted inlined calls, then the statement itself. When inlining
    /// is optional, a statement the inliner cannot rewrite stays as it was (its calls stay calls).
    /// </summary>
    private List<Stmt> RewriteStatement(Stmt s)
    {
        if (!Optional) return RewriteStatementOrRefuse(s);
        try { return RewriteStatementOrRefuse(s); }
        catch (DiagnosticException) { return [s]; }
    }

    private List<Stmt> RewriteStatementOrRefuse(Stmt s)
    {
        if (!ContainsSelectedCall(s)) return [s];
        // x = c ? a : b and return c ? a : b, with a synchronizing call in a branch, are exactly
        // if (c) x = a; else x = b; — the branch's call can then be inlined inside its own arm.
        switch (s)
        {
            case SetStmt { Value: CondExpr c } x when ContainsSelectedCall(c.IfTrue) || ContainsSelectedCall(c.IfFalse):
                return RewriteStatement(new IfStmt(x.Location, c.Condition,
                    new Block(x.Location, [new SetStmt(x.Location, x.Name, c.IfTrue)]),
                    new Block(x.Location, [new SetStmt(x.Location, x.Name, c.IfFalse)])));
            case ReturnStmt { Value: CondExpr c } x when ContainsSelectedCall(c.IfTrue) || ContainsSelectedCall(c.IfFalse):
                return RewriteStatement(new IfStmt(x.Location, c.Condition,
                    new Block(x.Location, [new ReturnStmt(x.Location, c.IfTrue)]),
                    new Block(x.Location, [new ReturnStmt(x.Location, c.IfFalse)])));
        }
        var before = new List<Stmt>();
        Stmt result = s switch
        {
            Block b => RewriteBlock(b),
            SetStmt x => new SetStmt(x.Location, x.Name, Hoist(x.Value, before)),
            ExprStmt { Expression: CallExpr c } x when IsSelectedCall(c) && c.Type.IsVoid => InlineVoid(c, before, x),
            ExprStmt x => new ExprStmt(x.Location, Hoist(x.Expression, before)),
            ReturnStmt { Value: { } v } x => new ReturnStmt(x.Location, Hoist(v, before)),
            IfStmt x => new IfStmt(x.Location, Hoist(x.Condition, before), RewriteOptionalBlock(x.Then)!, RewriteOptionalBlock(x.Else)),
            SwitchStmt x => new SwitchStmt(x.Location, Hoist(x.Value, before),
                x.Cases.Select(c => new SwitchCase(c.Location, c.Values, c.IsDefault, RewriteBlock(c.Body))).ToList()),
            WhileStmt x when !ContainsSelectedCall(x.Condition) => new WhileStmt(x.Location, x.Condition, RewriteBlock(x.Body)),
            DoWhileStmt x when !ContainsSelectedCall(x.Condition) => new DoWhileStmt(x.Location, x.Condition, RewriteBlock(x.Body)),
            ForStmt x when (x.Condition is null || !ContainsSelectedCall(x.Condition)) && !Has(x.Init) && !Has(x.Step) =>
                new ForStmt(x.Location, x.Init, x.Condition, x.Step, RewriteBlock(x.Body)),
            _ => throw Unsupported(s.Location, "a call of a synchronizing device function in a loop's condition, initializer or step"),
        };
        before.Add(result);
        return before;
    }

    private bool Has(Stmt? s) => s is not null && ContainsSelectedCall(s);

    private Stmt InlineVoid(CallExpr c, List<Stmt> before, Stmt at)
    {
        Inline(c, before);
        return new Block(at.Location, []);
    }

    /// <summary>The expression with every synchronizing call replaced by its result variable (the inlined body goes into <paramref name="before"/>).</summary>
    private Expr Hoist(Expr e, List<Stmt> before)
    {
        if (!ContainsSelectedCall(e)) return e;
        Expr H(Expr x) => Hoist(x, before);
        var at = e.Location;
        switch (e)
        {
            case CallExpr c when IsSelectedCall(c):
            {
                var args = c.Arguments.Select(H).ToList();
                var name = Inline(new CallExpr(c.Location, c.Function, args) { Target = c.Target, Type = c.Type }, before);
                return new VarRef(at, name!);
            }
            case CallExpr c: return new CallExpr(at, c.Function, c.Arguments.Select(H).ToList());
            case BinaryExpr b: return new BinaryExpr(at, b.Op, H(b.Left), H(b.Right));
            case UnaryExpr u: return new UnaryExpr(at, u.Op, H(u.Operand));
            case CastExpr x: return new CastExpr(at, x.Op, H(x.Operand), x.Target);
            case LoadExpr l: return new LoadExpr(at, H(l.Pointer));
            case StoreExpr s: return new StoreExpr(at, H(s.Pointer), H(s.Value));
            case PtrAddExpr p: return new PtrAddExpr(at, H(p.Pointer), H(p.Index));
            case ArrayPtrAddExpr a: return new ArrayPtrAddExpr(at, H(a.Array), H(a.Index));
            case StructPtrAddExpr s: return new StructPtrAddExpr(at, H(s.Pointer), s.Field);
            case SelectExpr s: return new SelectExpr(at, H(s.Condition), H(s.IfTrue), H(s.IfFalse));
            case MathExpr m: return new MathExpr(at, m.Name, m.Arguments.Select(H).ToList());
            case ExtractValueExpr x: return new ExtractValueExpr(at, H(x.Aggregate), x.Index);
            case InsertValueExpr x: return new InsertValueExpr(at, H(x.Aggregate), x.Index, H(x.Value));
            case MakeExpr m: return new MakeExpr(at, m.AggregateType, m.Elements.Select(H).ToList());
            case AtomicRmwExpr a: return new AtomicRmwExpr(at, a.Op, H(a.Pointer), H(a.Value), a.Scope, a.Order);
            case CondExpr c when !ContainsSelectedCall(c.IfTrue) && !ContainsSelectedCall(c.IfFalse):
                return new CondExpr(at, H(c.Condition), c.IfTrue, c.IfFalse);
            case LogicalExpr l when !ContainsSelectedCall(l.Right): return new LogicalExpr(at, l.IsAnd, H(l.Left), l.Right);
            default:
                throw Unsupported(at, "a call of a synchronizing device function that is evaluated conditionally (&&, ||, ?:) or inside this kind of expression");
        }
    }

    /// <summary>Appends the inlined body of call <paramref name="c"/> to <paramref name="before"/>; returns the result variable (null for void).</summary>
    private string? Inline(CallExpr c, List<Stmt> before)
    {
        var callee = c.Target.Function!;
        int n = ++_counter;
        var at = c.Location;
        var prefix = $"__inl{n}_";
        var body = new List<Stmt>();
        for (int i = 0; i < callee.Parameters.Count; i++)
        {
            var p = callee.Parameters[i];
            var temp = prefix + "a" + i;
            before.Add(new DeclareStmt(at, temp, p.Type));
            before.Add(new SetStmt(at, temp, c.Arguments[i]));
            body.Add(new DeclareStmt(at, p.Name, p.Type));
            body.Add(new SetStmt(at, p.Name, new VarRef(at, temp)));
        }
        string? result = callee.ReturnType.IsVoid ? null : prefix + "r";
        if (result is not null) before.Add(new DeclareStmt(at, result, callee.ReturnType));
        var statements = CalleeBody(callee, at).Statements;
        if (statements.Count > 0 && statements.Take(statements.Count - 1).All(s => !EarlyReturns.Returns(s)) && TailReturns(statements[^1], result) is { } tail)
            body.AddRange([.. statements.Take(statements.Count - 1), tail]);
        else
        {
            // Returns before the end: each sets a flag (and the result); what follows runs under `if (!flag)`.
            var flag = prefix + "done";
            before.Add(new DeclareStmt(at, flag, IrType.Bool));
            before.Add(new SetStmt(at, flag, new BoolLit(at, false)));
            try { body.AddRange(new EarlyReturns(flag, result).Guard(statements, inLoop: false)); }
            catch (EarlyReturns.ReturnInSwitch e) { throw Unsupported(e.At, $"'{callee.Name}' synchronizes and returns from inside a switch"); }
        }
        before.Add(new Block(at, body));
        return result;
    }

    /// <summary>
    /// The callee's last statement with each return in tail position (itself, or the last statement of
    /// both arms of a final if, recursively) replaced by an assignment of the result; null when a return
    /// stands anywhere else.
    /// </summary>
    private static Stmt? TailReturns(Stmt s, string? result)
    {
        switch (s)
        {
            case ReturnStmt r:
                return r.Value is not null && result is not null ? new SetStmt(r.Location, result, r.Value) : new Block(r.Location, []);
            case IfStmt i:
            {
                var then = TailReturns(i.Then, result);
                var otherwise = i.Else is null ? null : TailReturns(i.Else, result);
                return then is null || i.Else is not null && otherwise is null ? null : new IfStmt(i.Location, i.Condition, then, otherwise);
            }
            case Block b when b.Statements.Count > 0:
            {
                var init = b.Statements.Take(b.Statements.Count - 1).ToList();
                if (init.Any(EarlyReturns.Returns)) return null;
                return TailReturns(b.Statements[^1], result) is { } tail ? new Block(b.Location, [.. init, tail]) : null;
            }
            default:
                return EarlyReturns.Returns(s) ? null : s;
        }
    }

    private Block CalleeBody(FunctionDef callee, SourceLocation at)
    {
        if (_inlinedBodies.TryGetValue(callee, out var done)) return done;
        if (!_active.Add(callee))
            throw new DiagnosticException(new Diagnostic(Codes.RecursiveSynchronization, at,
                $"'{callee.Name}' calls itself (directly or through other functions) and synchronizes; it cannot be inlined into the kernel"));
        Block body;
        try
        {
            CheckNoCapturedGlobals(callee);
            body = RewriteBlock(callee.Body!);
        }
        finally { _active.Remove(callee); }
        _inlinedBodies[callee] = body;
        return body;
    }

    /// <summary>The callee's globals and shared variables must still be visible by name inside kernels that declare locals of the same name.</summary>
    private void CheckNoCapturedGlobals(FunctionDef callee)
    {
        var free = IrTraversal.Descendants(callee.Body!).OfType<VarRef>().Where(v => v.Symbol.Kind is SymbolKind.Global or SymbolKind.Shared).Select(v => v.Name).ToHashSet();
        foreach (var k in program.Kernels)
        {
            if (k.Body is null) continue;
            var local = IrTraversal.Statements(k.Body).OfType<DeclareStmt>().Select(d => d.Name).Concat(k.Parameters.Select(p => p.Name));
            if (local.FirstOrDefault(free.Contains) is { } clash)
                throw Unsupported(callee.Location, $"'{callee.Name}' uses global '{clash}', which kernel '{k.Name}' hides with a local of the same name");
        }
    }

    private static DiagnosticException Unsupported(SourceLocation at, string why) =>
        new(new Diagnostic(Codes.CpuUnsupported, at, why + " (needed to inline it into the kernel)"));
}
