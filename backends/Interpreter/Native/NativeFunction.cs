using Translate.Interpreter.Execution;
using Translate.Interpreter.Library;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Native;

/// <summary>
/// A natively linked function (the C library, a <c>run --with</c> file) called from interpreted host code through
/// libffi, its pointer arguments handed over as native copies of their allocations (<see cref="NativeCopies"/>).
/// </summary>
internal sealed unsafe class NativeFunction
{
    private readonly string _name;
    private readonly nint _address;
    private readonly IrType _return;
    private readonly IrType[] _parameters;
    private readonly FfiSignature _ffi;

    /// <summary>The declaration's signature, as the interpreter's external calls carry it.</summary>
    public ExternalFunction Signature { get; }

    public NativeFunction(FunctionDef declared, nint address)
    {
        _name = declared.Name;
        _address = address;
        _return = declared.ReturnType;
        _parameters = [.. declared.Parameters.Select(p => p.Type)];
        Signature = new ExternalFunction(_name, ExternalKind.Native, _return, _parameters);
        _ffi = new FfiSignature($"the native function '{_name}'", _return, _parameters);
    }

    public long Call(ExternalCall call)
    {
        using var copies = new NativeCopies(call, $"the native function '{_name}'");
        var values = new long[_parameters.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = _parameters[i] is PointerType ? copies.ToNative(call[i]) : call[i];
        var result = stackalloc long[2];
        _ffi.Call(call.Machine, _address, values, result);
        copies.CopyBack();
        return _return switch
        {
            PointerType => copies.FromNative(result[0]),
            ScalarType { Kind: ScalarKind.Float } => *(int*)result,
            ScalarType { Kind: ScalarKind.Bool } => *(byte*)result & 1,
            _ when _return.IsInteger => Values.Wrap(result[0], _return.Bits),
            _ => result[0],
        };
    }
}
