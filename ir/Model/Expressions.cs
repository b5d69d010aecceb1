using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Model;

/// <summary>
/// An expression. <see cref="Type"/> is filled in by the type checker (once, before any backend
/// sees the tree); literals given a type in the text carry it from the start.
/// </summary>
public abstract class Expr(SourceLocation location) : Node(location)
{
    public IrType Type { get; internal set; } = null!;
}

/// <summary>An integer literal. A bare literal is <c>int</c> unless its context asks for another
/// integer type; <c>(int64 5)</c> gives the type explicitly.</summary>
public sealed class IntLit(SourceLocation location, Int128 value, IrType? explicitType) : Expr(location)
{
    public Int128 Value { get; } = value;
    public IrType? ExplicitType { get; } = explicitType;
}

/// <summary>A float literal: <c>float</c> unless its context asks for another float type; <c>(double 0.1)</c>.</summary>
public sealed class FloatLit(SourceLocation location, double value, IrType? explicitType) : Expr(location)
{
    public double Value { get; } = value;
    public IrType? ExplicitType { get; } = explicitType;
}

/// <summary><c>#t</c> or <c>#f</c>.</summary>
public sealed class BoolLit(SourceLocation location, bool value) : Expr(location)
{
    public bool Value { get; } = value;
}

/// <summary><c>(string "...")</c>: a pointer to a NUL-terminated constant string, type <c>(ptr int8)</c>.</summary>
public sealed class StringLit(SourceLocation location, string value) : Expr(location)
{
    public string Value { get; } = value;
}

/// <summary>Extension <c>(null TYPE)</c>: the null pointer of a pointer type.</summary>
public sealed class NullLit(SourceLocation location, IrType pointerType) : Expr(location)
{
    public IrType PointerType { get; } = pointerType;
}

/// <summary>A variable: local, parameter or global.</summary>
public sealed class VarRef(SourceLocation location, string name) : Expr(location)
{
    public string Name { get; } = name;
    public Symbol Symbol { get; internal set; } = null!;
}

/// <summary>Two-operand arithmetic, bitwise and comparison operations (<see cref="BinaryOp"/>).</summary>
public sealed class BinaryExpr(SourceLocation location, BinaryOp op, Expr left, Expr right) : Expr(location)
{
    public BinaryOp Op { get; } = op;
    public Expr Left { get; } = left;
    public Expr Right { get; } = right;
}

/// <summary><c>(not X)</c> (bitwise on integers, logical on bool) and <c>(fneg X)</c>.</summary>
public sealed class UnaryExpr(SourceLocation location, UnaryOp op, Expr operand) : Expr(location)
{
    public UnaryOp Op { get; } = op;
    public Expr Operand { get; } = operand;
}

/// <summary><c>(OP EXPR TYPE)</c> for the conversions in <see cref="CastOp"/>.</summary>
public sealed class CastExpr(SourceLocation location, CastOp op, Expr operand, IrType target) : Expr(location)
{
    public CastOp Op { get; } = op;
    public Expr Operand { get; } = operand;
    public IrType Target { get; } = target;
}

/// <summary><c>(load P)</c>.</summary>
public sealed class LoadExpr(SourceLocation location, Expr pointer) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
}

/// <summary><c>(store P V)</c>: type void.</summary>
public sealed class StoreExpr(SourceLocation location, Expr pointer, Expr value) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
    public Expr Value { get; } = value;
}

/// <summary><c>(ptradd P I)</c>: P advanced by I elements (I is any integer type, signed).</summary>
public sealed class PtrAddExpr(SourceLocation location, Expr pointer, Expr index) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
    public Expr Index { get; } = index;
}

/// <summary><c>(aptradd A I)</c>: pointer to element I of array A (an array variable, or a pointer to an array).</summary>
public sealed class ArrayPtrAddExpr(SourceLocation location, Expr array, Expr index) : Expr(location)
{
    public Expr Array { get; } = array;
    public Expr Index { get; } = index;
}

/// <summary><c>(sptradd P FIELD)</c>: pointer to a field of the struct (or lane x/y/z/w of the vector) P points to.</summary>
public sealed class StructPtrAddExpr(SourceLocation location, Expr pointer, string field) : Expr(location)
{
    public Expr Pointer { get; } = pointer;
    public string Field { get; } = field;
    /// <summary>Field index, resolved by the type checker.</summary>
    public int FieldIndex { get; internal set; } = -1;
}

/// <summary><c>(alloc TYPE N)</c>: N elements of TYPE in the current function's frame (freed when it returns).</summary>
public sealed class AllocExpr(SourceLocation location, IrType elementType, Expr count) : Expr(location)
{
    public IrType ElementType { get; } = elementType;
    public Expr Count { get; } = count;
}

/// <summary><c>(ptr-to VAR)</c>: the address of a variable (local, parameter, global or shared).</summary>
public sealed class PtrToExpr(SourceLocation location, string name) : Expr(location)
{
    public string Name { get; } = name;
    public Symbol Symbol { get; internal set; } = null!;
}

/// <summary><c>(call F ARG...)</c>.</summary>
public sealed class CallExpr(SourceLocation location, string function, IReadOnlyList<Expr> arguments) : Expr(location)
{
    public string Function { get; } = function;
    public IReadOnlyList<Expr> Arguments { get; } = arguments;
    public CallTarget Target { get; internal set; } = null!;
}

/// <summary><c>(asm "template" "constraints" RET ARG...)</c>: inline assembly, kept verbatim.</summary>
public sealed class AsmExpr(SourceLocation location, string template, string constraints, IrType returnType,
    IReadOnlyList<Expr> arguments) : Expr(location)
{
    public string Template { get; } = template;
    public string Constraints { get; } = constraints;
    public IrType ReturnType { get; } = returnType;
    public IReadOnlyList<Expr> Arguments { get; } = arguments;
}

/// <summary><c>(select C A B)</c>: evaluates all three, then picks (upstream). Compare <see cref="CondExpr"/>.</summary>
public sealed class SelectExpr(SourceLocation location, Expr condition, Expr ifTrue, Expr ifFalse) : Expr(location)
{
    public Expr Condition { get; } = condition;
    public Expr IfTrue { get; } = ifTrue;
    public Expr IfFalse { get; } = ifFalse;
}

/// <summary>Extension <c>(cond C A B)</c>: C's <c>?:</c>; only the chosen operand is evaluated.</summary>
public sealed class CondExpr(SourceLocation location, Expr condition, Expr ifTrue, Expr ifFalse) : Expr(location)
{
    public Expr Condition { get; } = condition;
    public Expr IfTrue { get; } = ifTrue;
    public Expr IfFalse { get; } = ifFalse;
}

/// <summary>Extension <c>(land A B)</c> / <c>(lor A B)</c>: C's short-circuit <c>&amp;&amp;</c> and <c>||</c> on bool.</summary>
public sealed class LogicalExpr(SourceLocation location, bool isAnd, Expr left, Expr right) : Expr(location)
{
    public bool IsAnd { get; } = isAnd;
    public Expr Left { get; } = left;
    public Expr Right { get; } = right;
}

/// <summary>
/// Extension <c>(begin STMT... EXPR)</c>: runs the statements, then yields EXPR — C's comma operator
/// and assignments inside expressions. Declarations inside are local to it.
/// </summary>
public sealed class BeginExpr(SourceLocation location, Block statements, Expr result) : Expr(location)
{
    public Block Statements { get; } = statements;
    public Expr Result { get; } = result;
}

/// <summary><c>(extractvalue AGG I)</c>: field I (index or name) of a struct value, lane of a vector value, element of an array value.</summary>
public sealed class ExtractValueExpr(SourceLocation location, Expr aggregate, string index) : Expr(location)
{
    public Expr Aggregate { get; } = aggregate;
    public string Index { get; } = index;
    public int ResolvedIndex { get; internal set; } = -1;
}

/// <summary><c>(insertvalue AGG V I)</c>: a copy of AGG with field or lane I replaced by V.</summary>
public sealed class InsertValueExpr(SourceLocation location, Expr aggregate, string index, Expr value) : Expr(location)
{
    public Expr Aggregate { get; } = aggregate;
    public string Index { get; } = index;
    public Expr Value { get; } = value;
    public int ResolvedIndex { get; internal set; } = -1;
}

/// <summary>Extension <c>(make TYPE E...)</c>: a struct, vector or array value from its elements, in order.</summary>
public sealed class MakeExpr(SourceLocation location, IrType aggregateType, IReadOnlyList<Expr> elements) : Expr(location)
{
    public IrType AggregateType { get; } = aggregateType;
    public IReadOnlyList<Expr> Elements { get; } = elements;
}
