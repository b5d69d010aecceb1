using Translate.Backends.OpenCl.Syntax;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Diagnostics;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.OpenCl.Emission;

internal sealed partial class FunctionEmitter
{
    private const string BarrierFlags = "CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE";

    /// <summary>Thread indices, barriers, fences, atomics and warp collectives.</summary>
    private CExpr Cuda(Expr e)
    {
        switch (e)
        {
            case SpecialRegisterExpr r: return Register(r.Register);
            case BarrierExpr { Kind: BarrierKind.Plain }:
                _w.Line($"barrier({BarrierFlags});");
                return Nothing;
            case BarrierExpr b:
            {
                var pred = Expr(b.Predicate!);
                var count = new CCall(_ctx.Helper("tr_syncthreads_count"), [ScratchName(), pred]);
                return b.Kind switch
                {
                    BarrierKind.Count => count,
                    BarrierKind.And => new CBinary("==", count, new CCall(_ctx.Helper("tr_local_size"), [])),
                    _ => new CBinary("!=", count, new CLiteral("0")),
                };
            }
            case SyncWarpExpr s:
                Expr(s.Mask);
                // Every work-item reaches it (checked), so a work-group barrier also orders the warp.
                _w.Line($"barrier({BarrierFlags});");
                return Nothing;
            case WarningExpr w:
                // The trap status's second word holds the launch's first warning; the runtime reports each once.
                _w.Line($"atomic_cmpxchg({_ctx.Resources.TrapStatus!.CName} + 1, 0, {_ctx.Trap(ErrorLocation(w.Location), w.Code, w.Code.Title)});");
                return Nothing;
            case FenceExpr:
                _w.Line($"mem_fence({BarrierFlags});");
                return Nothing;
            case ActiveMaskExpr:
                return new CCall(_ctx.Helper("tr_warp_lanes"), []);
            case ClockExpr:
                // OpenCL C has no clock: on x86-64 the time-stamp counter, else each reading takes the next number of a
                // counter the launch shares, so a work-item's readings grow and their difference counts the readings between them.
                if (!_ctx.Target.Int64Atomics)
                {
                    _ctx.Unsupported(e.Location, "clock64()/clock() on a device without cl_khr_int64_base_atomics (the clock is a 64-bit atomic counter)");
                    return new CLiteral("0");
                }
                _ctx.UsesInt64Atomics = true;
                return new CCall(_ctx.Helper("tr_clock"), [new CName(_ctx.Resources.ClockCounter!.CName)]);
            case GlobalTimerExpr:
                // OpenCL C reads no time at all; counting readings (as for the clock) would give a wrong unit.
                _ctx.Unsupported(e.Location, "%globaltimer (a nanosecond timer): OpenCL C has no way to read the time");
                return new CLiteral("0");
            case TrapExpr t:
                // OpenCL cannot stop a kernel: record which trap fired (the runtime reports it after the
                // launch, as the interpreter's TR0311, and the launch fails) and leave this work-item.
                // A failed assert records its number negated, so the runtime can report cudaErrorAssert.
                _w.Line($"atomic_cmpxchg({_ctx.Resources.TrapStatus!.CName}, 0, {(t.IsAssert ? -_ctx.Trap(ErrorLocation(t.Location)) : _ctx.Trap(ErrorLocation(t.Location)))});");
                _w.Line(Function.ReturnType switch
                {
                    { IsVoid: true } => "return;",
                    StructType => $"return ({Types.Name(Function.ReturnType)}){{0}};", // a value nobody reads: the kernel failed
                    VectorType => $"return ({Types.Name(Function.ReturnType)})(0);",
                    _ => "return 0;",
                });
                return Nothing;
            case ShuffleExpr sh: return Shuffle(sh);
            case VoteExpr v: return Vote(v);
            case AtomicRmwExpr or AtomicCasExpr or AtomicLoadExpr or AtomicStoreExpr: return Atomic(e);
            case MathExpr m: return Math(m.Name, Sequence(m.Arguments), m.Arguments, m.Type, m.Location);
            case GridSyncExpr g:
                // OpenCL 1.2 has no barrier across work-groups, nor a promise that all work-groups are resident:
                // GridSyncFission splits the kernels it can and says why it could not split the others.
                if (!_ctx.GridSyncRefused)
                    _ctx.Unsupported(g.Location, $"grid synchronization (grid.sync()) in {(Function.IsKernel ? "kernel" : "function")} '{Function.Name}': " +
                        "OpenCL has no barrier across work-groups, and the kernels calling it could not be split at it");
                return Nothing;
            case LaunchExpr l:
                _ctx.Unsupported(l.Location, "launch in device code (dynamic parallelism)");
                return new CLiteral("0");
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private CExpr Register(SpecialRegister r)
    {
        CExpr Id(string f, int dim) => new CCast("int", new CCall(f, [new CLiteral(dim.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        return r switch
        {
            SpecialRegister.ThreadIdxX => Id("get_local_id", 0),
            SpecialRegister.ThreadIdxY => Id("get_local_id", 1),
            SpecialRegister.ThreadIdxZ => Id("get_local_id", 2),
            SpecialRegister.BlockIdxX => Id("get_group_id", 0),
            SpecialRegister.BlockIdxY => Id("get_group_id", 1),
            SpecialRegister.BlockIdxZ => Id("get_group_id", 2),
            SpecialRegister.BlockDimX => Id("get_local_size", 0),
            SpecialRegister.BlockDimY => Id("get_local_size", 1),
            SpecialRegister.BlockDimZ => Id("get_local_size", 2),
            SpecialRegister.GridDimX => Id("get_num_groups", 0),
            SpecialRegister.GridDimY => Id("get_num_groups", 1),
            SpecialRegister.GridDimZ => Id("get_num_groups", 2),
            SpecialRegister.LaneId => new CCall(_ctx.Helper("tr_lane_id"), []),
            _ => new CLiteral("32"),
        };
    }

    private CExpr ScratchName() => new CName(_ctx.Resources.Scratch!.CName);

    private CExpr Shuffle(ShuffleExpr sh)
    {
        var ops = Sequence([sh.Mask, sh.Value, sh.Lane, sh.Width]);
        string type = Types.Name(sh.Value.Type);
        string mode = sh.Mode switch
        {
            ShuffleMode.Idx => "TR_SHFL_IDX", ShuffleMode.Up => "TR_SHFL_UP", ShuffleMode.Down => "TR_SHFL_DOWN", _ => "TR_SHFL_XOR",
        };
        // Every lane of the warp runs the shuffle (TR0503 rejects divergent use, if-conversion hoists the rest with
        // mask 0 for work-items outside the branch); one taking part whose source lane is not in the mask or past
        // the end of the block reads 0 with warning TR0319, as on cpu.
        int trap = _ctx.Trap(ErrorLocation(sh.Location), Codes.ShuffleFromAbsentLane, Codes.ShuffleFromAbsentLaneMessage);
        return new CCall(_ctx.Helper("tr_shfl_" + type), [ScratchName(), ops[1], new CName(mode), ops[2], ops[3], ops[0],
            new CName(_ctx.Resources.TrapStatus!.CName), new CName(trap.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private CExpr Vote(VoteExpr v)
    {
        var ops = Sequence([v.Mask, v.Predicate]);
        string helper = v.Mode switch
        {
            VoteMode.Any => "tr_vote_any", VoteMode.All => "tr_vote_all", VoteMode.Uni => "tr_vote_uni", _ => "tr_ballot",
        };
        return new CCall(_ctx.Helper(helper), [ScratchName(), ops[0], ops[1]]);
    }

    private CExpr Atomic(Expr e)
    {
        var (pointer, operands) = e switch
        {
            AtomicRmwExpr a => (a.Pointer, new[] { a.Pointer, a.Value }),
            AtomicCasExpr c => (c.Pointer, new[] { c.Pointer, c.Expected, c.Desired }),
            AtomicLoadExpr l => (l.Pointer, new[] { l.Pointer }),
            AtomicStoreExpr s => (s.Pointer, new[] { s.Pointer, s.Value }),
            _ => throw new InvalidOperationException(),
        };
        var ops = Sequence(operands);
        var space = _inst.SpaceOf(pointer);
        var type = ((PointerType)pointer.Type).Pointee;
        if (space is MemorySpace.Private or MemorySpace.Constant)
        {
            _ctx.Unsupported(e.Location, $"an atomic on {MemorySpaces.Describe(space)} (OpenCL has atomics on global and local memory only)");
            return new CLiteral("0");
        }
        bool wide = type.Bits == 64;
        if (wide && !_ctx.Target.Int64Atomics)
            _ctx.Unsupported(e.Location, "a 64-bit atomic on a device without cl_khr_int64_base_atomics");
        if (wide) _ctx.UsesInt64Atomics = true;
        string q = OpenClTypes.Qualifier(space);
        string t = Types.Name(type);
        string V(string ty) => $"volatile {q} {ty}*";
        CExpr Ptr(string ty) => ty == t ? ops[0] : new CCast(V(ty), ops[0]);
        string prefix = wide ? "atom_" : "atomic_";
        switch (e)
        {
            case AtomicLoadExpr:
                return CExpr.Deref(new CCast(V(t), ops[0]));
            case AtomicStoreExpr:
                if (type.IsInteger) _w.Line($"{prefix}xchg({ops[0]}, {ops[1]});");
                else if (type == IrType.Float) _w.Line($"atomic_xchg({ops[0]}, {ops[1]});");
                else _w.Line($"{prefix}xchg({Ptr(wide ? "long" : "int")}, as_{(wide ? "long" : "int")}({ops[1]}));");
                return Nothing;
            case AtomicCasExpr:
                if (type.Bits == 16)
                    return new CCall(_ctx.Helper($"tr_atomic_cas16_{t}_{space.ToString().ToLowerInvariant()}"), [ops[0], ops[1], ops[2]]);
                return new CCall(prefix + "cmpxchg", [ops[0], ops[1], ops[2]]);
        }
        var rmw = (AtomicRmwExpr)e;
        string suffix = $"{t}_{space.ToString().ToLowerInvariant()}";
        switch (rmw.Op)
        {
            case AtomicOp.Add: return new CCall(prefix + "add", [ops[0], ops[1]]);
            case AtomicOp.Sub: return new CCall(prefix + "sub", [ops[0], ops[1]]);
            case AtomicOp.And: return new CCall(prefix + "and", [ops[0], ops[1]]);
            case AtomicOp.Or: return new CCall(prefix + "or", [ops[0], ops[1]]);
            case AtomicOp.Xor: return new CCall(prefix + "xor", [ops[0], ops[1]]);
            case AtomicOp.Min: return new CCall(prefix + "min", [ops[0], ops[1]]);
            case AtomicOp.Max: return new CCall(prefix + "max", [ops[0], ops[1]]);
            case AtomicOp.UMin or AtomicOp.UMax:
            {
                string u = OpenClTypes.Unsigned(type);
                return new CCast(t, new CCall(prefix + (rmw.Op == AtomicOp.UMin ? "min" : "max"), [Ptr(u), new CCast(u, ops[1])]));
            }
            case AtomicOp.Exch when type.IsInteger || type == IrType.Float:
                return new CCall(type == IrType.Float ? "atomic_xchg" : prefix + "xchg", [ops[0], ops[1]]);
            case AtomicOp.Exch:
                return new CCall("as_double", [new CCall("atom_xchg", [Ptr("long"), new CCall("as_long", [ops[1]])])]);
            case AtomicOp.UInc: return new CCall(_ctx.Helper("tr_atomic_inc_" + suffix), [ops[0], ops[1]]);
            case AtomicOp.UDec: return new CCall(_ctx.Helper("tr_atomic_dec_" + suffix), [ops[0], ops[1]]);
            case AtomicOp.FAdd: return new CCall(_ctx.Helper("tr_atomic_fadd_" + suffix), [ops[0], ops[1]]);
            case AtomicOp.FMin: return new CCall(_ctx.Helper("tr_atomic_fmin_" + suffix), [ops[0], ops[1]]);
            case AtomicOp.FMax: return new CCall(_ctx.Helper("tr_atomic_fmax_" + suffix), [ops[0], ops[1]]);
            default: throw new InvalidOperationException(rmw.Op.ToString());
        }
    }
}
