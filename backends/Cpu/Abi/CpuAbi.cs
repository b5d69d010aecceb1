using Translate.Ir.Diagnostics;

namespace Translate.Backends.Cpu.Abi;

/// <summary>
/// The contract between code compiled for the cpu device and its C# runtime: symbol names, and the
/// layouts of the thread context and the per-block launch record. Every runtime entry point takes
/// the session handle (the global <see cref="SessionGlobal"/>) first.
/// </summary>
public static class CpuAbi
{
    /// <summary>i64 global holding the runtime session handle, set before main runs.</summary>
    public const string SessionGlobal = "__tr_session";
    /// <summary><c>i32 (ptr jmpbuf, i32 argc, ptr argv)</c>: runs main; -1 when it stopped by longjmp (exit or error).</summary>
    public const string MainEntry = "__tr_main";
    /// <summary><c>ptr (i64 session, i32 failureId)</c>: records a runtime error; returns the jmp_buf to unwind to.</summary>
    public const string Fail = "__tr_fail";
    /// <summary><c>void (i64 session, i32 diagnosticId)</c>: records a runtime warning; the session reports each once.</summary>
    public const string Warn = "__tr_warn";
    /// <summary><c>ptr (i64 session)</c>: the jmp_buf of the calling thread (after a failed launch).</summary>
    public const string Unwind = "__tr_unwind";
    /// <summary><c>ptr (i64 session, i32 status)</c>: records exit status; returns the jmp_buf.</summary>
    public const string Exit = "__tr_exit";
    /// <summary><c>void (i64 session, ptr bytes, i32 length)</c>: program output (stdout).</summary>
    public const string Write = "__tr_write";
    /// <summary><c>i32 (i64 session, i32 kernel, i32 gx, gy, gz, bx, by, bz, i64 shared, ptr stream, ptr args, i32 cooperative)</c>;
    /// negative: the launch failed with a runtime error (unwind).</summary>
    public const string Launch = "__tr_launch";
    /// <summary><c>ptr (i64 session, i32 failureId)</c>: a block's arrival at <c>(grid-sync)</c>, once per block between
    /// thread loops; returns null when every block of the cooperative launch arrived, else the jmp_buf to unwind
    /// to (TR0317: not a cooperative launch, or a block finished without arriving; or another block failed).</summary>
    public const string GridSync = "__tr_grid_sync";
    public const string Rand = "__tr_rand";
    /// <summary><c>ptr (i64 session, ptr address, i64 bytes, i32 failureId, i32 write)</c> (<c>--check</c> only): null when
    /// the access lies inside a live device allocation, else records TR0301/TR0302 and returns the jmp_buf.</summary>
    public const string CheckAccess = "__tr_check_access";
    /// <summary>i64 globals (<c>--check</c> only): the address range that holds every device allocation; accesses outside it are not checked.</summary>
    public const string CheckedBaseGlobal = "__tr_checked_base", CheckedSizeGlobal = "__tr_checked_size";
    public const string Srand = "__tr_srand";
    /// <summary><c>void (i64 session)</c>: writes out what the program printed so far (before a native function prints through C's stdio).</summary>
    public const string FlushOutput = "__tr_flush_output";

    /// <summary>Runtime entry point for a CUDA runtime function: <c>__tr_cudaMalloc</c> …</summary>
    public static string CudaFunction(string name) => "__tr_" + name;

    /// <summary>Symbol of the storage of the program's global (or device, or constant) variable <paramref name="name"/>.</summary>
    public static string GlobalSymbol(string name) => Translate.DeviceContract.Cuda.DeviceSymbols.Global(name);

    /// <summary>Name of the entry of a kernel compiled for one block shape: <c>i32 (ptr args, ptr launch, ptr jmpbuf, i64 from, i64 to)</c>,
    /// running blocks [from, to); -1 when one stopped by longjmp (a runtime error).</summary>
    public static string BlockEntry(string kernel, BlockShape? shape) =>
        shape is { } s ? $"__tr_block_{kernel}_{s.X}x{s.Y}x{s.Z}" : $"__tr_block_{kernel}";

    // Thread context (ctx), passed to every program function as a hidden first parameter.
    public const int CtxTid = 0, CtxBid = 12, CtxBdim = 24, CtxGdim = 36, CtxSharedBase = 48, CtxDynamicShared = 56, CtxSize = 64;

    // Launch record of one block: bid[3], bdim[3], gdim[3], (pad), dynamic shared pointer.
    public const int LaunchBid = 0, LaunchBdim = 12, LaunchGdim = 24, LaunchDynamicShared = 40, LaunchSize = 48;

    /// <summary>Bytes reserved for a glibc jmp_buf (200 on x86-64).</summary>
    public const int JmpBufSize = 256;
}

/// <summary>The block dimensions a kernel is specialized for.</summary>
public readonly record struct BlockShape(int X, int Y, int Z)
{
    public int Threads => X * Y * Z;
}

/// <summary>Diagnostics of the cpu device (TR038x: forms it cannot run).</summary>
public static class CpuCodes
{
    public static readonly DiagnosticCode Unsupported = Codes.CpuUnsupported;
}
