using System.Runtime.InteropServices;

namespace Translate.Interpreter.Native;

/// <summary>
/// The thin binding of libffi (libffi8), the one place the project calls it: the interpreter calls a
/// native function whose signature is known only at run time through a prepared call interface.
/// Only the x86-64 System V ABI is bound (FFI_UNIX64); elsewhere <see cref="Available"/> is false.
/// </summary>
internal static unsafe partial class LibFfi
{
    private const string Library = "libffi.so.8";

    /// <summary>ffi_abi FFI_UNIX64 (ffitarget.h: FFI_FIRST_ABI = 1, then FFI_UNIX64).</summary>
    private const int Unix64 = 2;

    /// <summary>sizeof(ffi_cif) is 32 on x86-64; room to spare.</summary>
    public const int CifBytes = 64;

    public enum Scalar { Void, SInt8, SInt16, SInt32, SInt64, Float, Double, Pointer }

    private static readonly Lazy<nint> Handle = new(() => NativeLibrary.TryLoad(Library, out var h) ? h : 0);

    public static bool Available => Handle.Value != 0 && RuntimeInformation.ProcessArchitecture == Architecture.X64 && OperatingSystem.IsLinux();

    /// <summary>The address of libffi's exported <c>ffi_type</c> for <paramref name="s"/>.</summary>
    public static nint TypeOf(Scalar s) => NativeLibrary.GetExport(Handle.Value, s switch
    {
        Scalar.Void => "ffi_type_void",
        Scalar.SInt8 => "ffi_type_sint8",
        Scalar.SInt16 => "ffi_type_sint16",
        Scalar.SInt32 => "ffi_type_sint32",
        Scalar.SInt64 => "ffi_type_sint64",
        Scalar.Float => "ffi_type_float",
        Scalar.Double => "ffi_type_double",
        _ => "ffi_type_pointer",
    });

    /// <summary>Fills <paramref name="cif"/> for a call returning <paramref name="result"/> with the given argument types; false if libffi refuses.</summary>
    public static bool Prepare(nint cif, nint result, nint* argumentTypes, int count) =>
        ffi_prep_cif(cif, Unix64, (uint)count, result, argumentTypes) == 0;

    /// <summary>Calls <paramref name="function"/>; <paramref name="result"/> needs at least 8 bytes, each argument slot points at its value.</summary>
    public static void Call(nint cif, nint function, void* result, void** arguments) => ffi_call(cif, function, result, arguments);

    [LibraryImport(Library)] private static partial int ffi_prep_cif(nint cif, int abi, uint nargs, nint rtype, nint* atypes);
    [LibraryImport(Library)] private static partial void ffi_call(nint cif, nint fn, void* rvalue, void** avalue);
}
