using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    private sealed partial class Writer
    {
        /// <summary>Atomics have no upstream operation and LLVM 19 no NVVM intrinsic for most of them: they are upstream's
        /// <c>asm</c> of PTX's <c>atom</c> with the scope and order written out (generic addressing, a memory clobber).</summary>
        private Up AtomicRmw(AtomicRmwExpr a, SourceLocation at)
        {
            var t = a.Value.Type;
            var value = Expect(a.Value, t);
            string? op = (a.Op, t.IsFloat) switch
            {
                (AtomicOp.Add or AtomicOp.Sub, false) => $"add.u{t.Bits}",
                (AtomicOp.FAdd, true) => $"add.f{t.Bits}",
                (AtomicOp.Exch, _) => $"exch.b{t.Bits}",
                (AtomicOp.And, false) => $"and.b{t.Bits}",
                (AtomicOp.Or, false) => $"or.b{t.Bits}",
                (AtomicOp.Xor, false) => $"xor.b{t.Bits}",
                (AtomicOp.Min, false) => $"min.s{t.Bits}",
                (AtomicOp.Max, false) => $"max.s{t.Bits}",
                (AtomicOp.UMin, false) => $"min.u{t.Bits}",
                (AtomicOp.UMax, false) => $"max.u{t.Bits}",
                (AtomicOp.UInc, false) when t.Bits == 32 => "inc.u32",
                (AtomicOp.UDec, false) when t.Bits == 32 => "dec.u32",
                _ => null,
            };
            if (op is null || t.Bits is not (32 or 64))
                throw new NoSpelling(at, $"atomic {CudaNames.Name(CudaNames.AtomicOps, a.Op)} on {t}");
            if (a.Op == AtomicOp.Sub) value = L(A("sub"), IntConst(0, t, at), value);
            string template = $"atom{Semantics(a.Order, at)}.{Scope(a.Scope)}.{op} $0, [$1], $2;";
            string c = Register(t, at);
            return new(L(A("asm"), Type(t, at), new SString(template, None), new SString($"={c},l,{c},~{{memory}}", None),
                Generic(a.Pointer), value), t);
        }

        private Up AtomicCas(AtomicCasExpr a, SourceLocation at)
        {
            var t = a.Expected.Type;
            if (t.Bits is not (32 or 64) || t.IsBool) throw new NoSpelling(at, $"atomic compare-and-swap on {t}");
            string template = $"atom{Semantics(a.Order, at)}.{Scope(a.Scope)}.cas.b{t.Bits} $0, [$1], $2, $3;";
            string c = Register(t, at);
            return new(L(A("asm"), Type(t, at), new SString(template, None), new SString($"={c},l,{c},{c},~{{memory}}", None),
                Generic(a.Pointer), Expect(a.Expected, t), Expect(a.Desired, t)), t);
        }

        /// <summary>The pointer operand of an <c>atom</c> written without a state space: a generic address.</summary>
        private SExpr Generic(Expr pointer)
        {
            var p = Expr(pointer);
            var generic = new PointerType(((PointerType)p.Type).Pointee, AddressSpace.Generic);
            return Coerce(p, generic, At(pointer));
        }

        private static string Semantics(MemoryOrder order, SourceLocation at) => order switch
        {
            MemoryOrder.Relaxed => ".relaxed",
            MemoryOrder.Acquire => ".acquire",
            MemoryOrder.Release => ".release",
            MemoryOrder.AcqRel => ".acq_rel",
            _ => throw new NoSpelling(at, "a sequentially consistent atomic (PTX's atom has no seq_cst)"),
        };

        private static string Scope(MemoryScope scope) => scope switch
        {
            MemoryScope.Block => "cta", MemoryScope.Device => "gpu", _ => "sys",
        };

        private static string Register(IrType t, SourceLocation at) => t switch
        {
            _ when t == IrType.Float => "f",
            _ when t == IrType.Double => "d",
            _ when t.IsInteger && t.Bits == 32 => "r",
            _ when t.IsInteger && t.Bits == 64 => "l",
            _ => throw new NoSpelling(at, $"an atomic on {t}"),
        };
    }
}
