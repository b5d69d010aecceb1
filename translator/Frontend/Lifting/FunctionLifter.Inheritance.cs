using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Non-virtual inheritance: a base-class sub-object is a leading field of the derived struct
/// (<see cref="TypeMapper.BasePath"/>), so an upcast is a field step — of a place, a value or a pointer —
/// and a member of a base, or a method of a base called on a derived object, is reached through it.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>
    /// A derived-to-base conversion of <paramref name="o"/> to <paramref name="to"/> (an object to its base
    /// sub-object, a pointer to a pointer adjusted to its base), a base-to-derived pointer cast, or null when
    /// the conversion is neither.
    /// </summary>
    private Operand? InheritanceConversion(Operand o, ClangType to, SourceLocation at)
    {
        var from = o.CType.Canonical;
        var target = to.Canonical;
        if (from.Kind == TypeKind.Record && target.Kind == TypeKind.Record)
        {
            if (_types.BasePath(from, target, at) is not { } path) return Downcast(o, from, target, to, at);
            var baseType = _types.Map(target, at);
            if (o is MemoryOperand m) return new MemoryOperand(BaseAddress(m.Address, from, path, baseType, at), to, baseType);
            if (path.Count == 0 || Reached(from, path, at) != baseType)
                throw Unsupported(Codes.UnsupportedExpression, at, $"the base '{to.Spelling}' of a value, empty or held in the derived struct's own fields, is not translated");
            Expr v = Read(o, at);
            foreach (var f in path) v = new ExtractValueExpr(at, v, f);
            return new ValueOperand(v, to, baseType);
        }
        if (from.Kind == TypeKind.Pointer && target.Kind == TypeKind.Pointer)
        {
            if (_types.BasePath(from.Pointee, target.Pointee, at) is not { } path)
                return Downcast(o, from.Pointee, target.Pointee, to, at);
            var toType = (PointerType)_types.Map(to, at);
            var p = Read(o, at);
            if (p is NullLit) return new ValueOperand(new NullLit(at, toType), to, toType);
            Expr adjusted = BaseAddress(p, from.Pointee, path, toType.Pointee, at);
            // A null pointer converts to null: only a base that does not start the object moves the address.
            if (!StartsObject(from.Pointee, path, at) && p is not (PtrToExpr or StructPtrAddExpr or ArrayPtrAddExpr)) // (an object's address is never null)
                adjusted = new SelectExpr(at, new BinaryExpr(at, BinaryOp.Ne, p, new NullLit(at, (PointerType)o.Type)), adjusted, new NullLit(at, toType));
            return new ValueOperand(adjusted, to, toType);
        }
        return null;
    }

    /// <summary>
    /// A cast from a base to a derived class (<c>static_cast&lt;Derived*&gt;(b)</c>): the same address when the
    /// base starts the derived object; refused otherwise (the address would have to move back).
    /// </summary>
    private Operand? Downcast(Operand o, ClangType from, ClangType target, ClangType to, SourceLocation at)
    {
        if (_types.BasePath(target, from, at) is not { } path) return null;
        if (!StartsObject(target, path, at))
            throw Unsupported(Codes.UnsupportedExpression, at,
                $"a cast from base '{from.Spelling}' to '{target.Spelling}', where the base does not start the derived object, is not translated");
        var toType = _types.Map(to, at);
        if (to.Canonical.Kind == TypeKind.Pointer) return new ValueOperand(new CastExpr(at, CastOp.Bitcast, Read(o, at), toType), to, toType);
        if (o is MemoryOperand m) return new MemoryOperand(new CastExpr(at, CastOp.Bitcast, m.Address, new PointerType(toType, AddressSpace.Generic)), to, toType);
        return null;
    }

    /// <summary>
    /// The address of a base sub-object: field steps, then a pointer cast where the last base has no field of its own
    /// (an empty base, or one whose fields the derived struct holds itself: TypeMapper.WithFirstBaseInlined).
    /// </summary>
    private Expr BaseAddress(Expr address, ClangType derived, List<string> path, IrType baseType, SourceLocation at)
    {
        foreach (var f in path) address = new StructPtrAddExpr(at, address, f);
        if (path.Count > 0 && Reached(derived, path, at) == baseType) return address;
        return new CastExpr(at, CastOp.Bitcast, address, new PointerType(baseType, AddressSpace.Generic));
    }

    /// <summary>The IR type the field steps <paramref name="path"/> lead to from class <paramref name="derived"/>.</summary>
    private IrType Reached(ClangType derived, List<string> path, SourceLocation at)
    {
        IrType reached = _types.Map(derived, at);
        foreach (var f in path)
            reached = reached is StructType st && _types.FindStruct(st) is { } def && def.IndexOf(f) is int i and >= 0 ? def.Fields[i].Type : IrType.Void;
        return reached;
    }

    /// <summary>Whether each step of a base path is its struct's first field (the base sits at offset 0).</summary>
    private bool StartsObject(ClangType derived, List<string> path, SourceLocation at)
    {
        IrType current = _types.Map(derived, at);
        foreach (var f in path)
        {
            if (current is not StructType st || _types.FindStruct(st) is not { } def || def.Fields.Count == 0 || def.Fields[0].Name != f) return false;
            current = def.Fields[0].Type;
        }
        return true;
    }

    /// <summary>The object a member belongs to: <paramref name="obj"/> itself, or its base sub-object of class <paramref name="owner"/>.</summary>
    private Operand AsMemberOwner(Operand obj, ClangType owner, SourceLocation at) =>
        owner.Canonical.Kind == TypeKind.Record && _types.BasePath(obj.CType, owner, at) is not null
            ? InheritanceConversion(obj, owner.Canonical, at)!
            : obj;

    /// <summary>The address of an object of class <paramref name="objectClass"/> as the <c>this</c> of a method of <paramref name="methodClass"/> (one of its bases).</summary>
    private Expr ThisFor(Expr address, ClangType objectClass, ClangType methodClass, SourceLocation at) =>
        _types.BasePath(objectClass, methodClass, at) is { } path ? BaseAddress(address, objectClass, path, _types.Map(methodClass, at), at) : address;
}
