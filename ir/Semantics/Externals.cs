using Translate.Ir.Types;

namespace Translate.Ir.Semantics;

public enum ExternalKind
{
    /// <summary>The C standard library (printf, malloc …), callable on every device.</summary>
    CLibrary,
    /// <summary>A C math function; it means the same as the named <c>(math …)</c> operation.</summary>
    CMath,
    /// <summary>The CUDA runtime API, callable from host code.</summary>
    CudaRuntime,
    /// <summary>A body-less declaration the program is linked with natively (the C library, <c>run --with</c>); host code only.</summary>
    Native,
}

/// <summary>
/// A function every device provides without a body in the program. Pointer parameters accept any
/// pointer (they are C's <c>void*</c>); <see cref="Variadic"/> functions take extra arguments of
/// type int, int64, double or a pointer (C's default promotions are explicit in the IR).
/// </summary>
public sealed record ExternalFunction(string Name, ExternalKind Kind, IrType Return, IReadOnlyList<IrType> Parameters,
    bool Variadic = false, string? MathName = null);

/// <summary>The functions the IR may call without defining them: declared or not, they mean this.</summary>
public static class Externals
{
    private static readonly IrType I = IrType.Int32, L = IrType.Int64, P = IrType.BytePtr, V = IrType.Void;
    private static readonly IrType PP = new PointerType(IrType.BytePtr, AddressSpace.Generic);
    private static readonly IrType PI = new PointerType(IrType.Int32, AddressSpace.Generic);
    private static readonly IrType PF = new PointerType(IrType.Float, AddressSpace.Generic);

    private static ExternalFunction C(string n, IrType r, params IrType[] ps) => new(n, ExternalKind.CLibrary, r, ps);
    private static ExternalFunction Cuda(string n, params IrType[] ps) => new(n, ExternalKind.CudaRuntime, I, ps);

    public static readonly IReadOnlyList<ExternalFunction> All = BuildTable();

    private static List<ExternalFunction> BuildTable()
    {
        var list = new List<ExternalFunction>
        {
            new("printf", ExternalKind.CLibrary, I, [P], Variadic: true),
            C("putchar", I, I), C("puts", I, P), C("malloc", P, L), C("calloc", P, L, L), C("free", V, P),
            C("memcpy", P, P, P, L), C("memset", P, P, I, L), C("abort", V), C("exit", V, I),
            C("rand", I), C("srand", V, I),
            Cuda("cudaMalloc", PP, L), Cuda("cudaFree", P), Cuda("cudaMallocHost", PP, L), Cuda("cudaFreeHost", P),
            Cuda("cudaMallocManaged", PP, L, I),
            Cuda("cudaMemcpy", P, P, L, I), Cuda("cudaMemcpyAsync", P, P, L, I, P),
            Cuda("cudaMemset", P, I, L), Cuda("cudaMemsetAsync", P, I, L, P),
            Cuda("cudaMemcpyToSymbol", P, P, L, L, I), Cuda("cudaMemcpyFromSymbol", P, P, L, L, I), Cuda("cudaGetSymbolAddress", PP, P),
            Cuda("cudaDeviceSynchronize"), Cuda("cudaDeviceReset"),
            Cuda("cudaGetLastError"), Cuda("cudaPeekAtLastError"),
            new("cudaGetErrorString", ExternalKind.CudaRuntime, P, [I]),
            new("cudaGetErrorName", ExternalKind.CudaRuntime, P, [I]),
            Cuda("cudaStreamCreate", PP), Cuda("cudaStreamDestroy", P), Cuda("cudaStreamSynchronize", P),
            Cuda("cudaEventCreate", PP), Cuda("cudaEventRecord", P, P), Cuda("cudaEventSynchronize", P),
            Cuda("cudaEventElapsedTime", PF, P, P), Cuda("cudaEventDestroy", P),
            Cuda("cudaGetDeviceCount", PI), Cuda("cudaSetDevice", I), Cuda("cudaGetDevice", PI),
            Cuda("cudaDriverGetVersion", PI), Cuda("cudaRuntimeGetVersion", PI),
        };
        // C math: NAMEf on float and NAME on double mean (math NAME …).
        foreach (var op in MathOps.All)
        {
            if (op.Name.StartsWith("fast-", StringComparison.Ordinal)) continue;
            if (op.Signature is not (MathSignature.FloatUnary or MathSignature.FloatBinary or MathSignature.FloatTernary)) continue;
            if (op.Name is "saturate" or "rsqrt") continue;
            int arity = op.Signature switch { MathSignature.FloatUnary => 1, MathSignature.FloatBinary => 2, _ => 3 };
            list.Add(new(op.Name + "f", ExternalKind.CMath, IrType.Float, Enumerable.Repeat<IrType>(IrType.Float, arity).ToList(), MathName: op.Name));
            list.Add(new(op.Name, ExternalKind.CMath, IrType.Double, Enumerable.Repeat<IrType>(IrType.Double, arity).ToList(), MathName: op.Name));
        }
        return list;
    }

    private static readonly Dictionary<string, ExternalFunction> ByName = All.ToDictionary(f => f.Name);

    public static ExternalFunction? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>cudaMemcpyKind values, as CUDA numbers them.</summary>
    public static class MemcpyKind
    {
        public const int HostToHost = 0, HostToDevice = 1, DeviceToHost = 2, DeviceToDevice = 3, Default = 4;
    }
}
