using System.Runtime.InteropServices;
using Translate.Interpreter.Execution;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Native;

/// <summary>
/// A natively linked function (the C library, a <c>run --with</c> file) called from interpreted host
/// code through libffi. Interpreter pointers name allocations, not addresses, so each pointer argument
/// is handed over as a native copy of the allocation it points into (one copy per allocation per
/// call), copied back after the call; a returned pointer into one of those copies maps back to the
/// allocation. Memory reached through pointers stored inside that memory is not translated, and a
/// pointer that names no allocation (an integer made a pointer) is passed as its bits, as C would.
/// </summary>
internal sealed unsafe partial class NativeFunction
{
    [LibraryImport("libc", EntryPoint = "fflush")] private static partial int Fflush(nint stream);

    private readonly string _name;
    private readonly nint _address;
    private readonly IrType _return;
    private readonly IrType[] _parameters;
    private readonly nint _cif;

    /// <summary>The declaration's signature, as the interpreter's external calls carry it.</summary>
    public ExternalFunction Signature { get; }

    public NativeFunction(FunctionDef declared, nint address)
    {
        string name = declared.Name;
        _name = name;
        _address = address;
        _return = declared.ReturnType;
        _parameters = [.. declared.Parameters.Select(p => p.Type)];
        Signature = new ExternalFunction(name, ExternalKind.Native, _return, _parameters);
        if (!LibFfi.Available)
            throw new RuntimeError(Codes.UnsupportedExternal, $"'{name}' is a native function, and calling one from the interpreter needs libffi (libffi8) on x86-64 Linux; run on cpu");
        // The call interface and its type array live as long as the process: one per declared function.
        var types = (nint*)NativeMemory.Alloc((nuint)Math.Max(1, _parameters.Length), (nuint)sizeof(nint));
        for (int i = 0; i < _parameters.Length; i++) types[i] = LibFfi.TypeOf(ScalarOf(_parameters[i]));
        _cif = (nint)NativeMemory.AllocZeroed(LibFfi.CifBytes);
        if (!LibFfi.Prepare(_cif, LibFfi.TypeOf(ScalarOf(_return)), types, _parameters.Length))
            throw new RuntimeError(Codes.UnsupportedExternal, $"libffi cannot prepare a call of the native function '{name}'");
    }

    private LibFfi.Scalar ScalarOf(IrType t) => t switch
    {
        _ when t.IsVoid => LibFfi.Scalar.Void,
        PointerType => LibFfi.Scalar.Pointer,
        ScalarType { Kind: ScalarKind.Bool or ScalarKind.Int8 } => LibFfi.Scalar.SInt8,
        ScalarType { Kind: ScalarKind.Int16 } => LibFfi.Scalar.SInt16,
        ScalarType { Kind: ScalarKind.Int32 } => LibFfi.Scalar.SInt32,
        ScalarType { Kind: ScalarKind.Int64 } => LibFfi.Scalar.SInt64,
        ScalarType { Kind: ScalarKind.Float } => LibFfi.Scalar.Float,
        ScalarType { Kind: ScalarKind.Double } => LibFfi.Scalar.Double,
        _ => throw new RuntimeError(Codes.UnsupportedExternal, $"the native function '{_name}' takes or returns {t}, which the interpreter cannot pass to C"),
    };

    public long Call(ExternalCall call)
    {
        var copies = new List<(Allocation Allocation, nint Native)>();
        try
        {
            int n = _parameters.Length;
            var values = stackalloc long[Math.Max(1, n)];
            var slots = stackalloc void*[Math.Max(1, n)];
            for (int i = 0; i < n; i++)
            {
                values[i] = _parameters[i] is PointerType ? ToNative(call.Heap, call[i], copies) : call[i];
                slots[i] = &values[i];
            }
            var result = stackalloc long[2];
            // The function may print through C's stdio: what the program printed before comes first,
            // and what it printed is out before the program prints on.
            call.Machine.Stdout.Flush();
            LibFfi.Call(_cif, _address, result, slots);
            _ = Fflush(0);
            foreach (var (a, native) in copies)
                if (!a.ReadOnly) new ReadOnlySpan<byte>((void*)native, a.Data.Length).CopyTo(a.Data);
            return _return switch
            {
                PointerType => FromNative(result[0], copies),
                ScalarType { Kind: ScalarKind.Float } => *(int*)result,
                ScalarType { Kind: ScalarKind.Bool } => *(byte*)result & 1,
                _ when _return.IsInteger => Values.Wrap(result[0], _return.Bits),
                _ => result[0],
            };
        }
        finally
        {
            foreach (var (_, native) in copies) NativeMemory.Free((void*)native);
        }
    }

    /// <summary>The native address for an interpreter pointer: into a copy of its allocation, made once per call.</summary>
    private long ToNative(Heap heap, long pointer, List<(Allocation, nint)> copies)
    {
        if (heap.Find(pointer) is not { } a) return pointer;
        if (a.Freed) throw new RuntimeError(Codes.UseAfterFree, $"'{_name}' is passed a pointer into {a.What}, which was freed");
        if (a.Kind is AllocationKind.Device or AllocationKind.Shared or AllocationKind.Constant or AllocationKind.DeviceStack)
            throw new RuntimeError(Codes.WrongSpace, $"host code passes a pointer into {a.What} (device memory) to the native function '{_name}'");
        foreach (var (existing, native) in copies)
            if (existing == a) return native + Heap.OffsetOf(pointer);
        // One spare byte past the end so a one-past-the-end pointer stays inside the copy.
        var copy = (nint)NativeMemory.AllocZeroed((nuint)a.Data.Length + 1);
        a.Data.CopyTo(new Span<byte>((void*)copy, a.Data.Length));
        copies.Add((a, copy));
        return copy + Heap.OffsetOf(pointer);
    }

    private static long FromNative(long address, List<(Allocation Allocation, nint Native)> copies)
    {
        foreach (var (a, native) in copies)
            if (address >= native && address <= native + a.Data.Length)
                return Heap.MakePointer(a.Id, address - native);
        return address;
    }
}
