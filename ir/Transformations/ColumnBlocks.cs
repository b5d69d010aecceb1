using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Adds, for each kernel whose threads cannot tell blocks apart but by their indices (no barriers, warp operations,
/// shared memory, output, assertions, device-side launches, and no callee that reads a thread or block index), a twin
/// kernel <c>__tr_columns_K</c> that runs <see cref="Width"/> blocks of a one-column launch (<c>blockDim.x == 1</c>)
/// side by side as one block: its <c>threadIdx.x</c> picks the block, read as <c>blockIdx.x * Width + threadIdx.x</c>,
/// while the kernel sees <c>threadIdx.x</c> 0, <c>blockDim.x</c> 1 and <c>gridDim.x</c> the launch's. Devices that run a
/// block's threads as loops run the x dimension innermost: a column block (HeCBench fluidSim's 1×256 blocks, a
/// 256-wide grid) made every thread of a block 2 KiB from the next, while side by side the columns' threads at one y
/// are neighbours in memory. The cpu device launches the twin for a launch of such a kernel with one-column blocks
/// and a grid whose x extent is a multiple of <see cref="Width"/>; the kernel itself stays for every other launch.
/// Threads of a launch run in no order CUDA promises, and these kernels' threads share nothing, so running them in
/// another order changes nothing they compute.
/// </summary>
public static class ColumnBlocks
{
    /// <summary>Blocks run side by side: 16 floats (or 8 doubles) fill an AVX-512 vector.</summary>
    public const int Width = 16;

    public const string Prefix = "__tr_columns_";

    public static CheckedModule Run(CheckedModule program)
    {
        var readsIndices = IrTraversal.FunctionsUsing(program.Module.Functions.Where(f => !f.IsDeclaration && !f.IsKernel),
            e => e is SpecialRegisterExpr || Blocking(e) || e is VarRef { Symbol.Kind: SymbolKind.Shared });
        var twins = program.Kernels.Where(k => k.Body is not null && !k.Name.StartsWith(Prefix, StringComparison.Ordinal)
                && Independent(k.Body, readsIndices))
            .Select(k => new FunctionDef(k.Location, k.Kind, Prefix + k.Name, k.ReturnType, k.Parameters, new Columns().Rewrite(k.Body!)))
            .ToList();
        if (twins.Count == 0) return program;
        return Rebuild.Checked(new IrModule(program.Module.File, [.. program.Module.Definitions, .. twins]) { Head = program.Module.Head }, program);
    }

    /// <summary>Whether the kernel's threads depend on which block they are in only through the special registers.</summary>
    private static bool Independent(Block body, HashSet<FunctionDef> readsIndices) =>
        !IrTraversal.Statements(body).Any(s => s is SharedStmt)
        && IrTraversal.Descendants(body).All(e => !Blocking(e) && !(e is CallExpr { Target.Function: { } callee } && readsIndices.Contains(callee)))
        && !IrTraversal.Descendants(body).Any(e => e is VarRef { Symbol.Kind: SymbolKind.Shared } or PtrToExpr { Symbol.Kind: SymbolKind.Shared }
            or SpecialRegisterExpr { Register: SpecialRegister.LaneId or SpecialRegister.WarpSize });

    /// <summary>What ties a thread to its block or its order: barriers, warp operations, output, traps, launches, calls
    /// of functions with no body here (printf and the runtime's own), clocks, inline assembly, compare-and-swap (spin locks).</summary>
    private static bool Blocking(Expr e) => Inliner.Synchronizes(e) || e is TrapExpr or LaunchExpr or ClockExpr or GlobalTimerExpr or AsmExpr or AtomicCasExpr
        || e is CallExpr { Target.Function: null } c && !IsPureExternal(c);

    /// <summary>Calls of functions every device provides that neither print nor depend on the thread (math, memory
    /// moves): the rest (printf, malloc, the runtime's calls) keep the kernel as it is.</summary>
    private static bool IsPureExternal(CallExpr c) => c.Function is "memcpy" or "memset";

    /// <summary>The kernel body with the x indices read as the column's.</summary>
    private sealed class Columns : TreeRewriter
    {
        protected override Expr? Replace(Expr e)
        {
            if (e is not SpecialRegisterExpr r) return null;
            var at = e.Location;
            SpecialRegisterExpr Reg(SpecialRegister which) => new(at, which);
            IntLit Int(long v) => new(at, v, null); // an int, as the registers are
            return r.Register switch
            {
                SpecialRegister.ThreadIdxX => Int(0),
                SpecialRegister.BlockDimX => Int(1),
                SpecialRegister.BlockIdxX => new BinaryExpr(at, BinaryOp.Add, new BinaryExpr(at, BinaryOp.Mul, Reg(SpecialRegister.BlockIdxX), Int(Width)),
                    Reg(SpecialRegister.ThreadIdxX)),
                SpecialRegister.GridDimX => new BinaryExpr(at, BinaryOp.Mul, Reg(SpecialRegister.GridDimX), Int(Width)),
                _ => null,
            };
        }
    }
}
