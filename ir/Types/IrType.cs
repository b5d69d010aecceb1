namespace Translate.Ir.Types;

/// <summary>
/// A type of the IR. Types compare structurally; <c>int</c> and <c>int32</c> are the same type.
/// Signedness is not part of a type: it lives in the operations, as in LLVM.
/// </summary>
public abstract record IrType
{
    public static readonly ScalarType Void = new(ScalarKind.Void);
    public static readonly ScalarType Bool = new(ScalarKind.Bool);
    public static readonly ScalarType Int8 = new(ScalarKind.Int8);
    public static readonly ScalarType Int16 = new(ScalarKind.Int16);
    public static readonly ScalarType Int32 = new(ScalarKind.Int32);
    public static readonly ScalarType Int64 = new(ScalarKind.Int64);
    public static readonly ScalarType Half = new(ScalarKind.Half);
    public static readonly ScalarType BFloat16 = new(ScalarKind.BFloat16);
    public static readonly ScalarType Float = new(ScalarKind.Float);
    public static readonly ScalarType Double = new(ScalarKind.Double);

    /// <summary>The opaque byte pointer used for C strings and untyped memory.</summary>
    public static readonly PointerType BytePtr = new(Int8, AddressSpace.Generic);

    public bool IsVoid => this is ScalarType { Kind: ScalarKind.Void };
    public bool IsBool => this is ScalarType { Kind: ScalarKind.Bool };
    public bool IsInteger => this is ScalarType { Kind: ScalarKind.Int8 or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64 };
    public bool IsFloat => this is ScalarType { Kind: ScalarKind.Half or ScalarKind.BFloat16 or ScalarKind.Float or ScalarKind.Double };
    public bool IsPointer => this is PointerType;
    public bool IsAggregate => this is ArrayType or StructType or VectorType;

    /// <summary>Scalars that fit in a register: integers, floats, bool, pointers.</summary>
    public bool IsFirstClassScalar => IsInteger || IsFloat || IsBool || IsPointer;

    /// <summary>The element type of a vector, or the type itself.</summary>
    public IrType ElementOrSelf => this is VectorType v ? v.Element : this;

    /// <summary>Bits of an integer or float scalar (bool: 1).</summary>
    public int Bits => this switch
    {
        ScalarType s => s.Kind switch
        {
            ScalarKind.Bool => 1,
            ScalarKind.Int8 => 8,
            ScalarKind.Int16 or ScalarKind.Half or ScalarKind.BFloat16 => 16,
            ScalarKind.Int32 or ScalarKind.Float => 32,
            ScalarKind.Int64 or ScalarKind.Double => 64,
            _ => 0,
        },
        PointerType => 64,
        _ => 0,
    };

    public override string ToString() => TypeSyntax.Print(this);
}

public enum ScalarKind { Void, Bool, Int8, Int16, Int32, Int64, Half, BFloat16, Float, Double }

public sealed record ScalarType(ScalarKind Kind) : IrType
{
    public override string ToString() => TypeSyntax.Print(this);
}

/// <summary>Address spaces, numbered as NVPTX numbers them (upstream llama.lisp uses the same).</summary>
public static class AddressSpace
{
    public const int Generic = 0;
    public const int Global = 1;
    public const int Shared = 3;
    public const int Constant = 4;
    public const int Local = 5;

    public static bool IsKnown(int n) => n is Generic or Global or Shared or Constant or Local;

    public static string Name(int n) => n switch
    {
        Generic => "generic", Global => "global", Shared => "shared", Constant => "constant", Local => "local",
        _ => $"addrspace {n}",
    };
}

public sealed record PointerType(IrType Pointee, int AddressSpace) : IrType
{
    public override string ToString() => TypeSyntax.Print(this);
}

/// <summary><c>(arr N T)</c>: N elements of T laid out contiguously. N = 0 only for dynamic shared memory.</summary>
public sealed record ArrayType(long Length, IrType Element) : IrType
{
    public override string ToString() => TypeSyntax.Print(this);
}

/// <summary><c>(vec N T)</c>: CUDA's built-in vector types (float4 …): N in 1–4, lanes x y z w.</summary>
public sealed record VectorType(int Length, IrType Element) : IrType
{
    public override string ToString() => TypeSyntax.Print(this);
}

/// <summary><c>(struct NAME)</c>: a struct defined by <c>define-struct</c>.</summary>
public sealed record StructType(string Name) : IrType
{
    public override string ToString() => TypeSyntax.Print(this);
}
