using System.Text;
using static Translate.Backends.Llvm.Interop.LlvmNative;

namespace Translate.Backends.Llvm.Api;

/// <summary>An LLVM module being built, printed, verified, optimized or handed to the JIT.</summary>
public sealed unsafe class LlvmModule : IDisposable
{
    internal nint Handle { get; private set; }
    public LlvmContext Context { get; }

    public LlvmModule(LlvmContext context, string name)
    {
        Context = context;
        Handle = LLVMModuleCreateWithNameInContext(name, context.Handle);
    }

    private LlvmModule(LlvmContext context, nint handle)
    {
        Context = context;
        Handle = handle;
    }

    /// <summary>A module read from LLVM assembly text (for small hand-written runtime support code).</summary>
    public static LlvmModule Parse(LlvmContext context, string text, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        nint buffer;
        fixed (byte* p = bytes) buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(p, (nuint)bytes.Length, name);
        // The parser takes the buffer, whatever the outcome.
        if (LLVMParseIRInContext(context.Handle, buffer, out nint module, out nint message) != 0)
            throw new LlvmException($"LLVM could not read '{name}': {TakeMessage(message)}");
        return new LlvmModule(context, module);
    }

    public void SetTarget(string triple, string dataLayout)
    {
        LLVMSetTarget(Handle, triple);
        LLVMSetDataLayout(Handle, dataLayout);
    }

    public LFunction AddFunction(string name, LType type) => new(new LValue(LLVMAddFunction(Handle, name, type.Handle)), type);

    /// <summary>The function named <paramref name="name"/>, declared with <paramref name="type"/> if absent.</summary>
    public LFunction GetOrDeclare(string name, LType type)
    {
        var f = LLVMGetNamedFunction(Handle, name);
        return f != 0 ? new(new LValue(f), type) : AddFunction(name, type);
    }

    /// <summary>The global named <paramref name="name"/>, added (as a declaration) if absent.</summary>
    public LValue AddGlobalOrGet(string name, LType type)
    {
        var g = LLVMGetNamedGlobal(Handle, name);
        return g != 0 ? new LValue(g) : AddGlobal(name, type);
    }

    public LValue AddGlobal(string name, LType type) => new(LLVMAddGlobal(Handle, type.Handle, name));

    /// <summary>A global in address space <paramref name="space"/> (GPU shared/LDS memory lives outside address space 0).</summary>
    public LValue AddGlobalIn(string name, LType type, uint space) => new(LLVMAddGlobalInAddressSpace(Handle, type.Handle, name, space));

    /// <summary>Appends a node (see <see cref="LlvmContext.MetadataNode"/>) to named metadata such as <c>nvvm.annotations</c>.</summary>
    public void AddNamedMetadata(string name, LValue node) => LLVMAddNamedMetadataOperand(Handle, name, node.Handle);

    /// <summary>Sets a function's calling convention by LLVM's number (e.g. 91 = amdgpu_kernel).</summary>
    public static void SetCallingConvention(LFunction f, uint cc) => LLVMSetFunctionCallConv(f.Value.Handle, cc);

    /// <summary>Adds a string attribute <c>"KEY"="VALUE"</c> to a function.</summary>
    public void AddFunctionAttribute(LFunction f, string key, string value) =>
        LLVMAddAttributeAtIndex(f.Value.Handle, unchecked((uint)-1), Context.StringAttribute(key, value));

    public static void SetInitializer(LValue global, LValue value) => LLVMSetInitializer(global.Handle, value.Handle);
    public static void SetConstant(LValue global, bool isConstant) => LLVMSetGlobalConstant(global.Handle, isConstant ? 1 : 0);
    public static void SetLinkage(LValue global, Linkage linkage) => LLVMSetLinkage(global.Handle, (int)linkage);
    public static void SetAlignment(LValue value, long bytes) => LLVMSetAlignment(value.Handle, (uint)bytes);
    public static void SetUnnamedAddr(LValue global) => LLVMSetUnnamedAddr(global.Handle, 1);
    public static LValue Param(LFunction f, int index) => new(LLVMGetParam(f.Value.Handle, (uint)index));

    public void AddFunctionAttribute(LFunction f, string name) =>
        LLVMAddAttributeAtIndex(f.Value.Handle, unchecked((uint)-1), Context.Attribute(name));

    public void AddParamAttribute(LFunction f, int index, string name) =>
        LLVMAddAttributeAtIndex(f.Value.Handle, (uint)(index + 1), Context.Attribute(name));

    /// <summary>The declaration of an overloaded intrinsic such as <c>llvm.fptosi.sat</c> for the given types.</summary>
    public LFunction Intrinsic(string name, params LType[] overloads)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        uint id;
        fixed (byte* p = bytes) id = LLVMLookupIntrinsicID(p, (nuint)bytes.Length);
        if (id == 0) throw new InvalidOperationException($"no LLVM intrinsic '{name}'");
        var hs = overloads.Select(t => t.Handle).ToArray();
        nint f;
        fixed (nint* p = hs) f = LLVMGetIntrinsicDeclaration(Handle, id, p, (nuint)hs.Length);
        return new(new LValue(f), new LType(LLVMGlobalGetValueType(f)));
    }

    /// <summary>The module as LLVM assembly text.</summary>
    public string Print() => TakeMessage(LLVMPrintModuleToString(Handle));

    /// <summary>Runs LLVM's verifier; null when the module is valid, else its report.</summary>
    public string? Verify()
    {
        int failed = LLVMVerifyModule(Handle, 2 /* LLVMReturnStatusAction */, out nint message);
        var text = TakeMessage(message);
        return failed != 0 ? text : null;
    }

    /// <summary>
    /// Sets <paramref name="flags"/> on every floating-point instruction and call of the module (those
    /// that take fast-math flags); returns how many. Flags loosen IEEE semantics, so only opt-in modes use this.
    /// </summary>
    public int SetFastMathFlags(FastMathFlags flags)
    {
        int count = 0;
        for (nint f = LLVMGetFirstFunction(Handle); f != 0; f = LLVMGetNextFunction(f))
            for (nint bb = LLVMGetFirstBasicBlock(f); bb != 0; bb = LLVMGetNextBasicBlock(bb))
                for (nint i = LLVMGetFirstInstruction(bb); i != 0; i = LLVMGetNextInstruction(i))
                {
                    if (LLVMCanValueUseFastMathFlags(i) == 0) continue;
                    LLVMSetFastMathFlags(i, (uint)flags);
                    count++;
                }
        return count;
    }

    /// <summary>Runs a new-pass-manager pipeline such as <c>default&lt;O3&gt;</c>.</summary>
    public void RunPasses(string pipeline, LlvmTargetMachine? machine)
    {
        var options = LLVMCreatePassBuilderOptions();
        try
        {
            LLVMPassBuilderOptionsSetLoopVectorization(options, 1);
            LLVMPassBuilderOptionsSetSLPVectorization(options, 1);
            LLVMPassBuilderOptionsSetLoopUnrolling(options, 1);
            Check(LLVMRunPasses(Handle, pipeline, machine?.Handle ?? 0, options), "LLVM passes");
        }
        finally { LLVMDisposePassBuilderOptions(options); }
    }

    /// <summary>Gives up ownership (the JIT takes the module).</summary>
    internal nint Release()
    {
        var h = Handle;
        Handle = 0;
        return h;
    }

    public void Dispose()
    {
        if (Handle != 0) LLVMDisposeModule(Handle);
        Handle = 0;
    }
}
