using System.Text;

namespace Translate.Runtime.OpenCl.Interop;

/// <summary>Reads string and scalar info values through the two-call size-then-data protocol.</summary>
internal static unsafe class ClInfo
{
    internal delegate int Query(nuint size, void* value, nuint* sizeRet);

    public static string String(Query query, string call)
    {
        nuint size;
        OpenClException.Check(query(0, null, &size), call);
        if (size == 0) return "";
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) OpenClException.Check(query(size, p, null), call);
        int end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }

    public static T Scalar<T>(Query query, string call) where T : unmanaged
    {
        T value = default;
        OpenClException.Check(query((nuint)sizeof(T), &value, null), call);
        return value;
    }
}
