using System.Globalization;
using Translate.Ir.Model;
using Translate.Ir.Parsing;
using Translate.Ir.Syntax;

namespace Translate.Ir.Printing;

public static partial class IrPrinter
{
    /// <summary>A statement as the forms it is written with, each carrying the statement's own source position.</summary>
    public static SExpr ToSExpr(Stmt s) => Located(StatementForm(s), s.Location);

    /// <summary>An expression as the forms it is written with, carrying its own source position.</summary>
    public static SExpr ToSExpr(Expr e) => Located(ExpressionForm(e), e.Location);

    private static SExpr StatementForm(Stmt s) => s switch
    {
        Block b => BlockToSExpr(b),
        DeclareStmt d => L(A("declare"), A(d.Name), T(d.Type)),
        SetStmt st => L(A("set"), A(st.Name), ToSExpr(st.Value)),
        IfStmt i => i.Else is null
            ? L(A("if"), ToSExpr(i.Condition), Branch(i.Then))
            : L(A("if"), ToSExpr(i.Condition), Branch(i.Then), Branch(i.Else)),
        ForStmt f => L(new SExpr[]
            {
                A("for"),
                L(f.Init is null ? L() : Branch(f.Init), f.Condition is null ? L() : ToSExpr(f.Condition), f.Step is null ? L() : Branch(f.Step)),
            }.Concat(f.Body.Statements.Select(ToSExpr))),
        WhileStmt w => L(new[] { A("while"), ToSExpr(w.Condition) }.Concat(w.Body.Statements.Select(ToSExpr))),
        DoWhileStmt d => L(new[] { A("do-while"), ToSExpr(d.Condition) }.Concat(d.Body.Statements.Select(ToSExpr))),
        BreakStmt => L(A("break")),
        ContinueStmt => L(A("continue")),
        SwitchStmt sw => L(new[] { A("switch"), ToSExpr(sw.Value) }.Concat(sw.Cases.Select(CaseToSExpr))),
        ReturnStmt r => r.Value is null ? L(A("ret")) : L(A("ret"), ToSExpr(r.Value)),
        ExprStmt e => ToSExpr(e.Expression),
        SharedStmt sh => ToSExpr(sh.Definition),
        LocStmt loc => L(A("loc"), new SString(loc.Source.File, None), A(loc.Source.Line), A(loc.Source.Column)),
        _ => throw new InvalidOperationException(s.GetType().Name),
    };

    private static SExpr Branch(Stmt s) => ToSExpr(s);

    /// <summary>A block is <c>((s1) (s2) ...)</c>; if its first statement would print as an atom, an empty
    /// statement <c>()</c> goes first so the block cannot be read as a form.</summary>
    private static SExpr BlockToSExpr(Block b)
    {
        var items = b.Statements.Select(ToSExpr).ToList();
        if (items.Count > 0 && items[0] is SAtom) items.Insert(0, L());
        return L(items);
    }

    private static SExpr CaseToSExpr(SwitchCase c)
    {
        var head = c.IsDefault
            ? new SExpr[] { A("default") }
            : [A("case"), L(c.Values.Select(v => (SExpr)A(v.ToString(CultureInfo.InvariantCulture))))];
        return L(head.Concat(c.Body.Statements.Select(ToSExpr)));
    }

    private static SExpr ExpressionForm(Expr e) => e switch
    {
        IntLit i => i.ExplicitType is null
            ? A(i.Value.ToString(CultureInfo.InvariantCulture))
            : L(T(i.ExplicitType), A(i.Value.ToString(CultureInfo.InvariantCulture))),
        FloatLit f => f.ExplicitType is null ? A(Literals.FormatFloat(f.Value, 64)) : L(T(f.ExplicitType), A(Literals.FormatFloat(f.Value, 64))),
        BoolLit b => A(b.Value ? "#t" : "#f"),
        StringLit s => L(A("string"), new SString(s.Value, None)),
        NullLit n => L(A("null"), T(n.PointerType)),
        VarRef v => A(v.Name),
        BinaryExpr b => L(A(OperatorNames.Name(b.Op)), ToSExpr(b.Left), ToSExpr(b.Right)),
        UnaryExpr u => L(A(OperatorNames.Name(u.Op)), ToSExpr(u.Operand)),
        CastExpr c => L(A(OperatorNames.Name(c.Op)), ToSExpr(c.Operand), T(c.Target)),
        LoadExpr l => L(A("load"), ToSExpr(l.Pointer)),
        StoreExpr s => L(A("store"), ToSExpr(s.Pointer), ToSExpr(s.Value)),
        PtrAddExpr p => L(A("ptradd"), ToSExpr(p.Pointer), ToSExpr(p.Index)),
        ArrayPtrAddExpr p => L(A("aptradd"), ToSExpr(p.Array), ToSExpr(p.Index)),
        StructPtrAddExpr p => L(A("sptradd"), ToSExpr(p.Pointer), A(p.Field)),
        AllocExpr a => L(A("alloc"), T(a.ElementType), ToSExpr(a.Count)),
        PtrToExpr p => L(A("ptr-to"), A(p.Name)),
        CallExpr c => L(new SExpr[] { A("call"), A(c.Function) }.Concat(c.Arguments.Select(ToSExpr))),
        AsmExpr a => L(new SExpr[] { A("asm"), new SString(a.Template, None), new SString(a.Constraints, None), T(a.ReturnType) }
            .Concat(a.Arguments.Select(ToSExpr))),
        SelectExpr s => L(A("select"), ToSExpr(s.Condition), ToSExpr(s.IfTrue), ToSExpr(s.IfFalse)),
        CondExpr c => L(A("cond"), ToSExpr(c.Condition), ToSExpr(c.IfTrue), ToSExpr(c.IfFalse)),
        LogicalExpr l => L(A(l.IsAnd ? "land" : "lor"), ToSExpr(l.Left), ToSExpr(l.Right)),
        BeginExpr b => L(new SExpr[] { A("begin") }.Concat(b.Statements.Statements.Select(ToSExpr)).Append(ToSExpr(b.Result))),
        ExtractValueExpr x => L(A("extractvalue"), ToSExpr(x.Aggregate), A(x.Index)),
        InsertValueExpr x => L(A("insertvalue"), ToSExpr(x.Aggregate), ToSExpr(x.Value), A(x.Index)),
        MakeExpr m => L(new[] { A("make"), T(m.AggregateType) }.Concat(m.Elements.Select(ToSExpr))),
        SpecialRegisterExpr r => Br(A(IrParser.RegisterNames[r.Register])),
        BarrierExpr { Kind: BarrierKind.Plain } => Br(A("__syncthreads")),
        BarrierExpr b => L(A(b.Kind switch { BarrierKind.Count => "syncthreads-count", BarrierKind.And => "syncthreads-and", _ => "syncthreads-or" }),
            ToSExpr(b.Predicate!)),
        GridSyncExpr => L(A("grid-sync")),
        SyncWarpExpr s => L(A("syncwarp"), ToSExpr(s.Mask)),
        ActiveMaskExpr => Br(A("activemask")),
        ClockExpr => Br(A("clock64")),
        GlobalTimerExpr => Br(A("globaltimer")),
        WarningExpr w => L(A("warning"), A(w.Code.Id)),
        TrapExpr t => t.IsAssert ? L(A("trap"), A("assert")) : L(A("trap")),
        FenceExpr f => L(A("fence"), Scope(f.Scope), Order(f.Order)),
        AtomicRmwExpr a => L(A("atomic-rmw"), A(CudaNames.Name(CudaNames.AtomicOps, a.Op)), ToSExpr(a.Pointer), ToSExpr(a.Value), Scope(a.Scope), Order(a.Order)),
        AtomicCasExpr a => L(A("atomic-cas"), ToSExpr(a.Pointer), ToSExpr(a.Expected), ToSExpr(a.Desired), Scope(a.Scope), Order(a.Order)),
        AtomicLoadExpr a => L(A("atomic-load"), ToSExpr(a.Pointer), Scope(a.Scope), Order(a.Order)),
        AtomicStoreExpr a => L(A("atomic-store"), ToSExpr(a.Pointer), ToSExpr(a.Value), Scope(a.Scope), Order(a.Order)),
        ShuffleExpr s => L(A("shfl"), A(CudaNames.Name(CudaNames.ShuffleModes, s.Mode)), ToSExpr(s.Mask), ToSExpr(s.Value), ToSExpr(s.Lane), ToSExpr(s.Width)),
        VoteExpr v => L(A("vote"), A(CudaNames.Name(CudaNames.VoteModes, v.Mode)), ToSExpr(v.Mask), ToSExpr(v.Predicate)),
        MathExpr m => L(new SExpr[] { A("math"), A(m.Name) }.Concat(m.Arguments.Select(ToSExpr))),
        LaunchExpr l => L(new SExpr[]
            {
                A(l.Cooperative ? "launch-cooperative" : "launch"), A(l.Kernel),
                L(new SExpr[] { A("grid") }.Concat(l.Grid.Select(ToSExpr))),
                L(new SExpr[] { A("block") }.Concat(l.Block.Select(ToSExpr))),
                L(A("shared"), ToSExpr(l.SharedBytes)),
                L(A("stream"), ToSExpr(l.Stream)),
            }.Concat(l.Arguments.Select(ToSExpr))),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static SAtom Scope(MemoryScope s) => A(CudaNames.Name(CudaNames.Scopes, s));
    private static SAtom Order(MemoryOrder o) => A(CudaNames.Name(CudaNames.Orders, o));
}
