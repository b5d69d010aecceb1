using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

internal sealed partial class ModuleLifter
{
    /// <summary>
    /// The IR global for a file-scope (or namespace-scope, static member or static local) variable, defined
    /// the first time it is used (a static local is named after its function, <c>f_count</c>): <c>__device__</c> in address space 1, <c>__constant__</c> in 4, host globals in 0,
    /// <c>__shared__</c> as a top-level <c>define-shared</c>.
    /// </summary>
    internal GlobalVariable RequestGlobal(Cursor variable, SourceLocation at)
    {
        var def = variable.Definition;
        if (def.IsNull) def = variable;
        if (IsDeviceVariable(def) && AtNamespaceScope(def)) def = DeviceSide(def, Codes.UnsupportedDeclaration);
        // One global for one variable, whichever parse names it; a static local is each side's own, as in CUDA.
        var key = EntityKey.Of(def) + (!AtNamespaceScope(def) && IsDeviceSide(def) ? "|device" : "");
        if (_globals.TryGetValue(key, out var known)) return known;
        var loc = _source.Locate(def);
        var type = Types.Map(def.Type, loc);
        string name = def.Spelling;
        if (def.SemanticParent.Kind is not CursorKind.TranslationUnit)
            name = Names.Sanitize(def.SemanticParent.Spelling + "_" + name);
        for (int k = 2; !_globalNames.Add(name); k++) name = $"{def.Spelling}_{k}";
        bool shared = Has(def, CursorKind.CUDASharedAttr);
        GlobalVariable g;
        if (shared)
        {
            _globalDefinitions.Add(new SharedDef(loc, name, type));
            g = new GlobalVariable(name, type, def.Type, true);
        }
        else
        {
            if (!def.IsDefinition && def.StorageClass == StorageClass.Extern)
                throw new LiftException(Codes.UnsupportedDeclaration, at, $"'{def.Spelling}' is declared extern but not defined in this file");
            int space = Has(def, CursorKind.CUDAConstantAttr) ? AddressSpace.Constant
                : Has(def, CursorKind.CUDADeviceAttr) || IsStaticLocalOfDeviceFunction(def) ? AddressSpace.Global : AddressSpace.Generic;
            // In build mode the host's variables stay in the clang-compiled host code: a device copy of a
            // writable one would silently diverge from it (this is also how __managed__ arrives: clang's
            // host compilation ignores the attribute). Read-only constants may be copied.
            if (_deviceOnly && space == AddressSpace.Generic && !IsReadOnly(def.Type))
                throw new LiftException(Codes.UnsupportedDeclaration, at,
                    $"device code uses the host variable '{def.Spelling}' (or a __managed__ one, not supported in build mode); " +
                    "make it __device__ or __constant__ and copy it with cudaMemcpyToSymbol");
            var init = InitializerOf(def) is not { } e ? ArrayDefault(def.Type, loc)
                : IsDefaultConstruction(e) ? ConstructedConstant(Unwrap(e), def.Type, loc)
                : ConstantOf(e, def.Type, loc);
            _globalDefinitions.Add(new GlobalDef(loc, name, type, init, null, space, false));
            if (space != AddressSpace.Generic) LinkNames[name] = def.Mangling;
            g = new GlobalVariable(name, type, def.Type, false);
        }
        _globals[key] = g;
        return g;
    }

    /// <summary>A <c>static</c> local of a <c>__device__</c> (or <c>__global__</c>) function: one variable in device memory, shared by every thread, as CUDA has it.</summary>
    private static bool IsStaticLocalOfDeviceFunction(Cursor variable) =>
        variable.SemanticParent is { Kind: CursorKind.FunctionDecl or CursorKind.CXXMethod or CursorKind.FunctionTemplate } f
        && (Has(f, CursorKind.CUDADeviceAttr) || Has(f, CursorKind.CUDAGlobalAttr));

    private static bool IsReadOnly(ClangType t) =>
        t.IsConst || t.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray && IsReadOnly(t.Canonical.ArrayElement);

    /// <summary>The initializer expression of a variable declaration (for a variable: as clang records it, whatever
    /// kind of expression it is, so an unknown kind is refused where it is lifted, never dropped), or of a field's
    /// default member initializer, if it has one.</summary>
    internal static Cursor? InitializerOf(Cursor variable)
    {
        if (variable.Kind == CursorKind.VarDecl) return variable.VarDeclInitializer;
        Cursor? init = null;
        var name = variable.Position;
        bool width = variable.IsBitField;
        foreach (var c in variable.Children)
        {
            if (!c.IsExpression) continue;
            // Expressions inside the type come before the name (vec_t<float, N> x: N is not an initializer), and a
            // bit-field's width is the first after it.
            var start = c.Start;
            if (start.File == name.File && (start.Line, start.Column).CompareTo((name.Line, name.Column)) < 0) continue;
            if (width) { width = false; continue; }
            init = c;
        }
        // An array declarator's size expression is a child too; an array's initializer is a brace list or a string.
        if (init is { } e && variable.Type.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray)
        {
            while (e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr && e.Children.Count == 1) e = e.Children[0];
            if (e.Kind is not (CursorKind.InitListExpr or CursorKind.StringLiteral)) return null;
        }
        return init;
    }

    /// <summary>A global's initializer as an IR constant, folded by clang.</summary>
    private Constant ConstantOf(Cursor e, ClangType type, SourceLocation at)
    {
        var inner = e;
        while (inner.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr && inner.Children.Count == 1 && inner.Children[0].Kind == CursorKind.InitListExpr)
            inner = inner.Children[0];
        var canonical = type.Canonical;
        if (inner.Kind == CursorKind.InitListExpr && inner.Type.Canonical.Kind == TypeKind.Void && canonical.Kind == TypeKind.Record)
            // A list a constructor takes (libclang shows it as written, of type void): its members are not the list's values.
            throw new LiftException(Codes.UnsupportedDeclaration, at,
                $"a global '{type.Spelling}' made by its constructor from a brace list is not translated (a global's elements are folded constants; constructors are not run)");
        if (inner.Kind == CursorKind.InitListExpr)
        {
            var items = new List<Constant>();
            var children = inner.Children;
            if (canonical.Kind == TypeKind.ConstantArray)
            {
                if (BraceElision.ElidesBraces(canonical, children))
                    return RegroupedConstant(canonical, BraceElision.Regroup(canonical, children)
                        ?? throw new LiftException(Codes.UnsupportedDeclaration, at, Records.ElidedElementBracesReason(canonical.ArrayElement)), at);
                if (children.Count > canonical.ArraySize)
                    throw new LiftException(Codes.UnsupportedDeclaration, at, $"a brace list of {children.Count} elements for an array of {canonical.ArraySize} is not translated");
                if (children.Any(c => Records.NeedsConvertingConstructor(canonical.ArrayElement, c)))
                    throw new LiftException(Codes.UnsupportedDeclaration, at,
                        $"a global array of '{canonical.ArrayElement.Spelling}' whose elements are made by its converting constructor is not translated (a global's elements are folded constants; constructors are not run)");
                foreach (var c in children) items.Add(ConstantOf(c, canonical.ArrayElement, at));
            }
            else if (canonical.Kind == TypeKind.Record)
            {
                var given = Records.InitializedMembers(inner, canonical)
                    ?? throw new LiftException(Codes.UnsupportedDeclaration, at, "this brace initializer (more elements than members, or a designator naming a nested member or an array element) is not translated");
                if (Types.IsStorage(canonical))
                    return StorageConstant(canonical, given.Select(m => (m.Field, MemberConstant(m, at))).ToList(), at);
                foreach (var field in Records.Fields(canonical))
                {
                    // Members left out take their default member initializers, else are value-initialized.
                    if (given.Where(m => m.Field.Equals(field)).Select(m => (Records.MemberInit?)m).FirstOrDefault() is { } member)
                        items.Add(MemberConstant(member, at));
                    else items.Add(InitializerOf(field) is { } init ? ConstantOf(init, field.Type, at) : DefaultValue(field.Type, DefaultConstructorOf(field.Type), at));
                }
                if (Types.Map(type, at) is StructType st) items = Types.WithPadding(st, items, _ => new IntConstant(0, at));
            }
            else if (children.Count == 1) return ConstantOf(children[0], type, at);
            else throw new LiftException(Codes.UnsupportedDeclaration, at, $"initializer of type '{type.Spelling}' is not translated");
            return new ListConstant(items, at);
        }
        if (type.IsFunctionPointer && NamedFunction(e) is { } function) return new IntConstant(FunctionId(function, at), at);
        var value = e.Evaluate();
        if (canonical.Kind is TypeKind.Pointer && value?.Integer == 0) return new IntConstant(0, at);
        var irType = Types.Map(type, at);
        if (value?.Integer is { } iv)
            return irType.IsFloat ? new FloatConstant((double)iv, at) : irType.IsBool ? new BoolConstant(iv != 0, at) : new IntConstant(Wrap(iv, irType), at);
        if (value?.Float is { } f)
            return irType.IsFloat ? new FloatConstant(irType == IrType.Float ? (float)f : f, at)
                : throw new LiftException(Codes.UnsupportedDeclaration, at, "a floating-point initializer for an integer global is not translated");
        throw new LiftException(Codes.UnsupportedDeclaration, at, $"the initializer of a global must be a constant clang can fold");
    }

    /// <summary>A member's constant: its initializer's, or an array member's from the elements its elided braces held.</summary>
    private Constant MemberConstant(Records.MemberInit member, SourceLocation at) =>
        member.Elided is { } elements
            ? new ListConstant(elements.Select(e => ConstantOf(e, member.Field.Type.Canonical.ArrayElement, at)).ToList(), at)
            : ConstantOf(member.Value, member.Field.Type, at);

    /// <summary>The function an initializer names (<c>f</c> or <c>&amp;f</c>, through casts and parentheses), or null.</summary>
    private static Cursor? NamedFunction(Cursor e)
    {
        while (e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr or CursorKind.CStyleCastExpr
                   || e.Kind == CursorKind.UnaryOperator && e.UnaryOperator == UnaryOperatorKind.AddrOf)
        {
            var inner = e.Children.Where(c => c.IsExpression).ToList();
            if (inner.Count != 1) return null;
            e = inner[0];
        }
        return e.Kind == CursorKind.DeclRefExpr && e.Referenced.Kind is CursorKind.FunctionDecl or CursorKind.CXXMethod ? e.Referenced : null;
    }

    /// <summary>Two's-complement wrap of a folded value into an integer type of the IR (kept non-negative for unsigned).</summary>
    internal static Int128 Wrap(Int128 value, IrType type)
    {
        int bits = type.Bits;
        if (bits >= 64 && value >= long.MinValue && value <= ulong.MaxValue) return value;
        Int128 mod = Int128.One << bits;
        Int128 r = value % mod;
        if (r < 0) r += mod;
        if (r >= mod / 2) r -= mod;
        return r;
    }
}
