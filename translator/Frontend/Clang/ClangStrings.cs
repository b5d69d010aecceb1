using System.Runtime.InteropServices;

namespace Translate.Frontend.Clang;

internal static unsafe class ClangStrings
{
    /// <summary>Copies a CXString into a .NET string and disposes it.</summary>
    public static string Take(CXString s)
    {
        try
        {
            var p = Native.clang_getCString(s);
            return p == null ? "" : Marshal.PtrToStringUTF8((nint)p) ?? "";
        }
        finally { Native.clang_disposeString(s); }
    }
}
