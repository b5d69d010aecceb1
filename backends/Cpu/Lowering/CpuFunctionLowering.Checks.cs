using Translate.Backends.Cpu.Abi;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;

namespace Translate.Backends.Cpu.Lowering;

/// <summary>
/// <c>--check</c>: every load, store and atomic through a pointer that lands in the device-allocation
/// range first asks the runtime whether it lies inside a live allocation, aligned as the instruction assumes
/// (a misaligned vector load would otherwise fault, unlocated). Pointers elsewhere (stack,
/// globals, host malloc, shared memory) cost one compare and are not checked.
/// </summary>
internal partial class CpuFunctionLowering
{
    protected override LValue AccessAddress(LValue pointer, long bytes, long align, bool write)
    {
        if (!Cpu.Options.CheckMemory) return pointer;
        var address = B.Cast(Opcode.PtrToInt, pointer, C.I64);
        var offset = B.Binary(Opcode.Sub, address, B.Load(C.I64, Cpu.RuntimeGlobal(CpuAbi.CheckedBaseGlobal), 8));
        var inRange = B.ICmp(IntPredicate.Ult, offset, B.Load(C.I64, Cpu.RuntimeGlobal(CpuAbi.CheckedSizeGlobal), 8));
        var check = NewBlock("check.access");
        var bad = NewBlock("check.bad");
        var access = NewBlock("access");
        B.CondBr(inRange, check, access);

        B.PositionAtEnd(check);
        // The runtime adds what it found (past the end, freed …) to this message.
        int id = Cpu.Failures.Add(new Diagnostic(Codes.OutOfBounds, ErrorLocation, $"{(write ? "write" : "read")} of {bytes} bytes"));
        var checkAccess = M.RuntimeFunction(CpuAbi.CheckAccess, C.Ptr, C.I64, C.Ptr, C.I64, C.I64, C.I32, C.I32);
        var unwindTo = B.Call(checkAccess, SessionHandle, pointer, C.I64Const(bytes), C.I64Const(align), I32(id), I32(write ? 1 : 0));
        B.CondBr(B.ICmp(IntPredicate.Eq, B.Cast(Opcode.PtrToInt, unwindTo, C.I64), C.I64Const(0)), access, bad);

        B.PositionAtEnd(bad);
        Unwind(unwindTo);
        B.PositionAtEnd(access);
        return pointer;
    }
}
