using System.Text;
using Translate.Backends.Llvm.Interop;
using static Translate.Backends.Llvm.Interop.LlvmNative;

namespace Translate.Backends.Llvm.Api;

/// <summary>An LLVM context: owns types and constants. Dispose after every module made in it.</summary>
public sealed unsafe class LlvmContext : IDisposable
{
    private readonly bool _owned;
    internal nint Handle { get; private set; }

    public LlvmContext() { Handle = LLVMContextCreate(); _owned = true; ReportInto(Handle); }
    internal LlvmContext(nint borrowed) { Handle = borrowed; _owned = false; ReportInto(Handle); }

    // Errors LLVM reports through its diagnostics (an inline-assembly template the assembler rejects): without a
    // handler LLVM prints them and ends the process with exit(1); with one, it goes on and they are collected here.
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Errors = new();

    private static void ReportInto(nint context) => LLVMContextSetDiagnosticHandler(context, &OnDiagnostic, 0);

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void OnDiagnostic(nint info, nint context)
    {
        // Severity 0 is an error; warnings, remarks and notes are dropped, as the default handler would print them.
        if (LLVMGetDiagInfoSeverity(info) == 0) Errors.Enqueue(TakeMessage(LLVMGetDiagInfoDescription(info)));
    }

    /// <summary>Throws the errors LLVM reported while compiling (since the last call), as one <see cref="LlvmException"/>.</summary>
    public static void ThrowReportedErrors()
    {
        var messages = new List<string>();
        while (Errors.TryDequeue(out var m)) messages.Add(m);
        if (messages.Count > 0) throw new LlvmException(string.Join("; ", messages));
    }

    public LType Void => new(LLVMVoidTypeInContext(Handle));
    public LType I1 => new(LLVMInt1TypeInContext(Handle));
    public LType I8 => Int(8);
    public LType I32 => Int(32);
    public LType I64 => Int(64);
    public LType Half => new(LLVMHalfTypeInContext(Handle));
    public LType BFloat => new(LLVMBFloatTypeInContext(Handle));
    public LType Float => new(LLVMFloatTypeInContext(Handle));
    public LType Double => new(LLVMDoubleTypeInContext(Handle));
    public LType Ptr => new(LLVMPointerTypeInContext(Handle, 0));
    /// <summary>An opaque pointer in address space <paramref name="space"/> (GPU targets: shared, constant, private…).</summary>
    public LType PtrIn(uint space) => new(LLVMPointerTypeInContext(Handle, space));
    public LType Int(int bits) => new(LLVMIntTypeInContext(Handle, (uint)bits));
    public static LType Array(LType element, long count) => new(LLVMArrayType2(element.Handle, (ulong)count));
    public static LType Vector(LType element, int count) => new(LLVMVectorType(element.Handle, (uint)count));

    public LType Struct(IReadOnlyList<LType> elements, bool packed)
    {
        var hs = elements.Select(e => e.Handle).ToArray();
        fixed (nint* p = hs) return new(LLVMStructTypeInContext(Handle, p, (uint)hs.Length, packed ? 1 : 0));
    }

    /// <summary>An inline-assembly callee of type <paramref name="function"/> (AT&amp;T dialect, with side effects, as upstream's asm).</summary>
    public static LValue InlineAsm(LType function, string template, string constraints)
    {
        var t = Encoding.UTF8.GetBytes(template);
        var c = Encoding.UTF8.GetBytes(constraints);
        fixed (byte* tp = t, cp = c)
            return new(LLVMGetInlineAsm(function.Handle, tp, (nuint)t.Length, cp, (nuint)c.Length, 1, 0, 0 /* AT&T */, 0));
    }

    public static LType Function(LType ret, IReadOnlyList<LType> parameters, bool varArg = false)
    {
        var hs = parameters.Select(e => e.Handle).ToArray();
        fixed (nint* p = hs) return new(LLVMFunctionType(ret.Handle, p, (uint)hs.Length, varArg ? 1 : 0));
    }

    public static LValue ConstInt(LType t, long value) => new(LLVMConstInt(t.Handle, unchecked((ulong)value), 1));
    public static LValue ConstReal(LType t, double value) => new(LLVMConstReal(t.Handle, value));
    public static LValue ConstAddrSpaceCast(LValue v, LType to) => new(LLVMConstAddrSpaceCast(v.Handle, to.Handle));
    public static LValue Null(LType t) => new(LLVMConstNull(t.Handle));
    public static LValue Undef(LType t) => new(LLVMGetUndef(t.Handle));
    public static LValue Poison(LType t) => new(LLVMGetPoison(t.Handle));
    public static LType TypeOf(LValue v) => new(LLVMTypeOf(v.Handle));
    public LValue I32Const(long v) => ConstInt(I32, v);
    public LValue I64Const(long v) => ConstInt(I64, v);
    public LValue Bool(bool v) => ConstInt(I1, v ? 1 : 0);

    /// <summary>Bytes as an i8 array constant (no terminator is added).</summary>
    public LValue Bytes(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes) return new(LLVMConstStringInContext2(Handle, p, (nuint)bytes.Length, 1));
    }

    public LValue ConstStruct(IReadOnlyList<LValue> values, bool packed)
    {
        var hs = values.Select(e => e.Handle).ToArray();
        fixed (nint* p = hs) return new(LLVMConstStructInContext(Handle, p, (uint)hs.Length, packed ? 1 : 0));
    }

    public static LValue ConstArray(LType element, IReadOnlyList<LValue> values)
    {
        var hs = values.Select(e => e.Handle).ToArray();
        fixed (nint* p = hs) return new(LLVMConstArray2(element.Handle, p, (ulong)hs.Length));
    }

    public static LValue ConstVector(IReadOnlyList<LValue> values)
    {
        var hs = values.Select(e => e.Handle).ToArray();
        fixed (nint* p = hs) return new(LLVMConstVector(p, (uint)hs.Length));
    }

    /// <summary>An enum attribute such as <c>noinline</c> or <c>returns_twice</c>.</summary>
    internal nint Attribute(string name, ulong value = 0)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        fixed (byte* p = bytes)
        {
            uint kind = LLVMGetEnumAttributeKindForName(p, (nuint)bytes.Length);
            return LLVMCreateEnumAttribute(Handle, kind, value);
        }
    }

    /// <summary>A string attribute such as <c>"target-features"="+wavefrontsize32"</c>.</summary>
    internal nint StringAttribute(string key, string value)
    {
        var k = Encoding.UTF8.GetBytes(key);
        var v = Encoding.UTF8.GetBytes(value);
        fixed (byte* pk = k) fixed (byte* pv = v) return LLVMCreateStringAttribute(Handle, pk, (uint)k.Length, pv, (uint)v.Length);
    }

    /// <summary>A metadata node of values (as metadata), strings and i32 constants, usable as a named-metadata operand.</summary>
    public LValue MetadataNode(params object[] items)
    {
        var mds = new nint[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            mds[i] = items[i] switch
            {
                LValue v => LLVMValueAsMetadata(v.Handle),
                string s => MdString(s),
                int n => LLVMValueAsMetadata(I32Const(n).Handle),
                _ => throw new ArgumentException(items[i]?.GetType().Name),
            };
        }
        fixed (nint* p = mds) return new(LLVMMetadataAsValue(Handle, LLVMMDNodeInContext2(Handle, p, (nuint)mds.Length)));
    }

    private nint MdString(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        fixed (byte* p = b) return LLVMMDStringInContext2(Handle, p, (nuint)b.Length);
    }

    public uint MetadataKind(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        fixed (byte* p = bytes) return LLVMGetMDKindIDInContext(Handle, p, (uint)bytes.Length);
    }

    public void Dispose()
    {
        if (_owned && Handle != 0) LLVMContextDispose(Handle);
        Handle = 0;
    }
}
