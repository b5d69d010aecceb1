using System.Runtime.InteropServices;

namespace Translate.Frontend.Clang;

/// <summary>A node of clang's AST (declaration, statement, expression, attribute …) as a libclang cursor.
/// Valid while its <see cref="TranslationUnit"/> is alive.</summary>
public readonly unsafe struct Cursor : IEquatable<Cursor>
{
    internal readonly CXCursor Raw;
    internal Cursor(CXCursor raw) => Raw = raw;

    public CursorKind Kind => (CursorKind)Raw.Kind;
    public bool IsNull => Native.clang_Cursor_isNull(Raw) != 0;
    public string Spelling => ClangStrings.Take(Native.clang_getCursorSpelling(Raw));
    public string DisplayName => ClangStrings.Take(Native.clang_getCursorDisplayName(Raw));
    /// <summary>The linker name (Itanium mangling) of a function or variable declaration.</summary>
    public string Mangling => ClangStrings.Take(Native.clang_Cursor_getMangling(Raw));
    /// <summary>Clang's Unified Symbol Resolution of a declaration: the same entity has the same USR in every parse
    /// of the same source (host and device compilations), template specializations included.</summary>
    public string Usr => ClangStrings.Take(Native.clang_getCursorUSR(Raw));
    public ClangType Type => new(Native.clang_getCursorType(Raw));
    public ClangType ResultType => new(Native.clang_getCursorResultType(Raw));
    public SourcePosition Position => SourcePosition.From(Native.clang_getCursorLocation(Raw));
    /// <summary>The start of the cursor's source range (for expressions, where the expression begins).</summary>
    public SourcePosition Start => SourcePosition.From(Native.clang_getRangeStart(Native.clang_getCursorExtent(Raw)));
    /// <summary>The end of the cursor's source range.</summary>
    public SourcePosition End => SourcePosition.From(Native.clang_getRangeEnd(Native.clang_getCursorExtent(Raw)));
    /// <summary>What a reference or call names: the declaration (for calls of templates, the instantiation).</summary>
    public Cursor Referenced => new(Native.clang_getCursorReferenced(Raw));
    public Cursor Definition => new(Native.clang_getCursorDefinition(Raw));
    public Cursor Canonical => new(Native.clang_getCanonicalCursor(Raw));
    public Cursor SemanticParent => new(Native.clang_getCursorSemanticParent(Raw));
    public bool IsDefinition => Native.clang_isCursorDefinition(Raw) != 0;
    public StorageClass StorageClass => (StorageClass)Native.clang_Cursor_getStorageClass(Raw);
    public BinaryOperatorKind BinaryOperator => (BinaryOperatorKind)Native.clang_getCursorBinaryOperatorKind(Raw);
    public UnaryOperatorKind UnaryOperator => (UnaryOperatorKind)Native.clang_getCursorUnaryOperatorKind(Raw);
    /// <summary>For a template specialization, the template it came from (null cursor otherwise).</summary>
    public Cursor SpecializedTemplate => new(Native.clang_getSpecializedCursorTemplate(Raw));
    /// <summary>The parse this cursor belongs to (cursors of two parses of one file are never equal).</summary>
    public nint TranslationUnitHandle => Native.clang_Cursor_getTranslationUnit(Raw);
    /// <summary>The translation-unit cursor of that parse.</summary>
    public Cursor TranslationUnitRoot => new(Native.clang_getTranslationUnitCursor(TranslationUnitHandle));
    /// <summary>The tokens the cursor spans, as written.</summary>
    public IReadOnlyList<Token> Tokens => TranslationUnit.Tokenize(TranslationUnitHandle, Native.clang_getCursorExtent(Raw));

    /// <summary>The tokens from this cursor's start to the end of <paramref name="last"/> (a descendant): for nodes whose
    /// own extent clang lost, such as a new-expression in a template instantiation (its extent is its first token).</summary>
    public IReadOnlyList<Token> TokensThrough(Cursor last) => TranslationUnit.Tokenize(TranslationUnitHandle,
        Native.clang_getRange(Native.clang_getRangeStart(Native.clang_getCursorExtent(Raw)), Native.clang_getRangeEnd(Native.clang_getCursorExtent(last.Raw))));
    /// <summary>A member's access (public, protected, private).</summary>
    public CxxAccess Access => (CxxAccess)Native.clang_getCXXAccessSpecifier(Raw);
    public bool IsVirtualMethod => Native.clang_CXXMethod_isVirtual(Raw) != 0;
    /// <summary>Whether a method is declared pure virtual (<c>= 0</c>).</summary>
    public bool IsPureVirtualMethod => Native.clang_CXXMethod_isPureVirtual(Raw) != 0;
    public bool IsConstMethod => Native.clang_CXXMethod_isConst(Raw) != 0;
    public bool IsStaticMethod => Native.clang_CXXMethod_isStatic(Raw) != 0;
    /// <summary>A special member the compiler writes (implicit, or <c>= default</c>).</summary>
    public bool IsDefaultedMethod => Native.clang_CXXMethod_isDefaulted(Raw) != 0;
    /// <summary>A constructor or conversion function declared <c>explicit</c>.</summary>
    public bool IsExplicitMethod => Native.clang_CXXMethod_isExplicit(Raw) != 0;
    public ClangType EnumIntegerType => new(Native.clang_getEnumDeclIntegerType(Raw));

    /// <summary>Arguments of a call, or parameters of a function (-1 when the cursor has none).</summary>
    public int ArgumentCount => Native.clang_Cursor_getNumArguments(Raw);
    public Cursor Argument(int i) => new(Native.clang_Cursor_getArgument(Raw, (uint)i));

    public int TemplateArgumentCount => Native.clang_Cursor_getNumTemplateArguments(Raw);
    /// <summary>1 = type, 4 = integral (CXTemplateArgumentKind).</summary>
    public int TemplateArgumentKind(int i) => Native.clang_Cursor_getTemplateArgumentKind(Raw, (uint)i);
    public ClangType TemplateArgumentType(int i) => new(Native.clang_Cursor_getTemplateArgumentType(Raw, (uint)i));
    public long TemplateArgumentValue(int i) => Native.clang_Cursor_getTemplateArgumentValue(Raw, (uint)i);

    /// <summary>Expressions: kinds 100–199, and <c>__builtin_bit_cast</c>, which libclang numbers among the statements.</summary>
    public bool IsExpression => Kind is >= CursorKind.UnexposedExpr and < CursorKind.UnexposedStmt or CursorKind.BuiltinBitCastExpr;
    public bool IsStatement => Kind is >= CursorKind.UnexposedStmt and < CursorKind.TranslationUnit and not CursorKind.BuiltinBitCastExpr;

    /// <summary>A variable declaration's initializer, or null when it has none.</summary>
    public Cursor? VarDeclInitializer => new Cursor(Native.clang_Cursor_getVarDeclInitializer(Raw)) is { IsNull: false } c ? c : null;

    /// <summary>The direct children, in source order.</summary>
    public IReadOnlyList<Cursor> Children
    {
        get
        {
            var list = new List<Cursor>();
            var handle = GCHandle.Alloc(list);
            try { Native.clang_visitChildren(Raw, &CollectChild, GCHandle.ToIntPtr(handle)); }
            finally { handle.Free(); }
            return list;
        }
    }

    [UnmanagedCallersOnly]
    private static int CollectChild(CXCursor child, CXCursor parent, nint data)
    {
        var list = (List<Cursor>)GCHandle.FromIntPtr(data).Target!;
        list.Add(new Cursor(child));
        return 1; // CXChildVisit_Continue
    }

    /// <summary>Folds the expression to a constant when clang can (clang_Cursor_Evaluate).</summary>
    public ConstantValue? Evaluate()
    {
        var r = Native.clang_Cursor_Evaluate(Raw);
        if (r == 0) return null;
        try
        {
            return Native.clang_EvalResult_getKind(r) switch
            {
                1 => Native.clang_EvalResult_isUnsignedInt(r) != 0
                    ? new ConstantValue((Int128)Native.clang_EvalResult_getAsUnsigned(r), null)
                    : new ConstantValue(Native.clang_EvalResult_getAsLongLong(r), null),
                2 => new ConstantValue(null, Native.clang_EvalResult_getAsDouble(r)),
                _ => null,
            };
        }
        finally { Native.clang_EvalResult_dispose(r); }
    }

    /// <summary>The value of a string literal, as clang folds it (escapes resolved, pieces joined).</summary>
    public string? EvaluateString()
    {
        var r = Native.clang_Cursor_Evaluate(Raw);
        if (r == 0) return null;
        try
        {
            if (Native.clang_EvalResult_getKind(r) != 4) return null;
            var p = Native.clang_EvalResult_getAsStr(r);
            return p == null ? null : Marshal.PtrToStringUTF8((nint)p);
        }
        finally { Native.clang_EvalResult_dispose(r); }
    }

    public bool IsBitField => Native.clang_Cursor_isBitField(Raw) != 0;

    /// <summary>A bit-field's width in bits; -1 for a member that is not one.</summary>
    public int BitWidth => Native.clang_getFieldDeclBitWidth(Raw);

    /// <summary>A field's offset in its record, in bits; negative when clang cannot tell (a dependent or incomplete record).</summary>
    public long FieldOffsetBits => Native.clang_Cursor_getOffsetOfField(Raw);

    /// <summary>Whether a base-class specifier is <c>virtual</c>.</summary>
    public bool IsVirtualBase => Native.clang_isVirtualBase(Raw) != 0;

    public bool Equals(Cursor other) => Native.clang_equalCursors(Raw, other.Raw) != 0;
    public override bool Equals(object? obj) => obj is Cursor c && Equals(c);
    public override int GetHashCode() => (int)Native.clang_hashCursor(Raw);
    public static bool operator ==(Cursor a, Cursor b) => a.Equals(b);
    public static bool operator !=(Cursor a, Cursor b) => !a.Equals(b);
    public override string ToString() => $"{Kind} '{Spelling}'";
}

/// <summary>A constant folded by clang: an integer or a floating-point value.</summary>
public sealed record ConstantValue(Int128? Integer, double? Float);
