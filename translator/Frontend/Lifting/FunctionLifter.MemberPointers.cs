using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Pointers to data members (<c>int P::*</c>): the member's byte offset in its class, an <c>int64</c>, and -1 for
/// null — the Itanium C++ ABI's representation, so host code compiled by clang and device code agree on one. Pointers
/// to member functions, and conversions between pointers to members of a base and of a derived class, are refused.
/// </summary>
internal sealed partial class FunctionLifter
{
    private static Expr NullMemberPointer(SourceLocation at) => new IntLit(at, -1, IrType.Int64);

    /// <summary><c>&amp;P::m</c>: the offset of field m in the class that declares it (the pointer's class).</summary>
    private Operand MemberOffset(Cursor operand, ClangType type, SourceLocation at)
    {
        var field = Records.Unwrapped(operand).Referenced;
        if (field.IsNull || field.Kind != CursorKind.FieldDecl || field.FieldOffsetBits < 0 || field.FieldOffsetBits % 8 != 0)
            throw Unsupported(Codes.UnsupportedExpression, at, $"a pointer to member of type '{type.Spelling}' naming this member is not translated");
        return new ValueOperand(new IntLit(at, field.FieldOffsetBits / 8, IrType.Int64), type, IrType.Int64);
    }

    /// <summary><c>object.*m</c> and <c>pointer->*m</c>: the member at byte offset m of the object, as a place.</summary>
    private Operand DataMemberAt(Cursor e, bool throughPointer, SourceLocation at)
    {
        var c = e.Children;
        var objectAddress = throughPointer ? RValue(c[0]) : AddressOf(Lift(c[0]), at);
        var type = _types.Map(e.Type, at);
        var bytes = new CastExpr(at, CastOp.Bitcast, objectAddress, new PointerType(IrType.Int8, AddressSpace.Generic));
        var member = new PtrAddExpr(at, bytes, RValue(c[1]));
        return new MemoryOperand(new CastExpr(at, CastOp.Bitcast, member, new PointerType(type, AddressSpace.Generic)), e.Type, type);
    }

    /// <summary>
    /// A conversion to a pointer to data member: from one of the same class (qualifiers may differ), or from a null
    /// pointer constant (nullptr, 0), which is -1.
    /// </summary>
    private Operand MemberPointerConversion(Operand o, ClangType to, SourceLocation at)
    {
        var from = o.CType.Canonical;
        if (from.Kind == TypeKind.MemberPointer)
        {
            if (from.MemberPointerClass.Canonical.Spelling != to.Canonical.MemberPointerClass.Canonical.Spelling)
                throw Unsupported(Codes.UnsupportedExpression, at,
                    $"the conversion of a pointer to member from '{o.CType.Spelling}' to '{to.Spelling}' (between a base and a derived class) is not translated");
            return o with { CType = to };
        }
        if (from.Kind == TypeKind.NullPtr || o is ValueOperand { Value: IntLit { Value: var zero } } && zero == 0)
            return new ValueOperand(NullMemberPointer(at), to, IrType.Int64);
        throw Unsupported(Codes.UnsupportedExpression, at, $"a conversion from '{o.CType.Spelling}' to '{to.Spelling}' is not translated");
    }
}
