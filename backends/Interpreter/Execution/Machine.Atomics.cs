using Translate.Interpreter.Bytecode;
using Translate.Ir.Model;

namespace Translate.Interpreter.Execution;

/// <summary>
/// Atomics. Threads run one at a time, so every read-modify-write is trivially atomic; scopes and
/// memory orders need no work here (and fences are no-ops) but are kept in the IR for real targets.
/// </summary>
internal sealed partial class Machine
{
    private void Atomic(long[] regs, AtomicSite s)
    {
        long p = regs[s.Pointer];
        int size = s.Scalar.Size;
        switch (s.Kind)
        {
            case AtomicKind.Load:
                regs[s.Destination] = Heap.ReadAtomic(p, size);
                return;
            case AtomicKind.Store:
                Heap.WriteAtomic(p, size, regs[s.Value]);
                return;
            case AtomicKind.Cas:
            {
                long old = Heap.ReadAtomic(p, size);
                if (Values.Wrap(old, s.Scalar.Bits) == Values.Wrap(regs[s.Value], s.Scalar.Bits)) Heap.WriteAtomic(p, size, regs[s.Desired]);
                regs[s.Destination] = old;
                return;
            }
        }
        long before = Heap.ReadAtomic(p, size);
        Heap.WriteAtomic(p, size, Apply(s.Op, before, regs[s.Value], s.Scalar));
        regs[s.Destination] = before;
    }

    /// <summary>The new value of an atomic read-modify-write. uinc/udec follow atomicInc/atomicDec:
    /// inc gives (old >= v) ? 0 : old + 1; dec gives (old == 0 || old > v) ? v : old - 1, unsigned.</summary>
    private static long Apply(AtomicOp op, long old, long v, ScalarInfo t)
    {
        int bits = t.Bits;
        ulong uo = Values.Unsigned(old, bits), uv = Values.Unsigned(v, bits);
        return op switch
        {
            AtomicOp.Add => Values.Wrap(old + v, bits),
            AtomicOp.Sub => Values.Wrap(old - v, bits),
            AtomicOp.Exch => v,
            AtomicOp.And => old & v,
            AtomicOp.Or => old | v,
            AtomicOp.Xor => old ^ v,
            AtomicOp.Min => Math.Min(old, v),
            AtomicOp.Max => Math.Max(old, v),
            AtomicOp.UMin => uo < uv ? old : v,
            AtomicOp.UMax => uo > uv ? old : v,
            AtomicOp.UInc => uo >= uv ? 0 : Values.Wrap(old + 1, bits),
            AtomicOp.UDec => uo == 0 || uo > uv ? v : Values.Wrap(old - 1, bits),
            AtomicOp.FAdd => Values.FloatBinary(OpCode.FAdd, old, v, t.Float),
            AtomicOp.FMin => FloatMinMax(old, v, t.Float, min: true),
            _ => FloatMinMax(old, v, t.Float, min: false),
        };
    }

    private static long FloatMinMax(long a, long b, FloatKind kind, bool min)
    {
        double x = Values.FloatToDouble(a, kind), y = Values.FloatToDouble(b, kind);
        if (double.IsNaN(x)) return b;
        if (double.IsNaN(y)) return a;
        return (min ? x <= y : x >= y) ? a : b;
    }
}
