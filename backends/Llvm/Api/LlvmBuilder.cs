using static Translate.Backends.Llvm.Interop.LlvmNative;

namespace Translate.Backends.Llvm.Api;

/// <summary>Appends instructions to basic blocks: a thin, typed face over LLVM's IRBuilder.</summary>
public sealed unsafe class LlvmBuilder : IDisposable
{
    private nint _handle;
    public LlvmContext Context { get; }

    public LlvmBuilder(LlvmContext context)
    {
        Context = context;
        _handle = LLVMCreateBuilderInContext(context.Handle);
    }

    public LBlock AppendBlock(LFunction f, string name) => new(LLVMAppendBasicBlockInContext(Context.Handle, f.Value.Handle, name));
    public void PositionAtEnd(LBlock b) => LLVMPositionBuilderAtEnd(_handle, b.Handle);
    public LBlock CurrentBlock => new(LLVMGetInsertBlock(_handle));

    /// <summary>True when the current block already ends in a terminator (code after it is unreachable).</summary>
    public bool IsTerminated => LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(_handle)) != 0;

    /// <summary>Emits an alloca at the start of the function's entry block, where LLVM's mem2reg expects it.</summary>
    public LValue EntryAlloca(LFunction f, LType type, long align, string name = "", LValue? count = null)
    {
        var current = LLVMGetInsertBlock(_handle);
        var entry = LLVMGetEntryBasicBlock(f.Value.Handle);
        var first = LLVMGetFirstInstruction(entry);
        if (first != 0) LLVMPositionBuilderBefore(_handle, first);
        else LLVMPositionBuilderAtEnd(_handle, entry);
        var a = count is { } n ? new LValue(LLVMBuildArrayAlloca(_handle, type.Handle, n.Handle, name)) : new LValue(LLVMBuildAlloca(_handle, type.Handle, name));
        LLVMSetAlignment(a.Handle, (uint)align);
        LLVMPositionBuilderAtEnd(_handle, current);
        return a;
    }

    public LValue Alloca(LType type, LValue count, long align)
    {
        var a = new LValue(LLVMBuildArrayAlloca(_handle, type.Handle, count.Handle, ""));
        LLVMSetAlignment(a.Handle, (uint)align);
        return a;
    }

    public void RetVoid() => LLVMBuildRetVoid(_handle);
    public void Ret(LValue v) => LLVMBuildRet(_handle, v.Handle);
    public void Br(LBlock dest) => LLVMBuildBr(_handle, dest.Handle);
    public void CondBr(LValue cond, LBlock then, LBlock @else) => LLVMBuildCondBr(_handle, cond.Handle, then.Handle, @else.Handle);
    public void Unreachable() => LLVMBuildUnreachable(_handle);

    public void Switch(LValue value, LBlock @default, IReadOnlyList<(LValue Value, LBlock Dest)> cases)
    {
        var s = LLVMBuildSwitch(_handle, value.Handle, @default.Handle, (uint)cases.Count);
        foreach (var (v, d) in cases) LLVMAddCase(s, v.Handle, d.Handle);
    }

    public LValue Binary(Opcode op, LValue l, LValue r) => new(LLVMBuildBinOp(_handle, (int)op, l.Handle, r.Handle, ""));
    public LValue Neg(LValue v) => new(LLVMBuildNeg(_handle, v.Handle, ""));
    public LValue FNeg(LValue v) => new(LLVMBuildFNeg(_handle, v.Handle, ""));
    public LValue Not(LValue v) => new(LLVMBuildNot(_handle, v.Handle, ""));
    public LValue ICmp(IntPredicate p, LValue l, LValue r) => new(LLVMBuildICmp(_handle, (int)p, l.Handle, r.Handle, ""));
    public LValue FCmp(RealPredicate p, LValue l, LValue r) => new(LLVMBuildFCmp(_handle, (int)p, l.Handle, r.Handle, ""));
    public LValue Cast(Opcode op, LValue v, LType to) => new(LLVMBuildCast(_handle, (int)op, v.Handle, to.Handle, ""));
    public LValue Select(LValue c, LValue a, LValue b) => new(LLVMBuildSelect(_handle, c.Handle, a.Handle, b.Handle, ""));

    public LValue Load(LType type, LValue ptr, long align)
    {
        var l = new LValue(LLVMBuildLoad2(_handle, type.Handle, ptr.Handle, ""));
        LLVMSetAlignment(l.Handle, (uint)align);
        return l;
    }

    public LValue Store(LValue value, LValue ptr, long align)
    {
        var s = new LValue(LLVMBuildStore(_handle, value.Handle, ptr.Handle));
        LLVMSetAlignment(s.Handle, (uint)align);
        return s;
    }

    /// <summary><c>getelementptr i8, ptr P, i64 OFFSET</c>: all address arithmetic is in bytes, from the IR's own layout.</summary>
    public LValue ByteOffset(LValue ptr, LValue offset)
    {
        var idx = offset.Handle;
        return new(LLVMBuildGEP2(_handle, Context.I8.Handle, ptr.Handle, &idx, 1, ""));
    }

    /// <summary><c>getelementptr T, ptr P, INDEX</c>.</summary>
    public LValue Gep(LType element, LValue ptr, LValue index)
    {
        var idx = index.Handle;
        return new(LLVMBuildGEP2(_handle, element.Handle, ptr.Handle, &idx, 1, ""));
    }

    public LValue Call(LFunction f, params LValue[] args)
    {
        var hs = args.Select(a => a.Handle).ToArray();
        fixed (nint* p = hs) return new(LLVMBuildCall2(_handle, f.Type.Handle, f.Value.Handle, p, (uint)hs.Length, ""));
    }

    public void AddCallAttribute(LValue call, string name) =>
        LLVMAddCallSiteAttribute(call.Handle, unchecked((uint)-1), Context.Attribute(name));

    public LValue ExtractValue(LValue agg, int index) => new(LLVMBuildExtractValue(_handle, agg.Handle, (uint)index, ""));
    public LValue InsertValue(LValue agg, LValue v, int index) => new(LLVMBuildInsertValue(_handle, agg.Handle, v.Handle, (uint)index, ""));
    public LValue ExtractElement(LValue vec, LValue index) => new(LLVMBuildExtractElement(_handle, vec.Handle, index.Handle, ""));
    public LValue InsertElement(LValue vec, LValue v, LValue index) => new(LLVMBuildInsertElement(_handle, vec.Handle, v.Handle, index.Handle, ""));

    public LValue Phi(LType type, IReadOnlyList<(LValue Value, LBlock From)> incoming)
    {
        var phi = LLVMBuildPhi(_handle, type.Handle, "");
        var vs = incoming.Select(i => i.Value.Handle).ToArray();
        var bs = incoming.Select(i => i.From.Handle).ToArray();
        fixed (nint* pv = vs) fixed (nint* pb = bs) LLVMAddIncoming(phi, pv, pb, (uint)vs.Length);
        return new(phi);
    }

    /// <summary>Adds an incoming edge to a phi built earlier (a loop's back edge).</summary>
    public static void AddIncoming(LValue phi, LValue value, LBlock from)
    {
        var v = value.Handle;
        var b = from.Handle;
        LLVMAddIncoming(phi.Handle, &v, &b, 1);
    }

    public void Fence(AtomicOrdering ordering)
    {
        byte zero = 0;
        LLVMBuildFence(_handle, (int)ordering, 0, &zero);
    }

    public LValue AtomicRmw(AtomicRmwOp op, LValue ptr, LValue value, AtomicOrdering ordering, long align)
    {
        var v = new LValue(LLVMBuildAtomicRMW(_handle, (int)op, ptr.Handle, value.Handle, (int)ordering, 0));
        LLVMSetAlignment(v.Handle, (uint)align);
        return v;
    }

    /// <summary>Compare-and-swap; yields the old value (element 0 of LLVM's result pair).</summary>
    public LValue AtomicCas(LValue ptr, LValue expected, LValue desired, AtomicOrdering success, AtomicOrdering failure, long align)
    {
        var pair = LLVMBuildAtomicCmpXchg(_handle, ptr.Handle, expected.Handle, desired.Handle, (int)success, (int)failure, 0);
        LLVMSetAlignment(pair, (uint)align);
        return ExtractValue(new LValue(pair), 0);
    }

    public static void SetOrdering(LValue access, AtomicOrdering ordering) => LLVMSetOrdering(access.Handle, (int)ordering);

    /// <summary>Attaches <c>!NAME !{!"...", ...}</c> metadata built from nested string/node lists.</summary>
    internal void SetMetadata(LValue instruction, string kind, nint node) =>
        LLVMSetMetadata(instruction.Handle, Context.MetadataKind(kind), LLVMMetadataAsValue(Context.Handle, node));

    public void Dispose()
    {
        if (_handle != 0) LLVMDisposeBuilder(_handle);
        _handle = 0;
    }
}
