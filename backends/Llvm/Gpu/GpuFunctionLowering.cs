using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.GpuMath;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Diagnostics;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Backends.Llvm.Gpu;

/// <summary>
/// A device function or kernel on a GPU: thread indices, barriers and warp operations are the
/// target's (abstract here); runtime errors trap (the GPU has no way back to report the place);
/// host-only forms (launches, C library calls) and math the device math library lacks are refused
/// with a diagnostic rather than left as unresolved symbols.
/// </summary>
public abstract class GpuFunctionLowering(GpuModuleLowering module, FunctionDef def, LFunction function)
    : FunctionLowering(module, def, function)
{
    protected GpuModuleLowering Gpu => module;

    /// <summary>Refuses what a GPU target cannot compile before LLVM sees it (LLVM would stop the process on some).</summary>
    public override void Lower()
    {
        foreach (var e in IrTraversal.Descendants(Def.Body!))
            if (e is AllocExpr a)
                throw Unsupported(GpuCodes.Unsupported, a.Location, "a dynamic stack allocation (alloc) in device code is not supported on GPUs");
        base.Lower();
    }

    /// <summary>A generic (address space 0) pointer to a shared variable.</summary>
    protected override LValue SharedAddress(Symbol s) =>
        B.Cast(Opcode.AddrSpaceCast, Gpu.SharedGlobal(s), C.Ptr);

    /// <summary>
    /// memset and memcpy are LLVM's own intrinsics, which every GPU target expands into stores (CUDA's device
    /// memcpy/memset); memcpy as memmove, as on the cpu device. Other C library functions are host code.
    /// </summary>
    protected override LValue EmitExternalCall(CallExpr c, ExternalFunction external)
    {
        switch (external.Name)
        {
            case "memset":
            {
                var (dest, value, size) = (EmitExpr(c.Arguments[0]), EmitExpr(c.Arguments[1]), EmitExpr(c.Arguments[2]));
                B.Call(M.Module.Intrinsic("llvm.memset", C.Ptr, C.I64), dest, B.Cast(Opcode.Trunc, value, C.I8), size, C.Bool(false));
                return dest;
            }
            case "memcpy":
            {
                var (dest, source, size) = (EmitExpr(c.Arguments[0]), EmitExpr(c.Arguments[1]), EmitExpr(c.Arguments[2]));
                B.Call(M.Module.Intrinsic("llvm.memmove", C.Ptr, C.Ptr, C.I64), dest, source, size, C.Bool(false));
                return dest;
            }
        }
        throw Unsupported(GpuCodes.Unsupported, c.Location,
            $"'{c.Function}' is a host library function; it cannot be called from device code on a GPU");
    }

    /// <summary>
    /// A grid barrier as CUDA's cooperative-groups header builds one: a block barrier; each block's first thread adds to
    /// one device-global arrival word — 1, or for block (0,0,0) 0x80000000 − (blocks − 1), so that once every block
    /// has arrived the word's top bit has flipped and its other bits are back where they were (nothing to reset between
    /// barriers or launches) — and spins until it sees the flip; a second block barrier releases the block. It completes
    /// only when every block is resident at once, which is why CUDA allows grid.sync() only in a cooperative launch
    /// (the cuda and hip devices launch those through cuLaunchCooperativeKernel / hipModuleLaunchCooperativeKernel).
    /// </summary>
    protected override LValue EmitGridSync(GridSyncExpr g)
    {
        var blockBarrier = new BarrierExpr(g.Location, BarrierKind.Plain, null);
        EmitBarrier(blockBarrier);
        var (arrive, spin, arrived, join) = (NewBlock("grid.arrive"), NewBlock("grid.spin"), NewBlock("grid.arrived"), NewBlock("grid.join"));
        B.CondBr(B.ICmp(IntPredicate.Eq, AnyOf(SpecialRegister.ThreadIdxX, SpecialRegister.ThreadIdxY, SpecialRegister.ThreadIdxZ), I32(0)), arrive, join);

        B.PositionAtEnd(arrive);
        var word = Generic(Gpu.GridArrivals());
        var blocks = ProductOf(SpecialRegister.GridDimX, SpecialRegister.GridDimY, SpecialRegister.GridDimZ);
        var first = B.ICmp(IntPredicate.Eq, AnyOf(SpecialRegister.BlockIdxX, SpecialRegister.BlockIdxY, SpecialRegister.BlockIdxZ), I32(0));
        var add = B.Select(first, B.Binary(Opcode.Sub, I32(unchecked((int)0x80000000u)), B.Binary(Opcode.Sub, blocks, I32(1))), I32(1));
        DeviceFence();
        var before = B.AtomicRmw(AtomicRmwOp.Add, word, add, AtomicOrdering.Monotonic, 4);
        B.Br(spin);

        B.PositionAtEnd(spin);
        var now = B.Load(C.I32, word, 4);
        LlvmBuilder.SetOrdering(now, AtomicOrdering.Monotonic);
        var flipped = B.Binary(Opcode.And, B.Binary(Opcode.Xor, before, now), I32(unchecked((int)0x80000000u)));
        B.CondBr(B.ICmp(IntPredicate.Ne, flipped, I32(0)), arrived, spin);

        B.PositionAtEnd(arrived);
        DeviceFence();
        B.Br(join);

        B.PositionAtEnd(join);
        EmitBarrier(blockBarrier);
        return default;
    }

    /// <summary>A pointer as a generic (address space 0) one, cast only when it is in another space.</summary>
    protected LValue Generic(LValue pointer) =>
        LlvmContext.TypeOf(pointer) == C.Ptr ? pointer : B.Cast(Opcode.AddrSpaceCast, pointer, C.Ptr);

    /// <summary>__threadfence(): orders this thread's memory accesses for the whole device (each target's own fence).</summary>
    protected abstract void DeviceFence();

    /// <summary>x · y · z of three registers (a block's threads, a grid's blocks).</summary>
    protected LValue ProductOf(SpecialRegister x, SpecialRegister y, SpecialRegister z) =>
        B.Binary(Opcode.Mul, B.Binary(Opcode.Mul, EmitSpecialRegister(x), EmitSpecialRegister(y)), EmitSpecialRegister(z));

    /// <summary>x | y | z of three registers: zero exactly when all three are.</summary>
    protected LValue AnyOf(SpecialRegister x, SpecialRegister y, SpecialRegister z) =>
        B.Binary(Opcode.Or, B.Binary(Opcode.Or, EmitSpecialRegister(x), EmitSpecialRegister(y)), EmitSpecialRegister(z));

    protected override LValue EmitLaunch(LaunchExpr l) =>
        throw Unsupported(GpuCodes.Unsupported, l.Location, "a kernel launch from device code (dynamic parallelism) is not supported");

    /// <summary>The GPU stops the kernel (llvm.trap); the driver reports the launch as failed, without the source place.</summary>
    protected override void EmitFailure(DiagnosticCode code, string message)
    {
        B.Call(M.Module.Intrinsic("llvm.trap"));
        B.Unreachable();
    }

    /// <summary>
    /// Math with no GPU instruction: the project's own device math library (backends/Llvm/GpuMath),
    /// where it has the function in this precision; otherwise refused, naming the function.
    /// </summary>
    protected override LValue EmitLibraryMath(string name, LValue[] a, IrType t, LType wt)
    {
        bool isDouble = t == IrType.Double;
        if (!DeviceMath.Supports(name, isDouble))
            throw Unsupported(GpuCodes.NoDeviceMath, ErrorLocation,
                $"'{name}' on {t}: the GPU math library has no {(isDouble ? "double" : "float")} version of it (no libdevice/ocml is bundled)");
        return B.Call(Gpu.MathLibrary.Function(name, isDouble), a);
    }

    /// <summary>Calls an intrinsic that is not overloaded.</summary>
    protected LValue Intrinsic(string name, params LValue[] args) => B.Call(M.Module.Intrinsic(name), args);

    /// <summary>The lane index within CUDA's 32-lane warp.</summary>
    protected abstract LValue LaneId();

    /// <summary>Moves a value of any scalar type through 32-bit lanes: <paramref name="move"/> moves one i32.</summary>
    protected LValue Through32(LValue v, IrType t, Func<LValue, LValue> move)
    {
        var vt = T.Value(t);
        int bits = t.IsBool ? 1 : t.Bits;
        if (bits == 64)
        {
            var i = t.IsFloat ? B.Cast(Opcode.BitCast, v, C.I64) : v;
            var lo = move(B.Cast(Opcode.Trunc, i, C.I32));
            var hi = move(B.Cast(Opcode.Trunc, B.Binary(Opcode.LShr, i, C.I64Const(32)), C.I32));
            var r = B.Binary(Opcode.Or, B.Cast(Opcode.ZExt, lo, C.I64),
                B.Binary(Opcode.Shl, B.Cast(Opcode.ZExt, hi, C.I64), C.I64Const(32)));
            return t.IsFloat ? B.Cast(Opcode.BitCast, r, vt) : r;
        }
        if (bits == 32)
        {
            if (t is PointerType) throw new InvalidOperationException("pointers are 64-bit");
            return t.IsFloat ? B.Cast(Opcode.BitCast, move(B.Cast(Opcode.BitCast, v, C.I32)), vt) : move(v);
        }
        if (t is not ScalarType) throw Unsupported(GpuCodes.Unsupported, IrLocation, $"a warp shuffle of {t}");
        var it = C.Int(bits);
        var asInt = t.IsFloat ? B.Cast(Opcode.BitCast, v, it) : v;
        var moved = B.Cast(Opcode.Trunc, move(B.Cast(Opcode.ZExt, asInt, C.I32)), it);
        return t.IsFloat ? B.Cast(Opcode.BitCast, moved, vt) : moved;
    }
}
