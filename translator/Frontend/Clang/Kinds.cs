namespace Translate.Frontend.Clang;

/// <summary>The libclang cursor kinds the lifter distinguishes (values of CXCursorKind).</summary>
public enum CursorKind
{
    UnexposedDecl = 1, StructDecl = 2, UnionDecl = 3, ClassDecl = 4, EnumDecl = 5, FieldDecl = 6, EnumConstantDecl = 7,
    FunctionDecl = 8, VarDecl = 9, ParmDecl = 10, TypedefDecl = 20, CXXMethod = 21, Namespace = 22, LinkageSpec = 23,
    Constructor = 24, Destructor = 25, ConversionFunction = 26, TemplateTypeParameter = 27, NonTypeTemplateParameter = 28,
    FunctionTemplate = 30, ClassTemplate = 31, NamespaceAlias = 33, UsingDirective = 34, UsingDeclaration = 35, TypeAliasDecl = 36,
    TypeRef = 43, CXXBaseSpecifier = 44, TemplateRef = 45, NamespaceRef = 46, MemberRef = 47, LabelRef = 48, OverloadedDeclRef = 49, VariableRef = 50,
    UnexposedExpr = 100, DeclRefExpr = 101, MemberRefExpr = 102, CallExpr = 103, IntegerLiteral = 106,
    FloatingLiteral = 107, StringLiteral = 109, CharacterLiteral = 110, ParenExpr = 111, UnaryOperator = 112,
    ArraySubscriptExpr = 113, BinaryOperator = 114, CompoundAssignOperator = 115, ConditionalOperator = 116,
    CStyleCastExpr = 117, InitListExpr = 119, StmtExpr = 121, CXXStaticCastExpr = 124, CXXDynamicCastExpr = 125,
    CXXReinterpretCastExpr = 126, CXXConstCastExpr = 127, CXXFunctionalCastExpr = 128, CXXBoolLiteralExpr = 130,
    CXXNullPtrLiteralExpr = 131, CXXThisExpr = 132, CXXThrowExpr = 133, CXXNewExpr = 134, CXXDeleteExpr = 135,
    GNUNullExpr = 123, UnaryExpr = 136, LambdaExpr = 144,
    UnexposedStmt = 200, LabelStmt = 201, CompoundStmt = 202, CaseStmt = 203, DefaultStmt = 204, IfStmt = 205,
    SwitchStmt = 206, WhileStmt = 207, DoStmt = 208, ForStmt = 209, GotoStmt = 210, ContinueStmt = 212,
    BreakStmt = 213, ReturnStmt = 214, AsmStmt = 215, CXXTryStmt = 224, CXXForRangeStmt = 225, NullStmt = 230,
    DeclStmt = 231, BuiltinBitCastExpr = 280,
    TranslationUnit = 350,
    UnexposedAttr = 400, AnnotateAttr = 406, CUDAConstantAttr = 412, CUDADeviceAttr = 413, CUDAGlobalAttr = 414, CUDAHostAttr = 415,
    CUDASharedAttr = 416, StaticAssert = 602,
}

/// <summary>The libclang type kinds the lifter distinguishes (values of CXTypeKind).</summary>
public enum TypeKind
{
    Invalid = 0, Unexposed = 1, Void = 2, Bool = 3, Char_U = 4, UChar = 5, Char16 = 6, Char32 = 7, UShort = 8, UInt = 9,
    ULong = 10, ULongLong = 11, UInt128 = 12, Char_S = 13, SChar = 14, WChar = 15, Short = 16, Int = 17, Long = 18,
    LongLong = 19, Int128 = 20, Float = 21, Double = 22, LongDouble = 23, NullPtr = 24, Half = 31, Float16 = 32,
    BFloat16 = 39, Pointer = 101, LValueReference = 103, RValueReference = 104, Record = 105, Enum = 106,
    Typedef = 107, FunctionNoProto = 110, FunctionProto = 111, ConstantArray = 112, Vector = 113, IncompleteArray = 114,
    VariableArray = 115, DependentSizedArray = 116, MemberPointer = 117, Auto = 118, Elaborated = 119,
}

/// <summary>Binary operators (values of CXBinaryOperatorKind).</summary>
public enum BinaryOperatorKind
{
    Invalid = 0, PtrMemD, PtrMemI, Mul, Div, Rem, Add, Sub, Shl, Shr, Cmp, LT, GT, LE, GE, EQ, NE, And, Xor, Or,
    LAnd, LOr, Assign, MulAssign, DivAssign, RemAssign, AddAssign, SubAssign, ShlAssign, ShrAssign, AndAssign,
    XorAssign, OrAssign, Comma,
}

/// <summary>Unary operators (values of CXUnaryOperatorKind).</summary>
public enum UnaryOperatorKind
{
    Invalid = 0, PostInc, PostDec, PreInc, PreDec, AddrOf, Deref, Plus, Minus, Not, LNot, Real, Imag, Extension, Coawait,
}

/// <summary>Storage classes (values of CX_StorageClass).</summary>
public enum StorageClass { Invalid = 0, None, Extern, Static, PrivateExtern, OpenCLWorkGroupLocal, Auto, Register }

/// <summary>How severe a clang diagnostic is (values of CXDiagnosticSeverity).</summary>
public enum ClangSeverity { Ignored = 0, Note = 1, Warning = 2, Error = 3, Fatal = 4 }

/// <summary>Kinds of tokens (values of CXTokenKind).</summary>
public enum TokenKind { Punctuation = 0, Keyword, Identifier, Literal, Comment }

/// <summary>C++ member access (values of CX_CXXAccessSpecifier).</summary>
public enum CxxAccess { Invalid = 0, Public, Protected, Private }

/// <summary>One token of the source as written, and where it is.</summary>
public readonly record struct Token(string Spelling, TokenKind Kind, SourcePosition Position);
