using Translate.Backends.Cpu.Lowering;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.Cpu.Execution;

/// <summary>
/// Native code for single inline-assembly forms, for the interpreter (which has no instruction set of its own).
/// Each form becomes <c>void __tr_asm_N(ptr result, ARG...)</c>: it runs the assembly once on its operands and
/// stores the result (a scalar, or the struct of several outputs) at <c>result</c>, so every shape is one C
/// signature the interpreter's libffi can call. The form is lowered by <see cref="HostAssembly"/>, exactly as the
/// cpu device lowers it, and loaded into a JIT that lives as long as this object (the interpreter's run).
/// </summary>
public sealed class AsmThunkCompiler : IDisposable
{
    private LlvmTargetMachine? _machine;
    private LlvmJit? _jit;
    private int _count;

    /// <summary>Null when LLVM 19 is usable here; otherwise why not.</summary>
    public static string? UnavailableReason => LlvmAvailability.UnavailableReason;

    /// <summary>
    /// The address of the thunk running <paramref name="asm"/> (its structs laid out by <paramref name="layout"/>).
    /// Throws <see cref="LlvmException"/> when LLVM rejects the form, e.g. a template that is not x86-64 assembly.
    /// </summary>
    public nint Compile(AsmExpr asm, TypeLayout layout)
    {
        _machine ??= LlvmTargetMachine.Host();
        _jit ??= new LlvmJit();
        string name = $"__tr_asm_{_count++}";
        using var context = new LlvmContext();
        using var module = new LlvmModule(context, name);
        using var builder = new LlvmBuilder(context);
        module.SetTarget(_machine.Triple, _machine.DataLayout);
        var types = new TypeLowering(context, layout);
        var parameters = asm.Arguments.Select(a => types.Value(a.Type)).Prepend(context.Ptr).ToList();
        var thunk = module.AddFunction(name, LlvmContext.Function(context.Void, parameters));
        builder.PositionAtEnd(builder.AppendBlock(thunk, "entry"));
        var operands = Enumerable.Range(1, asm.Arguments.Count).Select(i => LlvmModule.Param(thunk, i)).ToArray();
        var result = HostAssembly.Call(builder, types, asm, operands);
        if (!asm.ReturnType.IsVoid) builder.Store(result, LlvmModule.Param(thunk, 0), types.AlignOf(asm.ReturnType));
        builder.RetVoid();
        CpuCompiler.Verify(module);
        _jit.AddObject(_machine.EmitObjectBytes(module), name);
        return _jit.Lookup(name);
    }

    public void Dispose()
    {
        _jit?.Dispose();
        _machine?.Dispose();
    }
}
