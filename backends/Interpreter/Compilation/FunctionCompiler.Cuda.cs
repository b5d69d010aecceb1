using Translate.Interpreter.Bytecode;
using Translate.Interpreter.Execution;
using Translate.Ir.Model;

namespace Translate.Interpreter.Compilation;

internal sealed partial class FunctionCompiler
{
    private int CudaExpression(Expr e)
    {
        var at = e.Location;
        switch (e)
        {
            case SpecialRegisterExpr s:
            {
                var r = NewRegister();
                Emit(new Instruction(OpCode.Special, r, d: (int)s.Register), at);
                return r;
            }
            case BarrierExpr b:
            {
                var p = b.Predicate is null ? -1 : Expression(b.Predicate);
                var r = NewRegister();
                Emit(new Instruction(OpCode.Barrier, r, p, d: (int)b.Kind), at);
                return b.Kind == BarrierKind.Plain ? -1 : r;
            }
            case GridSyncExpr:
                Emit(new Instruction(OpCode.GridBarrier), at);
                return -1;
            case SyncWarpExpr s:
            {
                var m = Expression(s.Mask);
                return Warp(new WarpSite(WarpOpKind.SyncWarp, default, default, m, -1, -1, -1, -1, 0), at);
            }
            case ShuffleExpr sh:
            {
                var m = Expression(sh.Mask);
                var v = Expression(sh.Value);
                var l = Expression(sh.Lane);
                var w = Expression(sh.Width);
                var r = NewRegister();
                Warp(new WarpSite(WarpOpKind.Shuffle, sh.Mode, default, m, v, l, w, r, sh.Value.Type.Bits), at);
                return r;
            }
            case VoteExpr v:
            {
                var m = Expression(v.Mask);
                var p = Expression(v.Predicate);
                var r = NewRegister();
                Warp(new WarpSite(WarpOpKind.Vote, default, v.Mode, m, p, -1, -1, r, 1), at);
                return r;
            }
            case ActiveMaskExpr:
            {
                var r = NewRegister();
                Emit(new Instruction(OpCode.ActiveMask, r), at);
                return r;
            }
            // The interpreter's clock is a monotonic nanosecond timer: it serves both.
            case ClockExpr or GlobalTimerExpr:
            {
                var r = NewRegister();
                Emit(new Instruction(OpCode.Clock, r), at);
                return r;
            }
            case WarningExpr:
                // Its warning is for targets that rewrite undefined behaviour (TR0321); the interpreter runs CUDA's
                // exited threads as they are and has nothing to report.
                Emit(new Instruction(OpCode.Nop), at);
                return -1;
            case FenceExpr:
                // A sequential interpreter performs every access in program order: fences have nothing to do.
                Emit(new Instruction(OpCode.Nop), at);
                return -1;
            case AtomicRmwExpr a:
            {
                var p = Expression(a.Pointer);
                var v = Expression(a.Value);
                return Atomic(new AtomicSite(AtomicKind.Rmw, a.Op, p, v, -1, NewRegister(), ScalarInfo.Of(a.Value.Type)), at);
            }
            case AtomicCasExpr c:
            {
                var p = Expression(c.Pointer);
                var x = Expression(c.Expected);
                var d = Expression(c.Desired);
                return Atomic(new AtomicSite(AtomicKind.Cas, default, p, x, d, NewRegister(), ScalarInfo.Of(c.Expected.Type)), at);
            }
            case AtomicLoadExpr l:
            {
                var p = Expression(l.Pointer);
                return Atomic(new AtomicSite(AtomicKind.Load, default, p, -1, -1, NewRegister(), ScalarInfo.Of(e.Type)), at);
            }
            case AtomicStoreExpr s:
            {
                var p = Expression(s.Pointer);
                var v = Expression(s.Value);
                Atomic(new AtomicSite(AtomicKind.Store, default, p, v, -1, -1, ScalarInfo.Of(s.Value.Type)), at);
                return -1;
            }
            case TrapExpr t:
                Emit(new Instruction(OpCode.Trap, imm: t.IsAssert ? 1 : 0), at);
                return -1;
            case MathExpr m:
            {
                var args = m.Arguments.Select(Expression).ToArray();
                var r = NewRegister();
                var eval = MathEvaluator.For(m.Name, m.Arguments.Select(a => a.Type).ToArray(), e.Type);
                Emit(new Instruction(OpCode.Math, imm: AddData(new MathSite(eval, args, r))), at);
                return r;
            }
            case LaunchExpr l:
            {
                var kernelDef = _program.Module.Functions.FirstOrDefault(f => f.Name == l.Kernel && f.IsKernel && !f.IsDeclaration);
                if (kernelDef is null) return Unsupported($"kernel '{l.Kernel}' has no body", e);
                var grid = l.Grid.Select(Expression).ToArray();
                var block = l.Block.Select(Expression).ToArray();
                var shared = Expression(l.SharedBytes);
                var stream = Expression(l.Stream);
                var args = l.Arguments.Select(Expression).ToArray();
                var r = NewRegister();
                Emit(new Instruction(OpCode.Launch, imm: AddData(new LaunchSite(_program.CodeOf(kernelDef), grid, block, shared, stream, args, r, l.Cooperative))), at);
                return r;
            }
            default:
                throw new InvalidOperationException($"interpreter: unknown expression {e.GetType().Name}");
        }
    }

    private int Warp(WarpSite site, Ir.Syntax.SourceLocation at)
    {
        Emit(new Instruction(OpCode.Warp, imm: AddData(site)), at);
        return site.Destination;
    }

    private int Atomic(AtomicSite site, Ir.Syntax.SourceLocation at)
    {
        Emit(new Instruction(OpCode.Atomic, imm: AddData(site)), at);
        return site.Destination;
    }
}
