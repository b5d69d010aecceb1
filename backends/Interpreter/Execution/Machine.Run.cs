using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Library;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;

namespace Translate.Interpreter.Execution;

internal sealed partial class Machine
{
    /// <summary>
    /// Runs <paramref name="t"/> until it exits or stops at a barrier or warp collective. The current
    /// frame's code, registers and pc live in locals; calls and returns swap them.
    /// </summary>
    public void Run(ExecutionThread t)
    {
        t.Status = ThreadStatus.Runnable;
        var frame = t.Top;
        var code = frame.Function.Code;
        var regs = frame.Registers;
        int pc = frame.Pc;
        long count = 0;
        var heap = Heap;
        if (t.Block is { } block) heap.Races.Enter(t.Linear, block.Interval, block.BlockDim);
        try
        {
            while (true)
            {
                ref readonly var i = ref code[pc++];
                count++;
                switch (i.Op)
                {
                    case OpCode.Const: regs[i.A] = i.Imm; break;
                    case OpCode.Move: regs[i.A] = regs[i.B]; break;
                    case OpCode.Add: regs[i.A] = Values.Wrap(regs[i.B] + regs[i.C], i.D); break;
                    case OpCode.Sub: regs[i.A] = Values.Wrap(regs[i.B] - regs[i.C], i.D); break;
                    case OpCode.Mul: regs[i.A] = Values.Wrap(regs[i.B] * regs[i.C], i.D); break;
                    case OpCode.And: regs[i.A] = regs[i.B] & regs[i.C]; break;
                    case OpCode.Or: regs[i.A] = regs[i.B] | regs[i.C]; break;
                    case OpCode.Xor: regs[i.A] = regs[i.B] ^ regs[i.C]; break;
                    case OpCode.Eq: regs[i.A] = regs[i.B] == regs[i.C] ? 1 : 0; break;
                    case OpCode.Ne: regs[i.A] = regs[i.B] != regs[i.C] ? 1 : 0; break;
                    case OpCode.Lt: regs[i.A] = regs[i.B] < regs[i.C] ? 1 : 0; break;
                    case OpCode.Gt: regs[i.A] = regs[i.B] > regs[i.C] ? 1 : 0; break;
                    case OpCode.Le: regs[i.A] = regs[i.B] <= regs[i.C] ? 1 : 0; break;
                    case OpCode.Ge: regs[i.A] = regs[i.B] >= regs[i.C] ? 1 : 0; break;
                    case OpCode.Div: case OpCode.Rem: case OpCode.UDiv: case OpCode.URem:
                    case OpCode.Shl: case OpCode.LShr: case OpCode.AShr:
                    case OpCode.ULt: case OpCode.UGt: case OpCode.ULe: case OpCode.UGe:
                        regs[i.A] = Values.IntegerBinary(i.Op, regs[i.B], regs[i.C], i.D);
                        break;
                    case OpCode.FAdd when i.D == (int)FloatKind.Single:
                        regs[i.A] = Values.FromSingle(Values.ToSingle(regs[i.B]) + Values.ToSingle(regs[i.C]));
                        break;
                    case OpCode.FMul when i.D == (int)FloatKind.Single:
                        regs[i.A] = Values.FromSingle(Values.ToSingle(regs[i.B]) * Values.ToSingle(regs[i.C]));
                        break;
                    case OpCode.FAdd: case OpCode.FSub: case OpCode.FMul: case OpCode.FDiv: case OpCode.FRem:
                    case OpCode.FEq: case OpCode.FNe: case OpCode.FUne: case OpCode.FLt: case OpCode.FGt: case OpCode.FLe: case OpCode.FGe:
                        regs[i.A] = Values.FloatBinary(i.Op, regs[i.B], regs[i.C], (FloatKind)i.D);
                        break;
                    case OpCode.Not: regs[i.A] = i.D == 1 ? regs[i.B] ^ 1 : Values.Wrap(~regs[i.B], i.D); break;
                    case OpCode.FNeg: regs[i.A] = Values.FloatNegate(regs[i.B], (FloatKind)i.D); break;
                    case OpCode.Cast: regs[i.A] = Values.Cast((CastInfo)frame.Function.Data[i.Imm], regs[i.B]); break;
                    case OpCode.Load: regs[i.A] = heap.Read(regs[i.B], i.D); break;
                    case OpCode.LoadBool: regs[i.A] = heap.Read(regs[i.B], 1) != 0 ? 1 : 0; break;
                    case OpCode.Store: heap.Write(regs[i.B], i.D, regs[i.C]); break;
                    case OpCode.CopyMem: heap.Copy(regs[i.A], regs[i.B], i.Imm, i.D); break;
                    case OpCode.PtrAdd: regs[i.A] = regs[i.B] + regs[i.C] * i.Imm; break;
                    case OpCode.AddImm: regs[i.A] = regs[i.B] + i.Imm; break;
                    case OpCode.Jump: pc = (int)i.Imm; break;
                    case OpCode.JumpIfFalse: if (regs[i.B] == 0) pc = (int)i.Imm; break;
                    case OpCode.JumpIfTrue: if (regs[i.B] != 0) pc = (int)i.Imm; break;
                    case OpCode.Switch:
                    {
                        var table = (SwitchTable)frame.Function.Data[i.Imm];
                        pc = table.Targets.TryGetValue(regs[i.B], out var target) ? target : table.Default;
                        break;
                    }
                    case OpCode.Select: regs[i.A] = regs[i.B] != 0 ? regs[i.C] : regs[i.D]; break;
                    case OpCode.Call:
                    {
                        var site = (CallSite)frame.Function.Data[i.Imm];
                        Span<long> args = site.Arguments.Length <= 16 ? stackalloc long[site.Arguments.Length] : new long[site.Arguments.Length];
                        for (int k = 0; k < args.Length; k++) args[k] = regs[site.Arguments[k]];
                        frame.Pc = pc;
                        frame = PushFrame(t, site.Callee, args, site.Destination);
                        code = frame.Function.Code;
                        regs = frame.Registers;
                        pc = 0;
                        break;
                    }
                    case OpCode.Return:
                    {
                        long value = i.B >= 0 ? regs[i.B] : 0;
                        var caller = t.Depth >= 2 ? t.Frames[t.Depth - 2] : null;
                        int dest = frame.ReturnDestination;
                        if (caller is not null && dest >= 0)
                        {
                            // Aggregates are copied out before the callee's memory is released.
                            if (i.Imm > 0) heap.Copy(caller.Registers[dest], value, i.Imm);
                            else caller.Registers[dest] = value;
                        }
                        PopFrame(t);
                        if (caller is null)
                        {
                            t.ReturnValue = value;
                            t.Status = ThreadStatus.Exited;
                            return;
                        }
                        frame = caller;
                        code = frame.Function.Code;
                        regs = frame.Registers;
                        pc = frame.Pc;
                        break;
                    }
                    case OpCode.CallExternal:
                    {
                        var site = (ExternalSite)frame.Function.Data[i.Imm];
                        var args = new long[site.Arguments.Length];
                        for (int k = 0; k < args.Length; k++) args[k] = regs[site.Arguments[k]];
                        frame.Pc = pc;
                        long r = site.Handler(new ExternalCall(this, t, args, site.ArgumentTypes));
                        if (site.Destination >= 0) regs[site.Destination] = r;
                        break;
                    }
                    case OpCode.Alloc:
                    {
                        long bytes = regs[i.B] * i.Imm;
                        if (bytes < 0) throw new RuntimeError(Codes.OutOfBounds, $"alloc of a negative count ({regs[i.B]})");
                        long p = heap.Allocate(bytes, t.Block is null ? AllocationKind.Stack : AllocationKind.DeviceStack, $"alloc of {bytes} bytes in '{frame.Function.Name}'");
                        (frame.Allocations ??= []).Add(p);
                        regs[i.A] = p;
                        break;
                    }
                    case OpCode.Special: regs[i.A] = Special(t, (SpecialRegister)i.D); break;
                    case OpCode.SharedAddress:
                        regs[i.A] = t.Block is { } b ? b.SharedAddresses[i.Imm]
                            : throw new RuntimeError(Codes.WrongSpace, $"shared variable '{Program.SharedVariables[(int)i.Imm].Name}' used outside a kernel");
                        break;
                    case OpCode.SetLoc: t.CudaLocation = (Ir.Syntax.SourceLocation)frame.Function.Data[i.Imm]; break;
                    case OpCode.Barrier:
                        if (t.Block is null) throw new RuntimeError(Codes.KernelOnly, "__syncthreads called from host code");
                        frame.Pc = pc;
                        t.WaitFunction = frame.Function;
                        t.WaitPc = pc - 1;
                        t.BarrierKind = i.D;
                        t.Predicate = i.B >= 0 ? regs[i.B] : 0;
                        t.Destination = i.A;
                        t.Status = ThreadStatus.AtBarrier;
                        return;
                    case OpCode.GridBarrier:
                        if (t.Block is null) throw new RuntimeError(Codes.KernelOnly, "grid synchronization called from host code");
                        if (!t.Block.Cooperative)
                            throw new RuntimeError(Codes.GridBarrierIncomplete,
                                Codes.GridSyncNotCooperative);
                        frame.Pc = pc;
                        t.WaitFunction = frame.Function;
                        t.WaitPc = pc - 1;
                        t.Status = ThreadStatus.AtGridBarrier;
                        return;
                    case OpCode.Warp:
                    {
                        if (t.Block is null) throw new RuntimeError(Codes.KernelOnly, "warp operation called from host code");
                        var site = (WarpSite)frame.Function.Data[i.Imm];
                        frame.Pc = pc;
                        t.WaitFunction = frame.Function;
                        t.WaitPc = pc - 1;
                        t.Warp = site;
                        t.WarpMask = (uint)regs[site.Mask];
                        t.WarpValue = site.Value >= 0 ? regs[site.Value] : 0;
                        t.WarpLane = site.Lane >= 0 ? regs[site.Lane] : 0;
                        t.WarpWidth = site.Width >= 0 ? regs[site.Width] : 32;
                        t.Destination = site.Destination;
                        t.Status = ThreadStatus.AtWarp;
                        ArriveAtWarpOp(t);
                        return;
                    }
                    case OpCode.ActiveMask:
                        if (t.Block is null) { regs[i.A] = 1; break; }
                        // The lanes executing together are known once every lane of the warp has stopped somewhere.
                        frame.Pc = pc;
                        t.WaitFunction = frame.Function;
                        t.WaitPc = pc - 1;
                        t.Destination = i.A;
                        t.Status = ThreadStatus.AtActiveMask;
                        return;
                    case OpCode.Clock: regs[i.A] = (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (1e9 / System.Diagnostics.Stopwatch.Frequency)); break;
                    case OpCode.Atomic: Atomic(regs, (AtomicSite)frame.Function.Data[i.Imm]); break;
                    case OpCode.Math:
                    {
                        var site = (MathSite)frame.Function.Data[i.Imm];
                        var args = new long[site.Arguments.Length];
                        for (int k = 0; k < args.Length; k++) args[k] = regs[site.Arguments[k]];
                        long r = site.Evaluate(args);
                        if (site.Destination >= 0) regs[site.Destination] = r;
                        break;
                    }
                    case OpCode.Launch:
                        frame.Pc = pc;
                        regs[((LaunchSite)frame.Function.Data[i.Imm]).Destination] = Launch(t, (LaunchSite)frame.Function.Data[i.Imm], regs);
                        break;
                    case OpCode.Trap:
                        throw i.Imm == 1
                            ? new RuntimeError(Codes.AssertFailed, "a device-side assertion failed: the program stopped")
                            : new RuntimeError(Codes.Trap, "trap: the program stopped itself (__trap or a failed assert)");
                    case OpCode.Unsupported: throw new RuntimeError(Codes.UnsupportedInput, (string)frame.Function.Data[i.Imm]);
                    case OpCode.Nop: break;
                    default: throw new InvalidOperationException($"interpreter: opcode {i.Op} not handled");
                }
            }
        }
        catch (RuntimeError e)
        {
            throw Located(t, e.Code, e.Message, frame, pc - 1);
        }
        finally
        {
            InstructionCount += count;
        }
    }

    private static long Special(ExecutionThread t, SpecialRegister r)
    {
        var b = t.Block;
        if (b is null) return r == SpecialRegister.WarpSize ? 32 : 0;
        return r switch
        {
            SpecialRegister.ThreadIdxX => t.X, SpecialRegister.ThreadIdxY => t.Y, SpecialRegister.ThreadIdxZ => t.Z,
            SpecialRegister.BlockIdxX => b.X, SpecialRegister.BlockIdxY => b.Y, SpecialRegister.BlockIdxZ => b.Z,
            SpecialRegister.BlockDimX => b.BlockDim[0], SpecialRegister.BlockDimY => b.BlockDim[1], SpecialRegister.BlockDimZ => b.BlockDim[2],
            SpecialRegister.GridDimX => b.GridDim[0], SpecialRegister.GridDimY => b.GridDim[1], SpecialRegister.GridDimZ => b.GridDim[2],
            SpecialRegister.LaneId => t.Lane,
            _ => 32,
        };
    }
}
