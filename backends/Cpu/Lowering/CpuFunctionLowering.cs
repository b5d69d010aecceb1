using Translate.Backends.Cpu.Abi;
using Translate.Backends.Llvm.Api;
using Translate.Backends.Llvm.Lowering;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Backends.Cpu.Lowering;

/// <summary>
/// A program function on the cpu device: it receives the thread context (<see cref="CpuAbi"/> ctx)
/// as a hidden first parameter, so device functions read thread indices and shared memory from it.
/// Block barriers and warp operations are lowered only in kernels (see <c>KernelLowering</c>).
/// </summary>
internal partial class CpuFunctionLowering(CpuModuleLowering module, FunctionDef def, LFunction function)
    : FunctionLowering(module, def, function)
{
    protected CpuModuleLowering Cpu => module;

    /// <summary>The thread context pointer (null in host code).</summary>
    protected virtual LValue Context => LlvmModule.Param(F, 0);

    protected override IReadOnlyList<LValue> HiddenArguments => [Context];

    protected LValue SessionHandle => B.Load(C.I64, Cpu.Session(), 8);

    protected LValue CtxField(int offset) => B.ByteOffset(Context, C.I64Const(offset));

    protected override LValue EmitSpecialRegister(SpecialRegister r)
    {
        LValue Field(int offset, int k) => B.Load(C.I32, CtxField(offset + 4 * k), 4);
        switch (r)
        {
            case SpecialRegister.ThreadIdxX or SpecialRegister.ThreadIdxY or SpecialRegister.ThreadIdxZ:
                return Field(CpuAbi.CtxTid, r - SpecialRegister.ThreadIdxX);
            case SpecialRegister.BlockIdxX or SpecialRegister.BlockIdxY or SpecialRegister.BlockIdxZ:
                return Field(CpuAbi.CtxBid, r - SpecialRegister.BlockIdxX);
            case SpecialRegister.BlockDimX or SpecialRegister.BlockDimY or SpecialRegister.BlockDimZ:
                return Field(CpuAbi.CtxBdim, r - SpecialRegister.BlockDimX);
            case SpecialRegister.GridDimX or SpecialRegister.GridDimY or SpecialRegister.GridDimZ:
                return Field(CpuAbi.CtxGdim, r - SpecialRegister.GridDimX);
            case SpecialRegister.WarpSize: return I32(32);
            default: // LaneId: linear thread index modulo 32
            {
                var tz = B.Binary(Opcode.Mul, Field(CpuAbi.CtxTid, 2), Field(CpuAbi.CtxBdim, 1));
                var ty = B.Binary(Opcode.Mul, B.Binary(Opcode.Add, tz, Field(CpuAbi.CtxTid, 1)), Field(CpuAbi.CtxBdim, 0));
                return B.Binary(Opcode.And, B.Binary(Opcode.Add, ty, Field(CpuAbi.CtxTid, 0)), I32(31));
            }
        }
    }

    protected override LValue SharedAddress(Symbol s)
    {
        if (((SharedDef)s.Definition!).IsDynamic) return B.Load(C.Ptr, CtxField(CpuAbi.CtxDynamicShared), 8);
        var basePtr = B.Load(C.Ptr, CtxField(CpuAbi.CtxSharedBase), 8);
        return B.ByteOffset(basePtr, C.I64Const(Cpu.SharedOffset(s)));
    }

    protected override LValue EmitBarrier(BarrierExpr b) =>
        throw Unsupported(CpuCodes.Unsupported, b.Location,
            $"a block barrier inside device function '{Def.Name}' (inline it into the kernel: barriers are handled in kernel bodies)");

    protected override LValue EmitGridSync(GridSyncExpr g) =>
        throw Unsupported(CpuCodes.Unsupported, g.Location,
            $"a grid barrier inside device function '{Def.Name}' or in a position the cpu device cannot split (only as a statement of the kernel, after inlining)");

    /// <summary>[globaltimer]: CLOCK_MONOTONIC in nanoseconds (clock_gettime; vDSO, no system call).</summary>
    protected override LValue EmitGlobalTimer(GlobalTimerExpr g)
    {
        const int ClockMonotonic = 1;
        var timespec = B.EntryAlloca(F, C.I64, 8, "timespec", C.I64Const(2));
        B.Call(M.RuntimeFunction("clock_gettime", C.I32, C.I32, C.Ptr), C.I32Const(ClockMonotonic), timespec);
        var seconds = B.Load(C.I64, timespec, 8);
        var nanoseconds = B.Load(C.I64, B.ByteOffset(timespec, C.I64Const(8)), 8);
        return B.Binary(Opcode.Add, B.Binary(Opcode.Mul, seconds, C.I64Const(1_000_000_000)), nanoseconds);
    }

    protected override LValue EmitWarpOperation(Expr e) =>
        throw Unsupported(CpuCodes.Unsupported, e.Location,
            $"a warp operation inside device function '{Def.Name}' or in code the cpu device cannot split here");

    /// <summary>Records the error, then longjmps to the run's entry (kernel block or main).</summary>
    protected override void EmitFailure(DiagnosticCode code, string message)
    {
        int id = Cpu.Failures.Add(new Diagnostic(code, ErrorLocation, message));
        var fail = M.RuntimeFunction(CpuAbi.Fail, C.Ptr, C.I64, C.I32);
        var buffer = B.Call(fail, SessionHandle, I32(id));
        Unwind(buffer);
    }

    protected override void EmitRunTimeWarning(WarningExpr w) => EmitWarning(w.Code, w.Code.Title);

    /// <summary>Records a warning (the session reports each once); the code goes on.</summary>
    protected void EmitWarning(DiagnosticCode code, string message)
    {
        int id = Cpu.Failures.Add(new Diagnostic(code, ErrorLocation, message));
        B.Call(M.RuntimeFunction(CpuAbi.Warn, C.Void, C.I64, C.I32), SessionHandle, I32(id));
    }

    protected void Unwind(LValue jmpbuf)
    {
        var longjmp = M.RuntimeFunction("longjmp", C.Void, C.Ptr, C.I32);
        B.AddCallAttribute(B.Call(longjmp, jmpbuf, I32(1)), "noreturn");
        B.Unreachable();
    }

    /// <summary>A native function may print through C's stdio: the run's output so far goes first, and
    /// C's buffers are flushed after, so the two appear in program order.</summary>
    protected override LValue EmitNativeCall(FunctionDef f, LValue[] arguments)
    {
        B.Call(M.RuntimeFunction(CpuAbi.FlushOutput, C.Void, C.I64), SessionHandle);
        var result = B.Call(M.NativeFunction(f), arguments);
        B.Call(M.RuntimeFunction("fflush", C.I32, C.Ptr), LlvmContext.Null(C.Ptr));
        return result;
    }

    protected override LValue EmitExternalCall(CallExpr c, ExternalFunction ext)
    {
        var args = c.Arguments.Select(EmitExpr).ToArray();
        switch (ext.Name)
        {
            case "printf": return EmitPrintf(c, args);
            case "puts":
            {
                var len = B.Call(M.RuntimeFunction("strlen", C.I64, C.Ptr), args[0]);
                Write(args[0], B.Cast(Opcode.Trunc, len, C.I32));
                Write(M.String("\n"), I32(1));
                return I32(0);
            }
            case "putchar":
            {
                var cell = B.EntryAlloca(F, C.I8, 1);
                B.Store(B.Cast(Opcode.Trunc, args[0], C.I8), cell, 1);
                Write(cell, I32(1));
                return args[0];
            }
            case "malloc": return B.Call(M.RuntimeFunction("malloc", C.Ptr, C.I64), args);
            case "calloc": return B.Call(M.RuntimeFunction("calloc", C.Ptr, C.I64, C.I64), args);
            case "free": B.Call(M.RuntimeFunction("free", C.Void, C.Ptr), args); return default;
            case "memcpy": return B.Call(M.RuntimeFunction("memmove", C.Ptr, C.Ptr, C.Ptr, C.I64), args);
            case "memset": return B.Call(M.RuntimeFunction("memset", C.Ptr, C.Ptr, C.I32, C.I64), args);
            case "rand": return B.Call(M.RuntimeFunction(CpuAbi.Rand, C.I32, C.I64), SessionHandle);
            case "srand": B.Call(M.RuntimeFunction(CpuAbi.Srand, C.Void, C.I64, C.I32), SessionHandle, args[0]); return default;
            case "exit" or "abort":
            {
                var status = ext.Name == "exit" ? args[0] : I32(134);
                Unwind(B.Call(M.RuntimeFunction(CpuAbi.Exit, C.Ptr, C.I64, C.I32), SessionHandle, status));
                B.PositionAtEnd(NewBlock("after.exit"));
                return default;
            }
        }
        if (ext.Kind != ExternalKind.CudaRuntime)
            throw Unsupported(CpuCodes.Unsupported, c.Location, $"'{ext.Name}' is not provided by the cpu device");
        var ps = new[] { C.I64 }.Concat(ext.Parameters.Select(p => T.Value(p))).ToArray();
        var fn = M.RuntimeFunction(CpuAbi.CudaFunction(ext.Name), T.Value(ext.Return), ps);
        return B.Call(fn, new[] { SessionHandle }.Concat(args).ToArray());
    }

    private void Write(LValue bytes, LValue length) =>
        B.Call(M.RuntimeFunction(CpuAbi.Write, C.Void, C.I64, C.Ptr, C.I32), SessionHandle, bytes, length);

    /// <summary>
    /// printf is glibc's own formatting (snprintf, called with the real variadic ABI) into a stack buffer;
    /// the text then goes to the run's output in one piece, so a thread's line is never interleaved.
    /// </summary>
    private LValue EmitPrintf(CallExpr c, LValue[] args)
    {
        var snprintfType = LlvmContext.Function(C.I32, [C.Ptr, C.I64, C.Ptr], varArg: true);
        var snprintf = M.Module.GetOrDeclare("snprintf", snprintfType);
        var save = B.Call(M.Module.Intrinsic("llvm.stacksave", C.Ptr));
        var length = B.Call(snprintf, new[] { LlvmContext.Null(C.Ptr), C.I64Const(0) }.Concat(args).ToArray());
        var size = B.Cast(Opcode.SExt, B.Binary(Opcode.Add, length, I32(1)), C.I64);
        var buffer = B.Alloca(C.I8, size, 1);
        B.Call(snprintf, new[] { buffer, size }.Concat(args).ToArray());
        Write(buffer, length);
        B.Call(M.Module.Intrinsic("llvm.stackrestore", C.Ptr), save);
        return length;
    }

    protected override LValue EmitLaunch(LaunchExpr l)
    {
        var kernels = M.Program.Kernels.ToList();
        int index = kernels.FindIndex(k => k.Name == l.Kernel);
        var kernel = kernels[index];
        var dims = l.Grid.Concat(l.Block).Select(EmitExpr).ToArray();
        var shared = EmitExpr(l.SharedBytes);
        var stream = EmitExpr(l.Stream);
        var (offsets, size) = ArgumentLayout(kernel, T);
        // In the entry block: a launch inside a loop (or a kernel's thread loop) reuses one buffer.
        var buffer = B.EntryAlloca(F, C.I8, 16, "launch.args", C.I64Const(Math.Max(size, 1)));
        for (int k = 0; k < l.Arguments.Count; k++)
        {
            var v = EmitExpr(l.Arguments[k]);
            B.Store(v, B.ByteOffset(buffer, C.I64Const(offsets[k])), T.AlignOf(l.Arguments[k].Type));
        }
        var ps = new[] { C.I64, C.I32 }.Concat(Enumerable.Repeat(C.I32, 6)).Concat([C.I64, C.Ptr, C.Ptr, C.I32]).ToArray();
        var launch = M.RuntimeFunction(CpuAbi.Launch, C.I32, ps);
        var result = B.Call(launch, new[] { SessionHandle, I32(index) }.Concat(dims).Concat([shared, stream, buffer, I32(l.Cooperative ? 1 : 0)]).ToArray());
        var failed = NewBlock("launch.failed");
        var ok = NewBlock("launch.ok");
        B.CondBr(B.ICmp(IntPredicate.Slt, result, I32(0)), failed, ok);
        B.PositionAtEnd(failed);
        Unwind(B.Call(M.RuntimeFunction(CpuAbi.Unwind, C.Ptr, C.I64), SessionHandle));
        B.PositionAtEnd(ok);
        return result;
    }

    /// <summary>Kernel arguments are laid out like a struct of the parameters (natural alignment).</summary>
    public static (long[] Offsets, long Size) ArgumentLayout(FunctionDef kernel, TypeLowering types)
    {
        var offsets = new long[kernel.Parameters.Count];
        long at = 0;
        for (int k = 0; k < offsets.Length; k++)
        {
            var t = kernel.Parameters[k].Type;
            int align = types.AlignOf(t);
            at = (at + align - 1) / align * align;
            offsets[k] = at;
            at += types.SizeOf(t);
        }
        return (offsets, at);
    }
}
