using System.Runtime.InteropServices;
using System.Text;

namespace Translate.Frontend.Clang;

/// <summary>A diagnostic clang reported while parsing.</summary>
public sealed record ClangDiagnostic(ClangSeverity Severity, SourcePosition Position, string Message);

/// <summary>A file a parse included: its path as clang opened it, whether clang treats it as a system header, and its
/// real path (symbolic links and <c>..</c> resolved by the file system: libclang names the files of its built-in GCC search
/// paths <c>/../lib/gcc/…/../../../../include/…</c>, which no lexical clean-up turns into the file).</summary>
public sealed record IncludedFile(string Path, bool IsSystem, string RealPath);

/// <summary>Thrown when libclang 19 cannot be loaded on this machine.</summary>
public sealed class ClangUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>One parsed source file with its index; disposing frees both.</summary>
public sealed unsafe class TranslationUnit : IDisposable
{
    private nint _index;
    private nint _tu;
    private readonly string _path;

    private TranslationUnit(nint index, nint tu, string path) { _index = index; _tu = tu; _path = path; }

    private static readonly Lazy<bool> NoParseThreads = new(() => OperatingSystem.IsLinux() && Native.setenv("LIBCLANG_NOTHREADS", "1", 0) == 0);

    /// <summary>
    /// libclang parses on a thread of its own with an 8 MiB stack unless <c>LIBCLANG_NOTHREADS</c> is set (read with
    /// getenv at each parse, so it is set in the C environment): the frontend's own thread has a far larger stack
    /// (CudaFrontend), which deeply nested source needs.
    /// </summary>
    private static void ParseOnCallingThread() => _ = NoParseThreads.Value;

    /// <summary>libclang's <c>CXTranslationUnit_Incomplete | CXTranslationUnit_ForSerialization</c>: a header parsed to be
    /// saved as a precompiled header (<see cref="Save"/>), its end-of-file work left to the files that include it.</summary>
    private const uint HeaderForSerialization = 0x02 | 0x10;

    /// <summary>Parses <paramref name="path"/> with clang command-line <paramref name="arguments"/>;
    /// <paramref name="contents"/>, if given, is used instead of the file on disk.</summary>
    public static TranslationUnit Parse(string path, IReadOnlyList<string> arguments, string? contents = null) =>
        Parse(path, arguments, contents, 0);

    /// <summary>Parses the header <paramref name="path"/> so that <see cref="Save"/> can write it as a precompiled header.</summary>
    public static TranslationUnit ParseHeaderToPrecompile(string path, IReadOnlyList<string> arguments) =>
        Parse(path, arguments, null, HeaderForSerialization);

    private static TranslationUnit Parse(string path, IReadOnlyList<string> arguments, string? contents, uint flags)
    {
        nint index;
        ParseOnCallingThread();
        try { index = Native.clang_createIndex(0, 0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new ClangUnavailableException(
                $"libclang 19 ({Native.Library}) could not be loaded: install the Debian package libclang1-19 (apt-get install libclang1-19)", e);
        }
        var allocations = new List<nint>();
        byte* Utf8(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s + "\0");
            var p = Marshal.AllocHGlobal(bytes.Length);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            allocations.Add(p);
            return (byte*)p;
        }
        try
        {
            var args = stackalloc byte*[arguments.Count];
            for (int i = 0; i < arguments.Count; i++) args[i] = Utf8(arguments[i]);
            CXUnsavedFile unsaved = default;
            uint unsavedCount = 0;
            if (contents is not null)
            {
                unsaved.Filename = Utf8(path);
                unsaved.Contents = Utf8(contents);
                unsaved.Length = (nuint)Encoding.UTF8.GetByteCount(contents);
                unsavedCount = 1;
            }
            nint tu;
            int error = Native.clang_parseTranslationUnit2(index, Utf8(path), args, arguments.Count, &unsaved, unsavedCount, flags, &tu);
            if (error != 0 || tu == 0)
            {
                Native.clang_disposeIndex(index);
                throw new InvalidOperationException($"libclang could not parse '{path}' (error {error})");
            }
            return new TranslationUnit(index, tu, path);
        }
        finally
        {
            foreach (var p in allocations) Marshal.FreeHGlobal(p);
        }
    }

    /// <summary>libclang's version line ("Debian clang version 19.1.…"): a precompiled header is for one libclang.</summary>
    public static string ClangVersion => ClangStrings.Take(Native.clang_getClangVersion());

    /// <summary>Writes this parse as a precompiled header (<c>-include-pch</c>) to <paramref name="file"/>; false if libclang could not.</summary>
    public bool Save(string file)
    {
        var bytes = Encoding.UTF8.GetBytes(file + "\0");
        fixed (byte* name = bytes) return Native.clang_saveTranslationUnit(_tu, name, 0) == 0;
    }

    public Cursor Root => new(Native.clang_getTranslationUnitCursor(_tu));

    /// <summary>The main file's tokens as written (before preprocessing: directives and code <c>#if</c> leaves out included).</summary>
    public IReadOnlyList<Token> MainFileTokens()
    {
        var bytes = Encoding.UTF8.GetBytes(_path + "\0");
        nint file;
        fixed (byte* name = bytes) file = Native.clang_getFile(_tu, name);
        if (file == 0) return [];
        nuint size;
        if (Native.clang_getFileContents(_tu, file, &size) == null) return [];
        return Tokenize(Native.clang_getRange(Native.clang_getLocationForOffset(_tu, file, 0),
            Native.clang_getLocationForOffset(_tu, file, (uint)size)));
    }

    /// <summary>The tokens a cursor spans, as written.</summary>
    public IReadOnlyList<Token> Tokens(Cursor c) => Tokenize(_tu, Native.clang_getCursorExtent(c.Raw));

    private IReadOnlyList<Token> Tokenize(CXSourceRange range) => Tokenize(_tu, range);

    internal static IReadOnlyList<Token> Tokenize(nint _tu, CXSourceRange range)
    {
        CXToken* tokens;
        uint count;
        Native.clang_tokenize(_tu, range, &tokens, &count);
        var list = new List<Token>((int)count);
        try
        {
            for (uint i = 0; i < count; i++)
            {
                var at = SourcePosition.From(Native.clang_getTokenLocation(_tu, tokens[i]));
                list.Add(new Token(ClangStrings.Take(Native.clang_getTokenSpelling(_tu, tokens[i])),
                    (TokenKind)Native.clang_getTokenKind(tokens[i]), at));
            }
        }
        finally { if (tokens != null) Native.clang_disposeTokens(_tu, tokens, count); }
        return list;
    }

    /// <summary>Whether <paramref name="cursor"/> is a node of this parse (not of another parse of the same file).</summary>
    public bool Contains(Cursor cursor) => Native.clang_Cursor_getTranslationUnit(cursor.Raw) == _tu;

    public IReadOnlyList<ClangDiagnostic> Diagnostics
    {
        get
        {
            var list = new List<ClangDiagnostic>();
            uint n = Native.clang_getNumDiagnostics(_tu);
            for (uint i = 0; i < n; i++)
            {
                var d = Native.clang_getDiagnostic(_tu, i);
                try
                {
                    list.Add(new ClangDiagnostic((ClangSeverity)Native.clang_getDiagnosticSeverity(d),
                        SourcePosition.From(Native.clang_getDiagnosticLocation(d)),
                        ClangStrings.Take(Native.clang_getDiagnosticSpelling(d))));
                }
                finally { Native.clang_disposeDiagnostic(d); }
            }
            return list;
        }
    }

    /// <summary>
    /// Every file the parse read besides the main file, once each, in the order clang entered them:
    /// headers with <see cref="IncludedFile.IsSystem"/> false are the user's (what <c>-MMD</c> lists).
    /// </summary>
    public IReadOnlyList<IncludedFile> IncludedFiles
    {
        get
        {
            var visit = new InclusionVisit(_tu);
            var handle = GCHandle.Alloc(visit);
            try { Native.clang_getInclusions(_tu, &CollectInclusion, GCHandle.ToIntPtr(handle)); }
            finally { handle.Free(); }
            return visit.Files;
        }
    }

    private sealed class InclusionVisit(nint tu)
    {
        public readonly nint Tu = tu;
        public readonly List<IncludedFile> Files = [];
        public readonly HashSet<string> Seen = [];
    }

    /// <summary>
    /// Whether the text of any file this parse read (the main file included) contains <paramref name="text"/> (ASCII),
    /// read from clang's own buffers: the names clang reports for files found through its built-in search paths are
    /// not always paths that open.
    /// </summary>
    public bool AnyFileContains(string text)
    {
        var search = new ContentSearch(_tu, Encoding.ASCII.GetBytes(text));
        var handle = GCHandle.Alloc(search);
        try { Native.clang_getInclusions(_tu, &SearchInclusion, GCHandle.ToIntPtr(handle)); }
        finally { handle.Free(); }
        return search.Found;
    }

    private sealed class ContentSearch(nint tu, byte[] needle)
    {
        public readonly nint Tu = tu;
        public readonly byte[] Needle = needle;
        public readonly HashSet<nint> Seen = [];
        public bool Found;
    }

    [UnmanagedCallersOnly]
    private static void SearchInclusion(nint file, CXSourceLocation* stack, uint depth, nint data)
    {
        var search = (ContentSearch)GCHandle.FromIntPtr(data).Target!;
        if (search.Found || !search.Seen.Add(file)) return;
        nuint size;
        byte* contents = Native.clang_getFileContents(search.Tu, file, &size);
        // A file clang read but cannot show counts as containing it: the answer must never wrongly be no.
        search.Found = contents is null || new ReadOnlySpan<byte>(contents, checked((int)size)).IndexOf(search.Needle) >= 0;
    }

    [UnmanagedCallersOnly]
    private static void CollectInclusion(nint file, CXSourceLocation* stack, uint depth, nint data)
    {
        if (depth == 0) return; // the main file itself
        var visit = (InclusionVisit)GCHandle.FromIntPtr(data).Target!;
        string name = ClangStrings.Take(Native.clang_getFileName(file));
        if (name.Length == 0 || !visit.Seen.Add(name)) return;
        // A file is a system header when clang treats its own first byte as one (-isystem, system dirs).
        bool system = Native.clang_Location_isInSystemHeader(Native.clang_getLocationForOffset(visit.Tu, file, 0)) != 0;
        string real = ClangStrings.Take(Native.clang_File_tryGetRealPathName(file));
        visit.Files.Add(new IncludedFile(name, system, real.Length > 0 ? real : name));
    }

    public void Dispose()
    {
        if (_tu != 0) Native.clang_disposeTranslationUnit(_tu);
        if (_index != 0) Native.clang_disposeIndex(_index);
        _tu = _index = 0;
    }
}
