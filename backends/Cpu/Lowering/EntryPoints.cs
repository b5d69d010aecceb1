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
/// <c>i32 __tr_block_K(ptr args, ptr launch, ptr jmpbuf)</c>: runs one block of kernel K; the block
/// function itself is kept out of line so the setjmp does not hamper its optimization.
/// </summary>
internal static class KernelEntry
{
    public static void Emit(CpuModuleLowering m, Ir.Model.FunctionDef kernel, BlockShape? shape)
    {
        var c = m.Context;
        var b = m.Builder;
        var block = m.Module.AddFunction(CpuAbi.BlockEntry(kernel.Name, shape) + ".body", LlvmContext.Function(c.Void, [c.Ptr, c.Ptr]));
        LlvmModule.SetLinkage(block.Value, Linkage.Internal);
        m.Module.AddFunctionAttribute(block, "noinline");
        m.LowerKernel(kernel, block, shape);

        var entry = m.Module.AddFunction(CpuAbi.BlockEntry(kernel.Name, shape), LlvmContext.Function(c.I32, [c.Ptr, c.Ptr, c.Ptr]));
        b.PositionAtEnd(b.AppendBlock(entry, "entry"));
        EntryPoints.GuardWithSetjmp(m, entry, LlvmModule.Param(entry, 2));
        b.Call(block, LlvmModule.Param(entry, 0), LlvmModule.Param(entry, 1));
        b.Ret(c.I32Const(0));
    }
}
