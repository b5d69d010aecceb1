using Translate.Backends.Cpu.Abi;
using Translate.Backends.Llvm.Api;

namespace Translate.Backends.Cpu.Lowering;

/// <summary>
/// Entries the runtime calls. Each sets a jmp_buf first: exit, abort and runtime errors longjmp back
/// to it (only compiled frames lie in between, never C# ones), so they stop the run without crashing.
/// </summary>
internal static class EntryPoints
{
    /// <summary>Emits <c>r = _setjmp(buf); if (r) return -1;</c> then positions the builder on the normal path.</summary>
    public static void GuardWithSetjmp(CpuModuleLowering m, LFunction f, LValue jmpbuf)
    {
        var c = m.Context;
        var b = m.Builder;
        var setjmp = m.RuntimeFunction("_setjmp", c.I32, c.Ptr);
        m.Module.AddFunctionAttribute(setjmp, "returns_twice");
        var r = b.Call(setjmp, jmpbuf);
        b.AddCallAttribute(r, "returns_twice");
        var unwound = b.AppendBlock(f, "unwound");
        var run = b.AppendBlock(f, "run");
        b.CondBr(b.ICmp(IntPredicate.Ne, r, c.I32Const(0)), unwound, run);
        b.PositionAtEnd(unwound);
        b.Ret(c.I32Const(-1));
        b.PositionAtEnd(run);
    }
}

/// <summary><c>i32 __tr_main(ptr jmpbuf, i32 argc, ptr argv)</c>: calls the program's main.</summary>
internal static class MainEntry
{
    public static void Emit(CpuModuleLowering m)
    {
        var main = m.Program.Main;
        if (main is null) return;
        var c = m.Context;
        var b = m.Builder;
        var f = m.Module.AddFunction(CpuAbi.MainEntry, LlvmContext.Function(c.I32, [c.Ptr, c.I32, c.Ptr]));
        var callee = m.Function(main);
        m.Module.AddFunctionAttribute(callee, "noinline");
        b.PositionAtEnd(b.AppendBlock(f, "entry"));
        EntryPoints.GuardWithSetjmp(m, f, LlvmModule.Param(f, 0));
        var args = new List<LValue> { LlvmContext.Null(c.Ptr) };
        // main may take argc alone (upstream's programs do) or argc and argv.
        if (main.Parameters.Count >= 1) args.Add(LlvmModule.Param(f, 1));
        if (main.Parameters.Count == 2) args.Add(LlvmModule.Param(f, 2));
        var r = b.Call(callee, [.. args]);
        b.Ret(main.ReturnType.IsVoid ? c.I32Const(0) : r);
    }
}

/// <summary>
/// <c>i32 __tr_block_K(ptr args, ptr launch, ptr jmpbuf, i64 from, i64 to)</c>: runs blocks [from, to) of kernel K
/// (numbered x fastest), writing each block's index into the launch record, whose block and grid dimensions the
/// caller set. The runtime hands out blocks in chunks, so a chunk costs one call from C# and one setjmp instead
/// of one per block (1024 empty blocks took 7.7 µs, the call and the setjmp being most of it). The loop over the
/// chunk's blocks is a function of its own (<c>.range</c>), kept out of line so the setjmp does not hamper its
/// optimization, and the block's body is inlined into it: with a call per block, a copy kernel's 1 KiB blocks ran
/// a quarter below the bandwidth of one loop (the same copy in C, a call per 256 floats against a loop nest); in
/// one function the thread loops of consecutive blocks run as a loop nest and the kernel's arguments are read once
/// per chunk.
/// </summary>
internal static class KernelEntry
{
    public static void Emit(CpuModuleLowering m, Ir.Model.FunctionDef kernel, BlockShape? shape)
    {
        var c = m.Context;
        var b = m.Builder;
        var name = CpuAbi.BlockEntry(kernel.Name, shape);
        var block = m.Module.AddFunction(name + ".body", LlvmContext.Function(c.Void, [c.Ptr, c.Ptr]));
        LlvmModule.SetLinkage(block.Value, Linkage.Internal);
        m.LowerKernel(kernel, block, shape);

        var range = m.Module.AddFunction(name + ".range", LlvmContext.Function(c.Void, [c.Ptr, c.Ptr, c.I64, c.I64]));
        LlvmModule.SetLinkage(range.Value, Linkage.Internal);
        m.Module.AddFunctionAttribute(range, "noinline");
        // Kernel code reaches the argument buffer and the launch record only through these two pointers (the
        // runtime allocates both; device memory never overlaps them), so the arguments can be read once per chunk.
        m.Module.AddParamAttribute(range, 0, "noalias");
        m.Module.AddParamAttribute(range, 1, "noalias");
        EmitBlockLoop(m, range, block);

        var entry = m.Module.AddFunction(name, LlvmContext.Function(c.I32, [c.Ptr, c.Ptr, c.Ptr, c.I64, c.I64]));
        b.PositionAtEnd(b.AppendBlock(entry, "entry"));
        EntryPoints.GuardWithSetjmp(m, entry, LlvmModule.Param(entry, 2));
        b.Call(range, LlvmModule.Param(entry, 0), LlvmModule.Param(entry, 1), LlvmModule.Param(entry, 3), LlvmModule.Param(entry, 4));
        b.Ret(c.I32Const(0));
    }

    /// <summary>The body of <c>.range</c>: blocks [from, to), each index written into the launch record, then the block run.</summary>
    private static void EmitBlockLoop(CpuModuleLowering m, LFunction range, LFunction block)
    {
        var c = m.Context;
        var b = m.Builder;
        b.PositionAtEnd(b.AppendBlock(range, "entry"));
        var x = b.EntryAlloca(range, c.I64, 8, "bid.x");
        var y = b.EntryAlloca(range, c.I64, 8, "bid.y");
        var z = b.EntryAlloca(range, c.I64, 8, "bid.z");
        var index = b.EntryAlloca(range, c.I64, 8, "block");
        var args = LlvmModule.Param(range, 0);
        var launch = LlvmModule.Param(range, 1);
        var from = LlvmModule.Param(range, 2);
        var to = LlvmModule.Param(range, 3);
        LValue Dim(int offset) => b.Cast(Opcode.ZExt, b.Load(c.I32, b.ByteOffset(launch, c.I64Const(offset)), 4), c.I64);
        var gx = Dim(CpuAbi.LaunchGdim);
        var gy = Dim(CpuAbi.LaunchGdim + 4);
        // The first block's index is divided out once; the others step x, then y, then z.
        var row = b.Binary(Opcode.UDiv, from, gx);
        b.Store(b.Binary(Opcode.URem, from, gx), x, 8);
        b.Store(b.Binary(Opcode.URem, row, gy), y, 8);
        b.Store(b.Binary(Opcode.UDiv, row, gy), z, 8);
        b.Store(from, index, 8);
        var test = b.AppendBlock(range, "blocks.test");
        var body = b.AppendBlock(range, "blocks.body");
        var done = b.AppendBlock(range, "blocks.done");
        b.Br(test);
        b.PositionAtEnd(test);
        b.CondBr(b.ICmp(IntPredicate.Ult, b.Load(c.I64, index, 8), to), body, done);

        b.PositionAtEnd(body);
        LValue[] bid = [b.Load(c.I64, x, 8), b.Load(c.I64, y, 8), b.Load(c.I64, z, 8)];
        for (int k = 0; k < 3; k++)
            b.Store(b.Cast(Opcode.Trunc, bid[k], c.I32), b.ByteOffset(launch, c.I64Const(CpuAbi.LaunchBid + 4 * k)), 4);
        b.Call(block, args, launch);
        var one = c.I64Const(1);
        var nextX = b.Binary(Opcode.Add, bid[0], one);
        var wrapX = b.ICmp(IntPredicate.Eq, nextX, gx);
        var nextY = b.Select(wrapX, b.Binary(Opcode.Add, bid[1], one), bid[1]);
        var wrapY = b.ICmp(IntPredicate.Eq, nextY, gy);
        b.Store(b.Select(wrapX, c.I64Const(0), nextX), x, 8);
        b.Store(b.Select(wrapY, c.I64Const(0), nextY), y, 8);
        b.Store(b.Select(wrapY, b.Binary(Opcode.Add, bid[2], one), bid[2]), z, 8);
        b.Store(b.Binary(Opcode.Add, b.Load(c.I64, index, 8), one), index, 8);
        b.Br(test);

        b.PositionAtEnd(done);
        b.RetVoid();
    }
}
