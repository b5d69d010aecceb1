using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Translate.Ir.Analysis;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Verification;
using Translate.Runtime.OpenCl.Interop;

namespace Translate.Runtime.OpenCl;

/// <summary>
/// PoCL's CPU devices run a work-group on one host thread and keep every work-item's private arrays on
/// that thread's stack (the process's stack limit, 8 MiB by default). A block whose private arrays do not
/// fit killed the whole process with a segmentation fault (HeCBench fsm: a 32 KiB table per thread, 256
/// threads); PoCL's CL_KERNEL_PRIVATE_MEM_SIZE does not tell. Such a launch is refused before it starts.
/// </summary>
public static partial class PrivateMemoryBudget
{
    /// <summary>Room the work-group function needs on the stack besides the work-items' arrays.</summary>
    private const long Margin = 256 * 1024;

    /// <summary>
    /// An upper bound of a work-item's private memory: every array and struct variable declared in the
    /// kernel and in the functions it calls (each function once, as if all were live together).
    /// </summary>
    public static long PerWorkItem(CheckedModule program, FunctionDef kernel) =>
        PerKernel.GetValue(kernel, k => new StrongBox<long>(KernelCode.Functions(program, k)
            .SelectMany(f => IrTraversal.Statements(f.Body!)).OfType<DeclareStmt>()
            .Where(d => d.Type is Ir.Types.ArrayType or Ir.Types.StructType).Sum(d => program.Layout.SizeOf(d.Type)))).Value;

    /// <summary>Computed once per kernel: launches are a hot path.</summary>
    private static readonly ConditionalWeakTable<FunctionDef, StrongBox<long>> PerKernel = new();

    /// <summary>The refusal for a launch whose work-group's private arrays exceed the stack PoCL runs it on, or null.</summary>
    public static DiagnosticException? Refusal(CheckedModule program, FunctionDef kernel, ClDevice device, long threadsPerBlock)
    {
        if (!device.SharesHostAddresses) return null; // a device with its own memory reports its own limits
        long perItem = PerWorkItem(program, kernel);
        long stack = Stack.Value;
        if (perItem * threadsPerBlock <= stack - Margin) return null;
        return new DiagnosticException(new Diagnostic(Codes.OpenClPrivateMemory, SourcePositions.Of(kernel),
            $"kernel '{kernel.Name}' declares up to {perItem / 1024.0:0.#} KiB of arrays per thread ({perItem * threadsPerBlock / 1024} KiB " +
            $"for a block of {threadsPerBlock} threads); device '{device.Name}' runs a block on one thread's stack of {stack / 1024} KiB " +
            "and would crash: launch fewer threads per block, move the arrays to global memory, or raise the stack limit (ulimit -s)"));
    }

    private static readonly Lazy<long> Stack = new(StackLimit);

    /// <summary>The stack size new threads get: the soft RLIMIT_STACK (8 MiB when unlimited or unknown).</summary>
    private static long StackLimit()
    {
        const long Default = 8L << 20;
        var limit = new RLimit();
        if (GetRLimit(3 /* RLIMIT_STACK */, ref limit) != 0 || limit.Current == ulong.MaxValue || limit.Current == 0) return Default;
        return (long)Math.Min(limit.Current, long.MaxValue);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Current; public ulong Maximum; }

    [LibraryImport("libc", EntryPoint = "getrlimit")] private static partial int GetRLimit(int resource, ref RLimit limit);
}
