using System.Runtime.InteropServices;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Native;

/// <summary>
/// One inline-assembly form run as native code: its thunk (<see cref="IInlineAssembler"/>) called through libffi with
/// the form's operands. Pointer operands are handed over as native copies of their allocations and copied back after
/// (<see cref="NativeCopies"/>), which is what a pointer input or a "memory" clobber lets the assembly touch. The
/// interpreter's memory is not the process's, so an integer operand holding an interpreter pointer is refused
/// (TR0904) rather than dereferenced at a meaningless address.
/// </summary>
internal sealed unsafe class NativeAssembly
{
    private const string Callee = "the inline assembly";

    private readonly nint _thunk;
    private readonly IrType _result;
    private readonly IrType[] _operands;
    private readonly long _resultBytes;
    private readonly FfiSignature _ffi;

    /// <summary>Throws <see cref="RuntimeError"/> for a shape that cannot cross to native code, saying which.</summary>
    public NativeAssembly(nint thunk, IrType result, IrType[] operands, TypeLayout layout)
    {
        _thunk = thunk;
        _result = result;
        _operands = operands;
        _resultBytes = result.IsVoid ? 0 : layout.SizeOf(result);
        bool readable = result.IsVoid || result is PointerType || result.IsAggregate && !layout.ContainsPointer(result)
            || result is ScalarType { Kind: not (ScalarKind.Half or ScalarKind.BFloat16) };
        if (!readable)
            throw new RuntimeError(Codes.UnsupportedInput, $"{Callee} returns {result}, which the interpreter cannot take back from native code");
        _ffi = new FfiSignature(Callee, ScalarType.Void, [new PointerType(ScalarType.Int8, 0), .. operands]);
    }

    /// <summary>Runs the form. For an aggregate result, argument 0 is the temporary receiving it and the operands follow.</summary>
    public long Call(ExternalCall call)
    {
        int first = _result.IsAggregate ? 1 : 0;
        using var copies = new NativeCopies(call, Callee);
        var values = new long[_operands.Length + 1];
        var result = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(8, _resultBytes));
        try
        {
            values[0] = (long)result;
            for (int i = 0; i < _operands.Length; i++)
            {
                long v = call[first + i];
                if (_operands[i] is PointerType) v = copies.ToNative(v);
                else if (_operands[i].Bits == 64 && Heap.IdOf(v) > 0 && call.Heap.Find(v) is { } a)
                    throw new RuntimeError(Codes.UnsupportedInput,
                        $"operand {i} of {Callee} is an integer holding the address of {a.What}; interpreter memory is not the process's, so native code cannot reach it through an integer (pass it as a pointer operand)");
                values[i + 1] = v;
            }
            _ffi.Call(call.Machine, _thunk, values, (long*)result);
            copies.CopyBack();
            if (_result.IsAggregate)
            {
                new ReadOnlySpan<byte>(result, (int)_resultBytes).CopyTo(call.Heap.Bytes(call[0], _resultBytes, write: true));
                return call[0];
            }
            return _result switch
            {
                PointerType => copies.FromNative(*(long*)result),
                ScalarType { Kind: ScalarKind.Bool } => *result & 1,
                ScalarType { Kind: ScalarKind.Int8 } => *(sbyte*)result,
                ScalarType { Kind: ScalarKind.Int16 } => *(short*)result,
                ScalarType { Kind: ScalarKind.Int32 or ScalarKind.Float } => *(int*)result,
                _ => *(long*)result, // int64, double; void leaves it unread
            };
        }
        finally
        {
            NativeMemory.Free(result);
        }
    }
}
