using System.Runtime.InteropServices;

namespace Translate.Frontend.Clang;

/// <summary>The libclang 19 C functions the frontend uses, bound one to one. Nothing above the
/// binding layer (this folder) sees these signatures or raw handles.</summary>
internal static unsafe partial class Native
{
    internal const string Library = "libclang-19.so.1";

    [LibraryImport(Library)] internal static partial nint clang_createIndex(int excludeDeclarationsFromPch, int displayDiagnostics);
    [LibraryImport(Library)] internal static partial void clang_disposeIndex(nint index);
    [LibraryImport(Library)] internal static partial CXString clang_getClangVersion();
    [LibraryImport(Library)]
    internal static partial int clang_parseTranslationUnit2(nint index, byte* sourceFilename, byte** commandLineArgs,
        int numCommandLineArgs, CXUnsavedFile* unsavedFiles, uint numUnsavedFiles, uint options, nint* outTu);
    [LibraryImport(Library)] internal static partial void clang_disposeTranslationUnit(nint tu);
    [LibraryImport(Library)] internal static partial int clang_saveTranslationUnit(nint tu, byte* fileName, uint options);
    [LibraryImport(Library)] internal static partial CXCursor clang_getTranslationUnitCursor(nint tu);

    [LibraryImport(Library)] internal static partial byte* clang_getCString(CXString s);
    [LibraryImport(Library)] internal static partial void clang_disposeString(CXString s);

    [LibraryImport(Library)] internal static partial uint clang_getNumDiagnostics(nint tu);
    [LibraryImport(Library)] internal static partial nint clang_getDiagnostic(nint tu, uint index);
    [LibraryImport(Library)] internal static partial void clang_disposeDiagnostic(nint diagnostic);
    [LibraryImport(Library)] internal static partial int clang_getDiagnosticSeverity(nint diagnostic);
    [LibraryImport(Library)] internal static partial CXSourceLocation clang_getDiagnosticLocation(nint diagnostic);
    [LibraryImport(Library)] internal static partial CXString clang_getDiagnosticSpelling(nint diagnostic);

    [LibraryImport(Library)] internal static partial uint clang_visitChildren(CXCursor parent, delegate* unmanaged<CXCursor, CXCursor, nint, int> visitor, nint clientData);
    [LibraryImport(Library)] internal static partial uint clang_Type_visitFields(CXType t, delegate* unmanaged<CXCursor, nint, int> visitor, nint clientData);
    [LibraryImport(Library)] internal static partial int clang_getCursorKind(CXCursor c);
    [LibraryImport(Library)] internal static partial CXString clang_getCursorSpelling(CXCursor c);
    [LibraryImport(Library)] internal static partial CXString clang_getCursorDisplayName(CXCursor c);
    [LibraryImport(Library)] internal static partial CXString clang_Cursor_getMangling(CXCursor c);
    [LibraryImport(Library)] internal static partial CXString clang_getCursorUSR(CXCursor c);
    [LibraryImport(Library)] internal static partial nint clang_Cursor_getTranslationUnit(CXCursor c);
    [LibraryImport(Library)] internal static partial byte* clang_getFileContents(nint tu, nint file, nuint* size);
    [LibraryImport(Library)] internal static partial CXType clang_getCursorType(CXCursor c);
    [LibraryImport(Library)] internal static partial CXType clang_getCursorResultType(CXCursor c);
    [LibraryImport(Library)] internal static partial CXSourceLocation clang_getCursorLocation(CXCursor c);
    [LibraryImport(Library)] internal static partial CXSourceRange clang_getCursorExtent(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_getCursorReferenced(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_getCursorDefinition(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_getCanonicalCursor(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_getCursorSemanticParent(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_equalCursors(CXCursor a, CXCursor b);
    [LibraryImport(Library)] internal static partial uint clang_hashCursor(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_Cursor_isNull(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_isCursorDefinition(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_Cursor_getNumArguments(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_Cursor_getArgument(CXCursor c, uint i);
    [LibraryImport(Library)] internal static partial int clang_Cursor_getStorageClass(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_Cursor_getVarDeclInitializer(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_getCursorBinaryOperatorKind(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_getCursorUnaryOperatorKind(CXCursor c);
    [LibraryImport(Library)] internal static partial CXCursor clang_getSpecializedCursorTemplate(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_Cursor_getNumTemplateArguments(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_Cursor_getTemplateArgumentKind(CXCursor c, uint i);
    [LibraryImport(Library)] internal static partial CXType clang_Cursor_getTemplateArgumentType(CXCursor c, uint i);
    [LibraryImport(Library)] internal static partial long clang_Cursor_getTemplateArgumentValue(CXCursor c, uint i);
    [LibraryImport(Library)] internal static partial uint clang_CXXMethod_isStatic(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_CXXMethod_isDefaulted(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_CXXMethod_isExplicit(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_CXXMethod_isConst(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_CXXMethod_isVirtual(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_CXXMethod_isPureVirtual(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_Location_isInSystemHeader(CXSourceLocation l);

    [LibraryImport(Library)] internal static partial nint clang_Cursor_Evaluate(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_EvalResult_getKind(nint e);
    [LibraryImport(Library)] internal static partial long clang_EvalResult_getAsLongLong(nint e);
    [LibraryImport(Library)] internal static partial uint clang_EvalResult_isUnsignedInt(nint e);
    [LibraryImport(Library)] internal static partial ulong clang_EvalResult_getAsUnsigned(nint e);
    [LibraryImport(Library)] internal static partial double clang_EvalResult_getAsDouble(nint e);
    [LibraryImport(Library)] internal static partial byte* clang_EvalResult_getAsStr(nint e);
    [LibraryImport(Library)] internal static partial void clang_EvalResult_dispose(nint e);
    [LibraryImport(Library)] internal static partial uint clang_Cursor_isBitField(CXCursor c);
    [LibraryImport(Library)] internal static partial long clang_Cursor_getOffsetOfField(CXCursor c);
    [LibraryImport(Library)] internal static partial int clang_getFieldDeclBitWidth(CXCursor c);
    [LibraryImport(Library)] internal static partial uint clang_isVirtualBase(CXCursor c);

    [LibraryImport(Library)] internal static partial CXType clang_getCanonicalType(CXType t);
    [LibraryImport(Library)] internal static partial CXString clang_getTypeSpelling(CXType t);
    [LibraryImport(Library)] internal static partial long clang_Type_getSizeOf(CXType t);
    [LibraryImport(Library)] internal static partial long clang_Type_getAlignOf(CXType t);
    [LibraryImport(Library)] internal static partial CXType clang_getPointeeType(CXType t);
    [LibraryImport(Library)] internal static partial CXType clang_Type_getClassType(CXType t);
    [LibraryImport(Library)] internal static partial CXType clang_getArrayElementType(CXType t);
    [LibraryImport(Library)] internal static partial long clang_getArraySize(CXType t);
    [LibraryImport(Library)] internal static partial CXCursor clang_getTypeDeclaration(CXType t);
    [LibraryImport(Library)] internal static partial uint clang_isConstQualifiedType(CXType t);
    [LibraryImport(Library)] internal static partial uint clang_isVolatileQualifiedType(CXType t);
    [LibraryImport(Library)] internal static partial CXType clang_getResultType(CXType t);
    [LibraryImport(Library)] internal static partial int clang_getNumArgTypes(CXType t);
    [LibraryImport(Library)] internal static partial CXType clang_getArgType(CXType t, uint i);
    [LibraryImport(Library)] internal static partial CXType clang_getEnumDeclIntegerType(CXCursor c);
    [LibraryImport(Library)] internal static partial CXType clang_getNonReferenceType(CXType t);

    [LibraryImport(Library)] internal static partial void clang_getExpansionLocation(CXSourceLocation l, nint* file, uint* line, uint* column, uint* offset);
    [LibraryImport(Library)] internal static partial CXString clang_getFileName(nint file);
    [LibraryImport(Library)] internal static partial CXString clang_File_tryGetRealPathName(nint file);
    [LibraryImport(Library)] internal static partial CXSourceLocation clang_getRangeStart(CXSourceRange r);
    [LibraryImport(Library)] internal static partial CXSourceLocation clang_getRangeEnd(CXSourceRange r);
    [LibraryImport(Library)]
    internal static partial void clang_getInclusions(nint tu, delegate* unmanaged<nint, CXSourceLocation*, uint, nint, void> visitor, nint clientData);
    [LibraryImport(Library)] internal static partial CXSourceLocation clang_getLocationForOffset(nint tu, nint file, uint offset);
    [LibraryImport(Library)] internal static partial nint clang_getFile(nint tu, byte* fileName);
    [LibraryImport(Library)] internal static partial CXSourceRange clang_getRange(CXSourceLocation begin, CXSourceLocation end);
    [LibraryImport(Library)] internal static partial void clang_tokenize(nint tu, CXSourceRange range, CXToken** tokens, uint* count);
    [LibraryImport(Library)] internal static partial void clang_disposeTokens(nint tu, CXToken* tokens, uint count);
    [LibraryImport(Library)] internal static partial int clang_getTokenKind(CXToken token);
    [LibraryImport(Library)] internal static partial CXString clang_getTokenSpelling(nint tu, CXToken token);
    [LibraryImport(Library)] internal static partial CXSourceLocation clang_getTokenLocation(nint tu, CXToken token);
    [LibraryImport(Library)] internal static partial int clang_getCXXAccessSpecifier(CXCursor c);

    /// <summary>The C library's setenv: libclang reads its settings from the C environment, which .NET's own copy does not reach.</summary>
    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)] internal static partial int setenv(string name, string value, int overwrite);
}
