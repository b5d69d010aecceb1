using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>Calls: user functions (lifted on demand), constructors of CUDA's vector types, kernel launches, library functions.</summary>
internal sealed partial class FunctionLifter
{
    private Operand LiftCall(Cursor e, SourceLocation at)
    {
        var callee = e.Referenced;
        // p->~T(): a destructor written in C++ is called like a method; the compiler's own destroys nothing.
        if (callee.Kind == CursorKind.Destructor && (!HasBody(callee) || callee.IsDefaultedMethod))
        {
            RequireTrivialMemberDestruction(callee.SemanticParent.Type, at);
            return new ValueOperand(Literal(0, IrType.Int32, at), e.Type, IrType.Int32);
        }
        if (callee.IsNull || callee.Kind is not (CursorKind.FunctionDecl or CursorKind.CXXMethod or CursorKind.Constructor or CursorKind.ConversionFunction or CursorKind.Destructor))
        {
            if (e.Children.Count > 0 && Records.Unwrapped(e.Children[0]) is var head && (head.Type.IsFunctionPointer || head.Type.IsFunction))
                return LiftIndirectCall(e, head, at);
            throw Unsupported(Codes.UnsupportedExpression, at, "calls of unresolved functions are not translated");
        }
        if (callee.Kind == CursorKind.FunctionDecl && IsDeviceCode(_function) && !IsDeviceCode(callee) && _source.IsLibrary(callee)
            && !_source.IsOurHeader(callee.Position) && _module.DeviceOverload(callee) is { } overload)
            callee = overload; // the device compilation's choice (ModuleLifter.DeviceOverloads)
        if (callee.Kind == CursorKind.Constructor) return LiftConstruction(e, callee, at);
        if (callee.Kind == CursorKind.CXXMethod && callee.Spelling == "operator=" && callee.IsDefaultedMethod && e.ArgumentCount == 2)
        {
            // The compiler's copy/move assignment of a struct: a whole-value store.
            var stmts = new List<Stmt>();
            var place = Stabilize(Lift(e.Argument(0)), stmts, at);
            stmts.Add(AssignObject(place, e.Argument(1), at));
            return new ValueOperand(new BeginExpr(at, new Block(at, stmts), Read(place, at)), place.CType, place.Type);
        }
        if (ModuleLifter.Has(callee, CursorKind.CUDAGlobalAttr)) return LiftLaunch(e, callee, at);
        if ((_source.IsLibrary(callee) || callee.Spelling.StartsWith("__builtin_", StringComparison.Ordinal))
            && Constant(e, at) is { } folded)
            return folded; // a constexpr query of a header (tile.size(), std::numeric_limits<float>::max()) or a constant built-in is its value
        if (IsStdCast(callee) && e.ArgumentCount == 1)
            return Lift(e.Argument(0)); // std::move(x), std::forward<T>(x): x itself, as an rvalue reference names it
        if ((_source.IsLibrary(callee) || IsCompilerBuiltin(callee)) && !IsDefinedInOurHeaders(callee)) return LiftLibraryCall(e, callee, at);
        return LiftFunctionCall(e, callee, at);
    }

    /// <summary>A call of a function lifted as it is written: the user's, or a standard library template device code may call.</summary>
    private Operand LiftFunctionCall(Cursor e, Cursor callee, SourceLocation at)
    {
        var target = IsVirtualCall(e, callee) ? _module.RequestDispatcher(callee) : _module.Request(callee);
        _pending.Uses.Add(target);
        var args = new List<Expr>();
        int first = 0;
        if (callee.Kind is CursorKind.CXXMethod or CursorKind.ConversionFunction or CursorKind.Destructor && !callee.IsStaticMethod)
        {
            // The object: the base of obj.method(...), or the first operand of an operator call.
            var head = e.Children[0];
            while (head.Kind is CursorKind.UnexposedExpr && head.Children.Count == 1) head = head.Children[0];
            Operand obj;
            // obj.method(...) names the method; in an operator call (op(x), with op a member) the head is the object.
            if (head.Kind == CursorKind.MemberRefExpr && head.Referenced.Kind != CursorKind.FieldDecl)
            {
                // Base::f() names its class (a TypeRef child) and has no object expression: the implicit this.
                var objectExpression = head.Children.Where(c => c.IsExpression).Select(c => (Cursor?)c).FirstOrDefault();
                if (objectExpression is null)
                {
                    var (self, record) = ImplicitObject(at);
                    obj = new ValueOperand(self, record, IrType.BytePtr);
                }
                else
                {
                    obj = Lift(objectExpression.Value);
                    if (obj.CType.Canonical.Kind == TypeKind.Pointer) obj = new ValueOperand(Read(obj, at), obj.CType, obj.Type);
                    else obj = new ValueOperand(AddressOfOrTemporary(obj, at), obj.CType, obj.Type);
                }
            }
            else
            {
                obj = new ValueOperand(AddressOfOrTemporary(Lift(e.Argument(0)), at), e.Argument(0).Type, IrType.BytePtr);
                first = 1;
            }
            // A method of a base class called on a derived object gets the base sub-object.
            var objectClass = obj.CType.Canonical.Kind == TypeKind.Pointer ? obj.CType.Canonical.Pointee : obj.CType;
            args.Add(ThisFor(((ValueOperand)obj).Value, objectClass, callee.SemanticParent.Type, at));
        }
        int count = e.ArgumentCount;
        for (int i = first; i < count; i++)
        {
            var param = callee.Argument(i - first);
            args.Add(Passed(Argument(e, callee, i, i - first), param.Type.Canonical.IsReference));
        }
        return CallResult(e, new CallExpr(at, target.Name, args), callee.ResultType, at);
    }

    /// <summary>An argument as a parameter takes it: a reference parameter its address (of a temporary for an rvalue), else its value.</summary>
    private Expr Passed(Cursor arg, bool byReference) => byReference ? AddressOfOrTemporary(Lift(arg), Locate(arg)) : RValue(arg);

    /// <summary>The call <paramref name="e"/> as an operand; a call of a function returning a reference is the place at the address it returns.</summary>
    private Operand CallResult(Cursor e, CallExpr call, ClangType resultType, SourceLocation at) =>
        resultType.Canonical.IsReference ? new MemoryOperand(call, e.Type, _types.Map(e.Type, at)) : new ValueOperand(call, e.Type, _types.Map(e.Type, at));

    /// <summary>
    /// A call through a pointer to a function (<c>fp(x)</c>, <c>(*fp)(x)</c>, <c>table[i](x)</c>): the pointer's value (the
    /// function's number) and the arguments go to the dispatcher of the function type (ModuleLifter.FunctionPointers.cs).
    /// </summary>
    private Operand LiftIndirectCall(Cursor e, Cursor head, SourceLocation at)
    {
        var functionType = head.Type.IsFunctionPointer ? head.Type.Canonical.Pointee : head.Type;
        var function = RValue(head);
        var dispatcher = _module.RequestIndirect(functionType, IsDeviceCode(_function), head);
        _pending.Uses.Add(dispatcher);
        var parameters = functionType.ArgumentTypes;
        var args = new List<Expr> { function };
        for (int i = 0; i < e.ArgumentCount; i++) args.Add(Passed(e.Argument(i), i < parameters.Count && parameters[i].Canonical.IsReference));
        return CallResult(e, new CallExpr(at, dispatcher.Name, args), functionType.Result, at);
    }

    /// <summary>
    /// Whether a call of a virtual method dispatches on the object's class: through a pointer, a reference or <c>this</c>,
    /// unless qualified (<c>Base::f()</c>). On an object the code names itself (a variable, a member, an array element, a
    /// temporary) the dynamic class is the static one and the call is direct, as C++ compilers make it.
    /// </summary>
    private static bool IsVirtualCall(Cursor call, Cursor callee)
    {
        if (callee.Kind is not (CursorKind.CXXMethod or CursorKind.Destructor) || !callee.IsVirtualMethod) return false;
        var head = Records.Unwrapped(call.Children[0]);
        if (head.Kind == CursorKind.MemberRefExpr && head.Referenced.Kind != CursorKind.FieldDecl)
        {
            var tokens = head.Tokens;
            if (tokens.Count >= 2 && tokens[^2].Spelling == "::") return false;
            if (head.Children.Where(c => c.IsExpression).Select(c => (Cursor?)c).FirstOrDefault() is not { } obj) return true; // this->f()
            return obj.Type.Canonical.Kind == TypeKind.Pointer || !IsCompleteObject(obj);
        }
        return call.ArgumentCount == 0 || !IsCompleteObject(call.Argument(0)); // an operator: its first operand is the object
    }

    /// <summary>An expression naming an object whose class is its static type: a variable or member of class type (not a
    /// reference), an array element, or a temporary returned by value.</summary>
    private static bool IsCompleteObject(Cursor e)
    {
        e = Records.Unwrapped(e);
        return e.Kind switch
        {
            CursorKind.DeclRefExpr => e.Referenced.Kind is CursorKind.VarDecl or CursorKind.ParmDecl && !e.Referenced.Type.Canonical.IsReference,
            CursorKind.MemberRefExpr => e.Referenced.Kind == CursorKind.FieldDecl && !e.Referenced.Type.Canonical.IsReference,
            CursorKind.ArraySubscriptExpr => true,
            CursorKind.CallExpr => !e.Referenced.IsNull && !e.Referenced.ResultType.Canonical.IsReference,
            _ => false,
        };
    }

    /// <summary>Argument <paramref name="index"/> of a call; a default argument is taken from the callee's parameter.</summary>
    private static Cursor Argument(Cursor call, Cursor callee, int index, int parameterIndex)
    {
        var a = call.Argument(index);
        if (a.Kind == CursorKind.UnexposedExpr && a.Position.Line == 0 && a.Children.Count == 0
            && parameterIndex < callee.ArgumentCount && ModuleLifter.InitializerOf(callee.Argument(parameterIndex)) is { } d)
            return d;
        return a;
    }

    private Operand LiftConstruction(Cursor e, Cursor constructor, SourceLocation at)
    {
        var type = _types.Map(e.Type, at);
        int n = e.ArgumentCount;
        var args = Enumerable.Range(0, n).Select(i => Argument(e, constructor, i, i)).ToList();
        if (n == 1 && StripTransparent(args[0]).Type.Canonical.Spelling.Replace("const ", "") == e.Type.Canonical.Spelling.Replace("const ", ""))
        {
            if (!_types.IsPolymorphic(e.Type)) return new ValueOperand(RValue(args[0]), e.Type, type); // copy or move
            // A copy is an object of this class whatever the source's (slicing a derived object): its own type tag.
            string copy = NewTemp();
            var body = new Block(at, [new DeclareStmt(at, copy, type), new ExprStmt(at, new StoreExpr(at, new PtrToExpr(at, copy), RValue(args[0]))),
                StoreTypeTag(e.Type, new PtrToExpr(at, copy), at)]);
            return new ValueOperand(new BeginExpr(at, body, new LoadExpr(at, new PtrToExpr(at, copy))), e.Type, type);
        }
        if (type is VectorType v)
        {
            if (n == 1 && _types.VectorOf(args[0].Type) is not null)
                return ConvertOperand(Lift(args[0]), e.Type, at); // dim3(uint3)
            if (n == v.Length)
                return new ValueOperand(new MakeExpr(at, type, args.Select(a => RValue(a)).ToList()), e.Type, type);
        }
        // T() of a class whose default constructor does nothing but its default member initializers: zero, then those.
        if (n == 0 && IsEmptyDefaultConstructorCall(e) && IsValueInitialization(e) && !(type is StructType && IsEmptyRecord(e.Type)))
            return new ValueOperand(ValueInitialized(e.Type, type, at), e.Type, type);
        if (type is StructType && !IsTrivialConstruction(e) && HasBody(constructor))
            return LiftConstructorCall(e, constructor, args, type, at);
        if (n == 0 && IsTrivialConstruction(e) && type is StructType && IsEmptyRecord(e.Type))
        {
            // A functor or tag object such as cg::plus<int>(): no state, so an uninitialized temporary is the value.
            string tmp = NewTemp();
            return new ValueOperand(new BeginExpr(at, new Block(at, [new DeclareStmt(at, tmp, type)]),
                new LoadExpr(at, new PtrToExpr(at, tmp))), e.Type, type);
        }
        if (n == 0 && IsTrivialConstruction(e))
            throw Unsupported(Codes.UnsupportedExpression, at, $"a default-constructed '{e.Type.Spelling}' temporary is not translated");
        throw Unsupported(Codes.UnsupportedDeclaration, at, $"constructor '{constructor.DisplayName}' of '{e.Type.Spelling}' is not translated");
    }

    internal static bool HasBody(Cursor function) =>
        function.Definition is { IsNull: false } d && d.Children.Any(c => c.Kind == CursorKind.CompoundStmt);

    /// <summary><c>T(args)</c> with a constructor written in C++.</summary>
    private Operand LiftConstructorCall(Cursor e, Cursor constructor, List<Cursor> args, IrType type, SourceLocation at) =>
        ConstructedTemporary(constructor, args.Select((a, i) => Passed(a, constructor.Argument(i).Type.Canonical.IsReference)), e.Type, type, at);

    /// <summary>A temporary of <paramref name="type"/>, <paramref name="constructor"/> called on its address with
    /// <paramref name="arguments"/>, then its value.</summary>
    private Operand ConstructedTemporary(Cursor constructor, IEnumerable<Expr> arguments, ClangType ctype, IrType type, SourceLocation at)
    {
        var target = _module.Request(constructor);
        _pending.Uses.Add(target);
        string tmp = NewTemp();
        List<Expr> values = [new PtrToExpr(at, tmp), .. arguments];
        var body = new Block(at, [new DeclareStmt(at, tmp, type), new ExprStmt(at, new CallExpr(at, target.Name, values))]);
        return new ValueOperand(new BeginExpr(at, body, new LoadExpr(at, new PtrToExpr(at, tmp))), ctype, type);
    }

    /// <summary><c>std::move</c> and <c>std::forward</c>: casts to a reference written as functions of the standard library.</summary>
    private bool IsStdCast(Cursor callee) =>
        callee.Spelling is "move" or "forward" && callee.SemanticParent.Spelling == "std" && _source.IsLibrary(callee);

    /// <summary>A class without data members (and without bases, which the type mapper refuses anyway).</summary>
    private static bool IsEmptyRecord(ClangType t) => t.Canonical.Fields.Count == 0; // a closure's fields are not its children

    /// <summary><c>kernel&lt;&lt;&lt;grid, block, bytes, stream&gt;&gt;&gt;(args)</c> → <c>(launch …)</c>.</summary>
    private Operand LiftLaunch(Cursor e, Cursor kernel, SourceLocation at)
    {
        // In device code this is dynamic parallelism (CUDA's -rdc=true programs): the same launch form,
        // whose child grid runs to completion at the launch (docs/ir/host.md).
        var children = e.Children;
        var config = children.Count > 1 ? children[1] : default;
        if (config.Kind != CursorKind.CallExpr || config.Referenced.Spelling is not ("cudaConfigureCall" or "__cudaPushCallConfiguration"))
            throw Unsupported(Codes.UnsupportedExpression, at, $"kernel '{kernel.Spelling}' is called without <<<...>>>; only launches are translated");
        var configFunction = config.Referenced;
        var stmts = new List<Stmt>();
        var grid = Dimensions(Argument(config, configFunction, 0, 0), stmts, at);
        var block = Dimensions(Argument(config, configFunction, 1, 1), stmts, at);
        var shared = Convert(RValue(Argument(config, configFunction, 2, 2)), Argument(config, configFunction, 2, 2).Type, configFunction.Argument(2).Type, at);
        var streamArg = Argument(config, configFunction, 3, 3);
        var stream = RValue(streamArg);
        var target = _module.Request(kernel);
        _pending.Uses.Add(target);
        var args = new List<Expr>();
        for (int i = 0; i < e.ArgumentCount; i++) args.Add(RValue(Argument(e, kernel, i, i)));
        Expr launch = new LaunchExpr(at, target.Name, grid, block, shared, stream, args);
        if (stmts.Count > 0) launch = new BeginExpr(at, new Block(at, stmts), launch);
        return new ValueOperand(launch, e.Type, IrType.Int32);
    }

    /// <summary>The x, y, z of a dim3 argument.</summary>
    private List<Expr> Dimensions(Cursor arg, List<Stmt> stmts, SourceLocation at)
    {
        var value = RValue(arg);
        if (value is MakeExpr { Elements.Count: 3 } make) return [.. make.Elements];
        var type = _types.Map(arg.Type, at);
        if (type is not VectorType { Length: 3 })
            throw Unsupported(Codes.UnsupportedExpression, at, $"a launch dimension of type '{arg.Type.Spelling}' is not translated");
        Expr source = value;
        if (!IsPure(value))
        {
            string tmp = NewTemp();
            stmts.Add(new DeclareStmt(at, tmp, type));
            stmts.Add(new SetStmt(at, tmp, value));
            source = new VarRef(at, tmp);
        }
        return [new ExtractValueExpr(at, source, "x"), new ExtractValueExpr(at, source, "y"), new ExtractValueExpr(at, source, "z")];
    }

    /// <summary>
    /// A CUDA function our headers define in terms of others (<c>sincosf</c>, <c>normcdff</c>) rather
    /// than declare: lifted like a user function. Built-ins and runtime entry points stay mapped by name.
    /// </summary>
    /// <summary>A compiler built-in (<c>__builtin_expect</c>): clang declares it where it is first used, so its position is the user's file.</summary>
    private static bool IsCompilerBuiltin(Cursor callee) =>
        callee.Spelling.StartsWith("__builtin_", StringComparison.Ordinal) && callee.Definition.IsNull;

    private bool IsDefinedInOurHeaders(Cursor callee)
    {
        if (!_source.IsOurHeader(callee.Position)) return false;
        var definition = callee.Definition;
        if (definition.IsNull || !definition.IsDefinition) return false;
        // The device side of the runtime API (cuda_device_runtime_api.h) overloads host entry points by name.
        if (callee.Spelling.StartsWith("cuda", StringComparison.Ordinal) && IsDeviceOnly(callee)) return true;
        // __tr_bitcast_* are mapped by name to (bitcast …); their header bodies serve host compilation only.
        return Externals.Find(callee.Spelling) is null
            && !callee.Spelling.StartsWith("__tr_bitcast_", StringComparison.Ordinal)
            && MathOperation(callee.Spelling) is null && !callee.Spelling.StartsWith("cuda", StringComparison.Ordinal);
    }

    /// <summary>
    /// A C++ standard library function device code calls that no built-in stands for (<c>std::make_pair</c>,
    /// <c>std::clamp</c>, <c>std::max_element</c>, <c>std::pair</c>'s members): clang accepted the call in device code, so it
    /// is device-callable there (constexpr functions are <c>__host__ __device__</c> in CUDA, as nvcc's
    /// --expt-relaxed-constexpr makes them), and its body is lifted like the user's; what the body uses that cannot be
    /// lifted is refused there, with its own diagnostic.
    /// </summary>
    private bool IsDeviceCallableStandardLibrary(Cursor callee) =>
        (IsDeviceCode(_function) || _source.IsLibrary(_function) && InStandardLibrary(_function)) // device code, or such a function's body
        && !IsCompilerBuiltin(callee) && HasBody(callee) && InStandardLibrary(callee);

    /// <summary>Declared in <c>std</c> or in libstdc++'s implementation namespace <c>__gnu_cxx</c> (its algorithms' comparators).</summary>
    private static bool InStandardLibrary(Cursor declaration)
    {
        for (var c = declaration.SemanticParent; !c.IsNull && c.Kind != CursorKind.TranslationUnit; c = c.SemanticParent)
            if (c.Kind == CursorKind.Namespace && c.Spelling is "std" or "__gnu_cxx") return true;
        return false;
    }

    /// <summary>A function declared <c>__device__</c> and not <c>__host__</c> (runtime entry points are host functions).</summary>
    private static bool IsDeviceOnly(Cursor f)
    {
        var d = f.Definition.IsNull ? f : f.Definition;
        return ModuleLifter.Has(d, CursorKind.CUDADeviceAttr) && !ModuleLifter.Has(d, CursorKind.CUDAHostAttr);
    }

    /// <summary>A call of a function from a header: a CUDA built-in, a math operation, or a C library / CUDA runtime function.</summary>
    private Operand LiftLibraryCall(Cursor e, Cursor callee, SourceLocation at)
    {
        string name = callee.Spelling;
        if (LiftBuiltin(name, e, callee, at) is { } builtin) return builtin;
        // clang's spellings of the C library's copies (bit casts in headers write them) are the C functions.
        if (name is "__builtin_memcpy" or "__builtin_memset") name = name["__builtin_".Length..];
        var external = Externals.Find(name);
        if ((external is null || external.Kind == ExternalKind.CMath) && IsDeviceCallableStandardLibrary(callee))
            return LiftFunctionCall(e, callee, at);
        if (external is null || external.Kind == ExternalKind.CMath)
            throw Unsupported(Codes.UnsupportedLibraryFunction, at, $"'{name}' is not offered by Translate (no device provides it)");
        var args = new List<Expr>();
        int count = e.ArgumentCount;
        for (int i = 0; i < count; i++)
        {
            var arg = Argument(e, callee, i, i);
            bool byReference = i < callee.ArgumentCount && callee.Argument(i).Type.Canonical.IsReference;
            if (!byReference && arg.Type.IsFunctionPointer)
                throw Unsupported(Codes.UnsupportedExpression, at, $"a pointer to a function passed to library function '{name}' (a program's function pointers are numbers here, not addresses the library could call)");
            args.Add(byReference ? AddressOf(Lift(arg), Locate(arg)) : RValue(arg));
        }
        var type = _types.Map(e.Type, at);
        return new ValueOperand(new CallExpr(at, name, args), e.Type, type);
    }
}
