using System.Text;

namespace Translate.Backends.OpenCl.Naming;

/// <summary>
/// Makes IR names valid OpenCL C identifiers that cannot collide with keywords, address-space
/// qualifiers, built-in types or the built-in functions emitted code calls (<c>local</c> → <c>local_</c>).
/// Names starting with <c>tr_</c> are kept for the emitter's own helpers.
/// </summary>
internal static class Identifiers
{
    private static readonly HashSet<string> Reserved =
    [
        // C99 keywords.
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float",
        "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static",
        "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "_Imaginary",
        // OpenCL C qualifiers and types.
        "__global", "global", "__local", "local", "__constant", "constant", "__private", "private", "__kernel", "kernel",
        "read_only", "write_only", "read_write", "__read_only", "__write_only", "__read_write", "uniform", "pipe",
        "bool", "true", "false", "half", "size_t", "ptrdiff_t", "intptr_t", "uintptr_t", "uchar", "ushort", "uint", "ulong",
        "image2d_t", "image3d_t", "sampler_t", "event_t", "quad", "complex", "imaginary",
        // Built-ins the emitted code calls, and common macros.
        "barrier", "mem_fence", "read_mem_fence", "write_mem_fence", "get_local_id", "get_group_id", "get_local_size",
        "get_num_groups", "get_global_id", "get_global_size", "get_work_dim", "printf", "min", "max", "clamp", "abs",
        "popcount", "clz", "mul_hi", "mul24", "mad", "dot", "cross", "length", "normalize", "select", "sign", "mix", "step",
        "atomic_add", "atomic_sub", "atomic_xchg", "atomic_inc", "atomic_dec", "atomic_cmpxchg", "atomic_min", "atomic_max",
        "atomic_and", "atomic_or", "atomic_xor", "atom_add", "atom_cmpxchg", "fmin", "fmax", "fma", "sqrt", "rsqrt", "exp",
        "log", "sin", "cos", "tan", "pow", "fabs", "floor", "ceil", "trunc", "round", "rint", "fmod", "isnan", "isinf",
        "NAN", "INFINITY", "MAXFLOAT", "HUGE_VALF", "CLK_LOCAL_MEM_FENCE", "CLK_GLOBAL_MEM_FENCE", "NULL", "main",
        // The other OpenCL C 1.2 built-in functions: they are overloadable, so a kernel of the same name becomes
        // one more overload with a mangled name, and clCreateKernel cannot find it (a kernel named rotate).
        "acos", "acosh", "acospi", "asin", "asinh", "asinpi", "atan", "atan2", "atanh", "atanpi", "atan2pi", "cbrt",
        "copysign", "cosh", "cospi", "erfc", "erf", "exp2", "exp10", "expm1", "fdim", "fract", "frexp", "hypot", "ilogb",
        "ldexp", "lgamma", "lgamma_r", "log2", "log10", "log1p", "logb", "maxmag", "minmag", "modf", "nan", "nextafter",
        "pown", "powr", "remainder", "remquo", "rootn", "sincos", "sinh", "sinpi", "tanh", "tanpi", "tgamma",
        "abs_diff", "add_sat", "hadd", "rhadd", "mad_hi", "mad_sat", "rotate", "sub_sat", "upsample", "mad24", "ctz",
        "degrees", "radians", "smoothstep", "distance", "fast_distance", "fast_length", "fast_normalize",
        "isequal", "isnotequal", "isgreater", "isgreaterequal", "isless", "islessequal", "islessgreater", "isfinite",
        "isnormal", "isordered", "isunordered", "signbit", "any", "all", "bitselect", "shuffle", "shuffle2",
        "vload_half", "vstore_half", "vloada_half", "async_work_group_copy", "async_work_group_strided_copy",
        "wait_group_events", "prefetch", "atomic_fetch_add", "work_group_barrier",
    ];

    /// <summary>A valid, non-reserved identifier for <paramref name="name"/>.</summary>
    public static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0])) sb.Insert(0, '_');
        var s = sb.ToString();
        bool builtinLooking = s.StartsWith("tr_", StringComparison.Ordinal) || s.StartsWith("get_", StringComparison.Ordinal)
            || s.StartsWith("convert_", StringComparison.Ordinal) || s.StartsWith("as_", StringComparison.Ordinal)
            || s.StartsWith("native_", StringComparison.Ordinal) || s.StartsWith("half_", StringComparison.Ordinal)
            || s.StartsWith("vload", StringComparison.Ordinal) || s.StartsWith("vstore", StringComparison.Ordinal) || s.StartsWith("__", StringComparison.Ordinal) || IsVectorTypeName(s);
        return Reserved.Contains(s) || builtinLooking ? s + "_" : s;
    }

    private static bool IsVectorTypeName(string s)
    {
        foreach (var b in new[] { "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "half" })
            if (s.StartsWith(b, StringComparison.Ordinal) && s.Length > b.Length && int.TryParse(s[b.Length..], out int n) && n is 2 or 3 or 4 or 8 or 16)
                return true;
        return false;
    }
}

/// <summary>Block-scoped names of one function: a new name avoids every name visible where it is declared.</summary>
internal sealed class NameScope
{
    private readonly List<HashSet<string>> _scopes = [[]];

    public void Push() => _scopes.Add([]);
    public void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    /// <summary>Reserves a name in the current scope: the sanitized <paramref name="wanted"/>, or it with a suffix.</summary>
    public string Declare(string wanted)
    {
        var name = Identifiers.Sanitize(wanted);
        var candidate = name;
        for (int k = 2; IsVisible(candidate); k++) candidate = $"{name}_{k}";
        _scopes[^1].Add(candidate);
        return candidate;
    }

    /// <summary>Reserves an exact name (a helper's own name, a resource's) in the current scope.</summary>
    public void Reserve(string exact) => _scopes[^1].Add(exact);

    private bool IsVisible(string n) => _scopes.Any(s => s.Contains(n));
}
