using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Lowering;

/// <summary>Where <c>break</c> or <c>continue</c> goes: a block, plus what a target needs to know about it.</summary>
public sealed class JumpTarget(LBlock block, object? tag = null)
{
    public LBlock Block { get; } = block;
    /// <summary>Target-specific meaning (e.g. a loop run once per block whose exits are per thread).</summary>
    public object? Tag { get; } = tag;
}

/// <summary>
/// Lowers one function body from the structured IR tree to LLVM basic blocks. Variables live in
/// entry-block allocas (LLVM's mem2reg promotes them). Target-specific forms (thread indices,
/// barriers, warp operations, library calls, launches, runtime errors) are virtual members.
/// Split by concern: statements, expressions, memory, CUDA forms, math.
/// </summary>
public abstract partial class FunctionLowering
{
    protected readonly Dictionary<Symbol, LValue> Slots = [];
    protected readonly List<JumpTarget> Breaks = [];
    protected readonly List<JumpTarget> Continues = [];
    /// <summary>Expressions whose value was computed elsewhere (e.g. before a barrier split): emitted as this value.</summary>
    protected readonly Dictionary<Expr, Func<LValue>> Substitutions = [];

    protected FunctionLowering(ModuleLowering module, FunctionDef def, LFunction function)
    {
        M = module;
        Def = def;
        F = function;
    }

    protected ModuleLowering M { get; }
    protected FunctionDef Def { get; }
    protected LFunction F { get; }
    protected LlvmBuilder B => M.Builder;
    protected LlvmContext C => M.Context;
    protected TypeLowering T => M.Types;

    /// <summary>The CUDA (or IR) place of the statement being lowered, for runtime error messages.</summary>
    protected SourceLocation Source { get; set; } = SourceLocation.None;

    /// <summary>The IR place of the statement being lowered.</summary>
    protected SourceLocation IrLocation { get; set; } = SourceLocation.None;

    /// <summary>Where a runtime error is reported: the CUDA place if known, else the IR place.</summary>
    protected SourceLocation ErrorLocation => Source.IsNone ? IrLocation : Source;

    /// <summary>Lowers the whole body.</summary>
    public virtual void Lower()
    {
        var entry = B.AppendBlock(F, "entry");
        B.PositionAtEnd(entry);
        AllocateVariables();
        EmitBlock(Def.Body!);
        FinishFunction();
    }

    /// <summary>Ends a body that falls off its end: void returns; a value-returning function returns zero.</summary>
    protected void FinishFunction()
    {
        if (B.IsTerminated) return;
        if (Def.ReturnType.IsVoid || Def.IsKernel) B.RetVoid();
        else B.Ret(LlvmContext.Null(T.Value(Def.ReturnType)));
    }

    /// <summary>One alloca per parameter and local; parameters are stored into theirs.</summary>
    protected virtual void AllocateVariables()
    {
        int hidden = M.HiddenParameters.Count;
        foreach (var s in Def.Symbols)
        {
            if (s.Kind is not (SymbolKind.Parameter or SymbolKind.Local)) continue;
            var slot = B.EntryAlloca(F, T.Value(s.Type), T.AlignOf(s.Type), s.Name);
            Slots[s] = slot;
            if (s.Kind == SymbolKind.Parameter && !M.IsPlaceholderParameter(s.Type))
                B.Store(LlvmModule.Param(F, hidden + s.Index), slot, T.AlignOf(s.Type));
        }
    }

    /// <summary>The address of a variable of any kind.</summary>
    protected virtual LValue VariableAddress(Symbol s) => s.Kind switch
    {
        SymbolKind.Global => M.Global(s),
        SymbolKind.Shared => SharedAddress(s),
        _ => Slots[s],
    };

    /// <summary>The address of a shared variable (per block); targets decide where shared memory lives.</summary>
    protected abstract LValue SharedAddress(Symbol s);

    /// <summary>Emits a runtime error (TR03xx) at the current source place; control does not come back.</summary>
    protected abstract void EmitFailure(DiagnosticCode code, string message);

    /// <summary>Starts a fresh block if the current one already ended (code after break/return is unreachable).</summary>
    protected void EnsureOpen()
    {
        if (B.IsTerminated) B.PositionAtEnd(B.AppendBlock(F, "dead"));
    }

    protected LBlock NewBlock(string name) => B.AppendBlock(F, name);

    /// <summary>Branches to <paramref name="to"/> unless the block already ended.</summary>
    protected void BranchIfOpen(LBlock to)
    {
        if (!B.IsTerminated) B.Br(to);
    }

    protected static DiagnosticException Unsupported(DiagnosticCode code, SourceLocation at, string message) =>
        new(new Diagnostic(code, at, message));
}
