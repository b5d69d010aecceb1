using System.Runtime.InteropServices;
using Translate.Interpreter.Execution;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Native;

/// <summary>
/// A C signature prepared once for libffi (the call interface and its type array live as long as the process: one
/// per native function or inline-assembly thunk), and the call through it. Only scalars and pointers cross.
/// </summary>
internal sealed unsafe partial class FfiSignature
{
    [LibraryImport("libc", EntryPoint = "fflush")] private static partial int Fflush(nint stream);

    private readonly nint _cif;

    /// <summary>The signature <paramref name="result"/> (<paramref name="parameters"/>); messages name the code <paramref name="callee"/>.</summary>
    public FfiSignature(string callee, IrType result, IReadOnlyList<IrType> parameters)
    {
        if (!LibFfi.Available)
            throw new RuntimeError(Codes.UnsupportedExternal, $"calling {callee} from the interpreter needs libffi (libffi8) on x86-64 Linux; run on cpu");
        var types = (nint*)NativeMemory.Alloc((nuint)Math.Max(1, parameters.Count), (nuint)sizeof(nint));
        for (int i = 0; i < parameters.Count; i++) types[i] = LibFfi.TypeOf(ScalarOf(parameters[i], callee));
        _cif = (nint)NativeMemory.AllocZeroed(LibFfi.CifBytes);
        if (!LibFfi.Prepare(_cif, LibFfi.TypeOf(ScalarOf(result, callee)), types, parameters.Count))
            throw new RuntimeError(Codes.UnsupportedExternal, $"libffi cannot prepare a call of {callee}");
    }

    private static LibFfi.Scalar ScalarOf(IrType t, string callee) => t switch
    {
        _ when t.IsVoid => LibFfi.Scalar.Void,
        PointerType => LibFfi.Scalar.Pointer,
        ScalarType { Kind: ScalarKind.Bool or ScalarKind.Int8 } => LibFfi.Scalar.SInt8,
        ScalarType { Kind: ScalarKind.Int16 } => LibFfi.Scalar.SInt16,
        ScalarType { Kind: ScalarKind.Int32 } => LibFfi.Scalar.SInt32,
        ScalarType { Kind: ScalarKind.Int64 } => LibFfi.Scalar.SInt64,
        ScalarType { Kind: ScalarKind.Float } => LibFfi.Scalar.Float,
        ScalarType { Kind: ScalarKind.Double } => LibFfi.Scalar.Double,
        _ => throw new RuntimeError(Codes.UnsupportedExternal, $"{callee} takes or returns {t}, which the interpreter cannot pass to native code"),
    };

    /// <summary>
    /// Calls <paramref name="address"/> with the argument values (registers' encodings: integers, float bits, native
    /// addresses); <paramref name="result"/> receives at least 8 bytes. The code may print through C's stdio: what the
    /// program printed before comes first, and what it printed is out before the program prints on.
    /// </summary>
    public void Call(Machine machine, nint address, ReadOnlySpan<long> arguments, long* result)
    {
        int n = arguments.Length;
        var values = stackalloc long[Math.Max(1, n)];
        var slots = stackalloc void*[Math.Max(1, n)];
        for (int i = 0; i < n; i++)
        {
            values[i] = arguments[i];
            slots[i] = &values[i];
        }
        machine.Stdout.Flush();
        LibFfi.Call(_cif, address, result, slots);
        _ = Fflush(0);
    }
}
