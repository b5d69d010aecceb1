using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Lambdas, as C++ defines them: a lambda expression makes a closure object (a struct of its captures —
/// copies, addresses for captures by reference, the enclosing <c>this</c>), and calling it calls the
/// closure class's <c>operator()</c>, lifted like any method, with <c>this</c> pointing to the closure. In
/// that body a captured variable is its field, and <c>this</c> (written or implicit) is the captured one.
/// </summary>
internal sealed partial class FunctionLifter
{
    private Closure? _closure;
    private bool _closureKnown;

    /// <summary>The closure whose <c>operator()</c> is being lifted (null outside lambda bodies).</summary>
    private Closure? CurrentClosure
    {
        get
        {
            if (!_closureKnown)
            {
                var parent = _function.SemanticParent;
                if (_function.Kind == CursorKind.CXXMethod && LambdaClosures.IsClosure(parent.Type))
                    _closure = _types.Closures.Of(parent.Type, Locate(_function));
                _closureKnown = true;
            }
            return _closure;
        }
    }

    /// <summary>A variable of an enclosing function, used in a lambda body: the closure's field holding it.</summary>
    private Operand? CapturedVariable(Cursor variable, SourceLocation at)
    {
        if (CurrentClosure?.Of(variable) is not { } capture) return null;
        var field = new StructPtrAddExpr(at, new VarRef(at, "this"), capture.Name);
        if (capture.Kind == CaptureKind.Reference)
        {
            var target = capture.FieldType.Canonical.Pointee;
            return new MemoryOperand(new LoadExpr(at, field), target, _types.Map(target, at));
        }
        return new MemoryOperand(field, capture.FieldType, _types.Map(capture.FieldType, at));
    }

    /// <summary>
    /// The object a member function works on, as a pointer, and its class: <c>this</c> — or, in a lambda body,
    /// the <c>this</c> the lambda captured (a copy of the object for <c>[*this]</c>).
    /// </summary>
    private (Expr Pointer, ClangType Record) ImplicitObject(SourceLocation at)
    {
        if (CurrentClosure is not { } closure) return (new VarRef(at, "this"), _function.SemanticParent.Type);
        var field = new StructPtrAddExpr(at, new VarRef(at, "this"), "this");
        return closure.EnclosingObject switch
        {
            { Kind: CaptureKind.This } c => (new LoadExpr(at, field), c.FieldType.Canonical.Pointee),
            { Kind: CaptureKind.ThisCopy } c => (field, c.FieldType),
            _ => throw Unsupported(Codes.UnsupportedExpression, at, "'this' is used in a lambda that does not capture it"),
        };
    }

    /// <summary>A lambda expression: its closure object, each capture stored into a temporary in field order.</summary>
    private Operand LiftLambda(Cursor e, SourceLocation at)
    {
        var closure = _types.Closures.Of(e.Type, at);
        var type = _types.Map(e.Type, at);
        string tmp = NewTemp();
        var stmts = new List<Stmt> { new DeclareStmt(at, tmp, type) };
        foreach (var capture in closure.Captures)
        {
            var slot = new MemoryOperand(new StructPtrAddExpr(at, new PtrToExpr(at, tmp), capture.Name), capture.FieldType,
                _types.Map(capture.FieldType, at));
            switch (capture.Kind)
            {
                case CaptureKind.This:
                    stmts.Add(Assign(slot, ImplicitObject(at).Pointer, at));
                    break;
                case CaptureKind.ThisCopy:
                    stmts.Add(Assign(slot, new LoadExpr(at, ImplicitObject(at).Pointer), at));
                    break;
                case CaptureKind.Copy when capture.IsInitCapture:
                    stmts.AddRange(Initialize(slot, ModuleLifter.InitializerOf(capture.CapturedVariable)!.Value, at));
                    break;
                case CaptureKind.Reference when capture.IsInitCapture:
                    stmts.Add(Assign(slot, AddressOfOrTemporary(Lift(ModuleLifter.InitializerOf(capture.CapturedVariable)!.Value), at), at));
                    break;
                case CaptureKind.Reference:
                    stmts.Add(Assign(slot, AddressOf(CapturedSource(capture, at), at), at));
                    break;
                default:
                {
                    var source = CapturedSource(capture, at);
                    if (source.Type is ArrayType array) stmts.Add(CopyArray(slot.Address, AddressOf(source, at), array, at)); // C++ copies each element
                    else stmts.Add(Assign(slot, Read(ConvertOperand(source, capture.FieldType, at), at), at));
                    break;
                }
            }
        }
        return new ValueOperand(new BeginExpr(at, new Block(at, stmts), new LoadExpr(at, new PtrToExpr(at, tmp))), e.Type, type);
    }

    /// <summary>A loop copying an array element by element (nested arrays likewise): arrays are not values on every device.</summary>
    private Stmt CopyArray(Expr to, Expr from, ArrayType array, SourceLocation at)
    {
        string i = NewTemp();
        Expr Element(Expr a) => new ArrayPtrAddExpr(at, ArrayBase(a, at), new VarRef(at, i));
        Stmt body = array.Element is ArrayType inner
            ? CopyArray(Element(to), Element(from), inner, at)
            : new ExprStmt(at, new StoreExpr(at, Element(to), new LoadExpr(at, Element(from))));
        var loop = new ForStmt(at, new SetStmt(at, i, Literal(0, IrType.Int64, at)),
            new BinaryExpr(at, BinaryOp.Lt, new VarRef(at, i), Literal(array.Length, IrType.Int64, at)),
            new SetStmt(at, i, new BinaryExpr(at, BinaryOp.Add, new VarRef(at, i), Literal(1, IrType.Int64, at))),
            new Block(at, [body]));
        return new Block(at, [new DeclareStmt(at, i, IrType.Int64), loop]);
    }

    /// <summary>Where a captured variable is in the function making the closure: a local, or a capture of the enclosing lambda.</summary>
    private Operand CapturedSource(Capture capture, SourceLocation at)
    {
        if (_locals.TryGetValue(capture.CapturedVariable, out var local))
        {
            if (!local.IsDecayedArray) return PlaceOf(local, at);
            return local.InMemory ? new MemoryOperand(new PtrToExpr(at, local.Name), capture.FieldType, local.Type)
                : new VariableOperand(local.Name, capture.FieldType, local.Type);
        }
        return CapturedVariable(capture.CapturedVariable, at)
            ?? throw Unsupported(Codes.UnsupportedExpression, at, $"captured variable '{capture.Name}' is not a local of the enclosing function");
    }

    /// <summary>Variables a lambda captures by reference have their address taken; its body is another function's.</summary>
    private void FindAddressTakenInLambda(Cursor lambda)
    {
        var closure = _types.Closures.Of(lambda.Type, Locate(lambda));
        foreach (var capture in closure.Captures)
        {
            var init = capture.IsInitCapture ? ModuleLifter.InitializerOf(capture.CapturedVariable) : null;
            if (init is { } e) FindAddressTakenVariables(e);
            if (capture.Kind != CaptureKind.Reference) continue;
            if (init is { } target) MarkVariable(target);
            else _addressTaken.Add(capture.CapturedVariable);
        }
    }
}
