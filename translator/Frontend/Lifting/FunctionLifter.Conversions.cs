using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>C++'s implicit and explicit conversions, made explicit in the IR.</summary>
internal sealed partial class FunctionLifter
{
    /// <summary>
    /// libclang exposes implicit casts, temporaries, default arguments and template-argument
    /// substitutions all as "unexposed" expressions. Each is lifted by what it does to the type:
    /// nothing (looked through, an lvalue stays an lvalue), or a conversion from its operand's type.
    /// </summary>
    private Operand LiftImplicit(Cursor e, SourceLocation at)
    {
        var children = e.Children.Where(c => c.IsExpression).ToList();
        if (children.Count == 0)
        {
            // Default arguments, value-initialization, __func__ …: what clang folds.
            if (e.EvaluateString() is { } s) return new ValueOperand(new StringLit(at, s), e.Type, IrType.BytePtr);
            return Constant(e, at) ?? (e.Type.Canonical.Kind == TypeKind.Pointer && e.Evaluate() is null && e.Position.Line == 0
                    ? throw Unsupported(Codes.UnsupportedExpression, at, "a default argument that is not a constant is not translated")
                    : throw Unsupported(Codes.UnsupportedExpression, at, $"implicit expression of type '{e.Type.Spelling}' is not translated"));
        }
        if (Unparenthesized(children[0]).Kind == CursorKind.StringLiteral && e.EvaluateString() is { } text)
            return new ValueOperand(new StringLit(at, text), e.Type, IrType.BytePtr); // libclang folds strings at the decay, not at the literal
        if (children.Count > 1)
            throw Unsupported(Codes.UnsupportedExpression, at, $"implicit expression of type '{e.Type.Spelling}' with {children.Count} operands is not translated");
        if (IsInitializerList(e.Type) && BraceListUnder(children[0]) is { } list) return InitializerListOf(e, list, at);
        return ConvertOperand(Lift(children[0]), e.Type, at);
    }

    private static Cursor Unparenthesized(Cursor e)
    {
        while (e.Kind == CursorKind.ParenExpr && e.Children.Count == 1) e = e.Children[0];
        return e;
    }

    /// <summary>Converts an operand to <paramref name="to"/>; a conversion that changes nothing keeps a place a place.</summary>
    private Operand ConvertOperand(Operand o, ClangType to, SourceLocation at)
    {
        var target = to.Canonical;
        if (target.Kind == TypeKind.Void) return o;
        if (to.IsDataMemberPointer) return MemberPointerConversion(o, to, at);
        if (InheritanceConversion(o, to, at) is { } converted) return converted;
        if (VolatileReadInLockstep(o, to, at) is { } read) o = read;
        if (target.Kind == TypeKind.Record && _types.VectorOf(to) is null && ConvertingConstructors.Find(to, o.CType) is { } constructor)
            return ConvertingConstruction(o, to, constructor, at);
        // A class template's instantiation shows no constructors: the one clang picks is found through a probe.
        if (target.Kind == TypeKind.Record && _types.VectorOf(to) is null && ConvertingConstructors.IsArithmetic(o.CType.Canonical.Kind)
            && _module.InstantiatedConstructor(to, o.CType, at) is { } instantiated)
            return ConvertingConstruction(o, to, instantiated, at);
        if (target.Kind == TypeKind.Record && _types.VectorOf(to) is { } vector && ConvertingConstructors.Find(to, o.CType) is { } vectorConstructor)
            return VectorConstruction(o, to, vector, vectorConstructor, at);
        var toType = _types.Map(to, at);
        if (o.Type is PointerType && toType is ArrayType decayed)
        {
            // libclang shows a decayed type (an array parameter's) as the array: the value is the pointer it decays to.
            var pointer = new PointerType(decayed.Element, AddressSpace.Generic);
            var value = Read(o, at);
            return new ValueOperand(o.Type == pointer ? value : new CastExpr(at, CastOp.Bitcast, value, pointer), to, pointer);
        }
        if (o.Type is ArrayType && toType is PointerType)
        {
            // Array-to-pointer decay: the address of element 0.
            var address = AddressOf(o, at);
            return new ValueOperand(new ArrayPtrAddExpr(at, ArrayBase(address, at), new IntLit(at, 0, null)), to, toType);
        }
        // A literal changing signedness goes through Convert, which gives it the value its new type reads.
        bool literalChangesSign = o is ValueOperand { Value: IntLit } && o.CType.IsUnsignedInteger != to.IsUnsignedInteger;
        if (toType == o.Type && SameKindOfValue(o.CType, to) && !literalChangesSign)
            return o with { CType = to };
        return new ValueOperand(Convert(Read(o, at), o.CType, to, at), to, toType);
    }

    /// <summary>
    /// A class made from a value by its converting constructor (<see cref="ConvertingConstructors"/>): the value converted
    /// to the parameter's type and passed (the other parameters take their default arguments) to the constructor of a temporary.
    /// </summary>
    private Operand ConvertingConstruction(Operand value, ClangType to, Cursor constructor, SourceLocation at)
    {
        if (!HasBody(constructor))
            throw Unsupported(Codes.UnsupportedDeclaration, at, $"constructor '{constructor.DisplayName}' of '{to.Spelling}' is not translated");
        var arguments = Enumerable.Range(0, constructor.ArgumentCount)
            .Select(i => ConstructorArgument(i == 0 ? value : DefaultArgument(constructor, i, to, at), constructor, i, at)).ToList();
        return ConstructedTemporary(constructor, arguments, to, _types.Map(to, at), at);
    }

    /// <summary>
    /// A vector type of our headers made by its converting constructor (<c>dim3 d[2] = {4, 5}</c>: <c>dim3(unsigned vx = 1,
    /// unsigned vy = 1, unsigned vz = 1)</c>): its parameters are its lanes in order, as for a written <c>dim3(4)</c>
    /// (<see cref="LiftConstruction"/>), so the lanes are the value converted and the other parameters' default arguments.
    /// </summary>
    private Operand VectorConstruction(Operand value, ClangType to, VectorType vector, Cursor constructor, SourceLocation at)
    {
        if (constructor.ArgumentCount != vector.Length)
            throw Unsupported(Codes.UnsupportedExpression, at, $"conversion from '{value.CType.Spelling}' to '{to.Spelling}' through constructor '{constructor.DisplayName}' is not translated");
        var lanes = Enumerable.Range(0, vector.Length)
            .Select(i => Read(ConvertOperand(i == 0 ? value : DefaultArgument(constructor, i, to, at), ParameterValueType(constructor, i), at), at)).ToList();
        return new ValueOperand(new MakeExpr(at, vector, lanes), to, vector);
    }

    /// <summary>True when a change of C++ type is no change of value (const, typedefs, signedness of one width).</summary>
    private static bool SameKindOfValue(ClangType a, ClangType b)
    {
        var ka = a.Canonical.Kind;
        var kb = b.Canonical.Kind;
        if (ka == TypeKind.Bool || kb == TypeKind.Bool) return ka == kb;
        if (ka == TypeKind.NullPtr || kb == TypeKind.NullPtr) return ka == kb;
        return true;
    }

    /// <summary>Converts a value of C++ type <paramref name="from"/> to <paramref name="to"/> with explicit IR casts.</summary>
    private Expr Convert(Expr v, ClangType from, ClangType to, SourceLocation at)
    {
        var t = _types.Map(to, at);
        // std::nullptr_t has no IR type of its own: only its conversions are values.
        if (from.Canonical.Kind == TypeKind.NullPtr)
            return t is PointerType p ? new NullLit(at, p) : t.IsBool ? new BoolLit(at, false) : to.IsDataMemberPointer ? NullMemberPointer(at)
                : to.IsFunctionPointer ? new IntLit(at, 0, IrType.Int64)
                : throw Unsupported(Codes.UnsupportedExpression, at, $"nullptr converted to '{to.Spelling}' is not translated");
        var f = _types.Map(from, at);
        bool fromUnsigned = from.IsUnsignedInteger || TypeMapper.IsUnsignedVector(from) && f is VectorType;
        if (t.IsBool && from.IsDataMemberPointer) return new BinaryExpr(at, BinaryOp.Ne, v, NullMemberPointer(at));
        if (t.IsBool) return ToBoolValue(v, f, at);
        // A literal holds its value as its C++ type reads it: 0xFFA60000u converted to int is −5,898,240 (CUDA fuzz seed 6).
        if (f == t && v is IntLit same && fromUnsigned != to.IsUnsignedInteger)
            return Literal(LiteralValue(same.Value, t, to.IsUnsignedInteger), t, at);
        if (f == t) return v;
        if (f.IsBool)
        {
            if (t.IsInteger) return v is BoolLit b ? Literal(b.Value ? 1 : 0, t, at) : new CastExpr(at, CastOp.ZExt, v, t);
            if (t.IsFloat) return new CastExpr(at, CastOp.UIToFP, v, t);
        }
        if (f.IsInteger && t.IsInteger)
        {
            if (v is IntLit lit) return Literal(LiteralValue(ValueAsWritten(lit.Value, f, fromUnsigned), t, to.IsUnsignedInteger), t, at);
            if (t.Bits > f.Bits) return new CastExpr(at, fromUnsigned ? CastOp.ZExt : CastOp.SExt, v, t);
            return new CastExpr(at, CastOp.Trunc, v, t);
        }
        if (f.IsInteger && t.IsFloat)
        {
            if (v is IntLit lit) return FloatLiteral((double)ValueAsWritten(lit.Value, f, fromUnsigned), t, at);
            return new CastExpr(at, fromUnsigned ? CastOp.UIToFP : CastOp.SIToFP, v, t);
        }
        if (f.IsFloat && t.IsInteger)
        {
            // To char or short, through int as GPUs and x86 do (cvt to a 16/32-bit register, then the low bits stored):
            // 260.0f becomes (unsigned char)4 there, not the 255 a saturating conversion straight to 8 bits gives.
            if (t.Bits < 32)
                return new CastExpr(at, CastOp.Trunc, new CastExpr(at, CastOp.FPToSI, v, IrType.Int32), t);
            return new CastExpr(at, to.IsUnsignedInteger ? CastOp.FPToUI : CastOp.FPToSI, v, t);
        }
        if (f.IsFloat && t.IsFloat)
        {
            if (v is FloatLit fl) return FloatLiteral(fl.Value, t, at);
            return new CastExpr(at, t.Bits > f.Bits ? CastOp.FPExt : CastOp.FPTrunc, v, t);
        }
        if (f is PointerType && t is PointerType) return new CastExpr(at, CastOp.Bitcast, v, t);
        if (f.IsInteger && t is PointerType tp)
            return v is IntLit { Value: var z } && z == 0 ? new NullLit(at, tp) : new CastExpr(at, CastOp.IntToPtr, v, t);
        if (f is PointerType && t.IsInteger) return new CastExpr(at, CastOp.PtrToInt, v, t);
        throw Unsupported(Codes.UnsupportedExpression, at, $"conversion from '{from.Spelling}' to '{to.Spelling}' is not translated");
    }

    /// <summary>A literal's value read with its C++ signedness.</summary>
    private static Int128 ValueAsWritten(Int128 value, IrType type, bool unsigned) =>
        unsigned && value < 0 ? value + (Int128.One << type.Bits) : value;

    private Expr ToBoolValue(Expr v, IrType f, SourceLocation at) => f switch
    {
        _ when f.IsBool => v,
        _ when f.IsInteger => v is IntLit lit ? new BoolLit(at, lit.Value != 0) : new BinaryExpr(at, BinaryOp.Ne, v, Literal(0, f, at)),
        // C++: a NaN converts to true, as does any non-zero value: the unordered test.
        _ when f.IsFloat => new BinaryExpr(at, BinaryOp.FUne, v, FloatLiteral(0, f, at)), // C: true for NaN
        PointerType p => new BinaryExpr(at, BinaryOp.Ne, v, new NullLit(at, p)),
        _ => throw Unsupported(Codes.UnsupportedExpression, at, $"a value of type {f} cannot be used as a condition"),
    };

    /// <summary>An operand as a condition (bool).</summary>
    private Expr ToBool(Operand o, SourceLocation at) => o.CType.IsDataMemberPointer
        ? new BinaryExpr(at, BinaryOp.Ne, Read(o, at), NullMemberPointer(at))
        : ToBoolValue(Read(o, at), o.Type, at);
}
