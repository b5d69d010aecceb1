using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Model;

/// <summary>A whole program: <c>(c-lisp DEF...)</c>. Definitions keep their textual order.</summary>
public sealed class IrModule(string file, IReadOnlyList<Definition> definitions)
{
    public string File { get; } = file;
    public IReadOnlyList<Definition> Definitions { get; } = definitions;

    /// <summary>The program's head as written: <c>c-lisp</c>, or upstream's <c>cuda-lisp</c>; the printer keeps it.</summary>
    public string Head { get; init; } = "c-lisp";

    public IEnumerable<FunctionDef> Functions => Definitions.OfType<FunctionDef>();
    public IEnumerable<StructDef> Structs => Definitions.OfType<StructDef>();
    public IEnumerable<GlobalDef> Globals => Definitions.OfType<GlobalDef>();
    public IEnumerable<SharedDef> SharedVariables => Definitions.OfType<SharedDef>();

    /// <summary>The function with a body named <paramref name="name"/>, or a declaration of it.</summary>
    public FunctionDef? FindFunction(string name) =>
        Functions.FirstOrDefault(f => f.Name == name && f.Body is not null) ?? Functions.FirstOrDefault(f => f.Name == name);
}

public abstract class Definition(SourceLocation location) : Node(location);

public enum FunctionKind
{
    /// <summary><c>define</c>: a function callable from host or device code.</summary>
    Function,
    /// <summary><c>define-inline</c>: as <c>define</c>, with a request to inline.</summary>
    Inline,
    /// <summary><c>define-kernel</c>: a CUDA <c>__global__</c> function, started by <c>launch</c>.</summary>
    Kernel,
}

public sealed record Parameter(string Name, IrType Type, SourceLocation Location);

/// <summary>
/// <c>(define ((NAME RET) (ARG TYPE)...) STMT...)</c>. Without statements it declares an
/// external function (<see cref="Body"/> is null).
/// </summary>
public sealed class FunctionDef(SourceLocation location, FunctionKind kind, string name, IrType returnType,
    IReadOnlyList<Parameter> parameters, Block? body) : Definition(location)
{
    public FunctionKind Kind { get; } = kind;
    public string Name { get; } = name;
    public IrType ReturnType { get; } = returnType;
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;
    public Block? Body { get; } = body;
    public bool IsKernel => Kind == FunctionKind.Kernel;

    /// <summary>Parameters then locals (and shared variables declared in the body), indexed by
    /// <see cref="Symbol.Index"/>; filled by the type checker.</summary>
    public IReadOnlyList<Symbol> Symbols { get; internal set; } = [];
    public bool IsDeclaration => Body is null;
}

public sealed record StructField(string Name, IrType Type, SourceLocation Location);

/// <summary><c>(define-struct NAME (FIELD TYPE)...)</c>.</summary>
public sealed class StructDef(SourceLocation location, string name, IReadOnlyList<StructField> fields) : Definition(location)
{
    public string Name { get; } = name;
    public IReadOnlyList<StructField> Fields { get; } = fields;
    public int IndexOf(string field) => Fields.ToList().FindIndex(f => f.Name == field);
}

/// <summary>
/// <c>(define-global (NAME TYPE) [(const V)] [(ptr-to G)] [(addrspace N)] [(linkage external)])</c>.
/// Address space 1 is a CUDA <c>__device__</c> variable, 4 a <c>__constant__</c> one; 0 is a host global.
/// </summary>
public sealed class GlobalDef(SourceLocation location, string name, IrType type, Constant? initializer,
    string? pointsTo, int addressSpace, bool external) : Definition(location)
{
    public string Name { get; } = name;
    public IrType Type { get; } = type;
    public Constant? Initializer { get; } = initializer;
    /// <summary>For <c>(ptr-to G)</c>: the initial value is the address of global G.</summary>
    public string? PointsTo { get; } = pointsTo;
    public int AddressSpace { get; } = addressSpace;
    public bool External { get; } = external;
    public Symbol Symbol { get; internal set; } = null!;
}

/// <summary>
/// <c>(define-shared NAME (arr N T))</c>: per-block shared memory. At top level it is a file-scope
/// <c>__shared__</c> variable; inside a function body it is that function's. N = 0 is dynamic shared
/// memory: every such array starts at the same address, sized at launch.
/// </summary>
public sealed class SharedDef(SourceLocation location, string name, IrType type) : Definition(location)
{
    public string Name { get; } = name;
    public IrType Type { get; } = type;
    public bool IsDynamic => Type is ArrayType { Length: 0 };
    public Symbol Symbol { get; internal set; } = null!;
}

/// <summary>A constant initializer: a scalar literal, a string, or a list for arrays, vectors and structs.</summary>
public abstract record Constant(SourceLocation Location);
public sealed record IntConstant(Int128 Value, SourceLocation Location) : Constant(Location);
public sealed record FloatConstant(double Value, SourceLocation Location) : Constant(Location);
public sealed record BoolConstant(bool Value, SourceLocation Location) : Constant(Location);
public sealed record StringConstant(string Value, SourceLocation Location) : Constant(Location);
public sealed record ListConstant(IReadOnlyList<Constant> Items, SourceLocation Location) : Constant(Location);
