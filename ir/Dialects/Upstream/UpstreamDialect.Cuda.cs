using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Dialects.Upstream;

public static partial class UpstreamDialect
{
    private sealed partial class Writer
    {
        /// <summary>The CUDA forms, as upstream's CUDA-Lisp lowers its own: calls of declared NVVM intrinsics, which
        /// upstream's llvm.py passes to LLVM by name.</summary>
        private Up Cuda(Expr e, SourceLocation at)
        {
            IrType i32 = IrType.Int32, b1 = IrType.Bool;
            switch (e)
            {
                case SpecialRegisterExpr r:
                    return new(L(A("call"), A(Intrinsic($"llvm.nvvm.read.ptx.sreg.{Register(r.Register)}", i32))), i32);
                case BarrierExpr { Kind: BarrierKind.Plain }:
                    return new(L(A("call"), A(Intrinsic("llvm.nvvm.barrier0", IrType.Void))), IrType.Void);
                case BarrierExpr { Kind: BarrierKind.Count, Predicate: { } p }:
                    return new(L(A("call"), A(Intrinsic("llvm.nvvm.barrier0.popc", i32, i32)), AsInt(p)), i32);
                case BarrierExpr { Predicate: { } p } b:
                {
                    string name = b.Kind == BarrierKind.And ? "llvm.nvvm.barrier0.and" : "llvm.nvvm.barrier0.or";
                    return new(L(A("ne"), L(A("call"), A(Intrinsic(name, i32, i32)), AsInt(p)), A("0")), b1);
                }
                case SyncWarpExpr s:
                    return new(L(A("call"), A(Intrinsic("llvm.nvvm.bar.warp.sync", IrType.Void, i32)), Expect(s.Mask, i32)), IrType.Void);
                case FenceExpr f:
                {
                    // membar is a sequentially consistent fence: at least as strong as every order.
                    string scope = f.Scope switch { MemoryScope.Block => "cta", MemoryScope.Device => "gl", _ => "sys" };
                    return new(L(A("call"), A(Intrinsic($"llvm.nvvm.membar.{scope}", IrType.Void))), IrType.Void);
                }
                case ActiveMaskExpr:
                    return new(L(A("call"), A(Intrinsic("llvm.nvvm.activemask", i32))), i32);
                case VoteExpr v:
                {
                    string mode = v.Mode.ToString().ToLowerInvariant();
                    var ret = v.Mode == VoteMode.Ballot ? i32 : b1;
                    return new(L(A("call"), A(Intrinsic($"llvm.nvvm.vote.{mode}.sync", ret, i32, b1)), Expect(v.Mask, i32), Condition(v.Predicate)), ret);
                }
                case ShuffleExpr s: return Shuffle(s, at);
                case ClockExpr:
                    return new(L(A("call"), A(Intrinsic("llvm.nvvm.read.ptx.sreg.clock64", IrType.Int64))), IrType.Int64);
                case GlobalTimerExpr:
                    return new(L(A("call"), A(Intrinsic("llvm.nvvm.read.ptx.sreg.globaltimer", IrType.Int64))), IrType.Int64);
                case TrapExpr:
                    return new(L(A("call"), A(Intrinsic("llvm.trap", IrType.Void))), IrType.Void);
                case MathExpr m: return MathOperation(m, at);
                case AtomicRmwExpr a: return AtomicRmw(a, at);
                case AtomicCasExpr c: return AtomicCas(c, at);
                case WarningExpr w:
                    throw new NoSpelling(at, $"a run-time warning ({w.Code.Id}, inserted by a pass for the cpu and opencl devices)");
                case GridSyncExpr:
                    throw new NoSpelling(at, "a grid barrier (grid.sync(): upstream has no cooperative launch)");
                case LaunchExpr:
                    throw new NoSpelling(at, "a kernel launch from device code (dynamic parallelism)");
                default:
                    throw new NoSpelling(at, $"the form '{FormName(e)}'");
            }
        }

        private static string FormName(Expr e) => e.GetType().Name.Replace("Expr", "");

        private SExpr AsInt(Expr predicate) => L(A("select"), Condition(predicate), A("1"), A("0"));

        private static string Register(SpecialRegister r) => r switch
        {
            SpecialRegister.ThreadIdxX => "tid.x", SpecialRegister.ThreadIdxY => "tid.y", SpecialRegister.ThreadIdxZ => "tid.z",
            SpecialRegister.BlockIdxX => "ctaid.x", SpecialRegister.BlockIdxY => "ctaid.y", SpecialRegister.BlockIdxZ => "ctaid.z",
            SpecialRegister.BlockDimX => "ntid.x", SpecialRegister.BlockDimY => "ntid.y", SpecialRegister.BlockDimZ => "ntid.z",
            SpecialRegister.GridDimX => "nctaid.x", SpecialRegister.GridDimY => "nctaid.y", SpecialRegister.GridDimZ => "nctaid.z",
            SpecialRegister.LaneId => "laneid",
            _ => "warpsize",
        };

        /// <summary>CUDA's <c>__shfl*_sync(mask, v, lane, width)</c> is PTX's <c>shfl.sync</c> with clamp
        /// <c>((32 − width) &lt;&lt; 8) | 31</c> (<c>up</c>: without the 31), as CUDA's own headers compile it.</summary>
        private Up Shuffle(ShuffleExpr s, SourceLocation at)
        {
            var t = s.Value.Type;
            string suffix = t == IrType.Int32 ? "i32" : t == IrType.Float ? "f32"
                : throw new NoSpelling(at, $"a shuffle of a {t} (upstream's shfl.sync intrinsics move 32-bit ints and floats)");
            string mode = s.Mode switch { ShuffleMode.Idx => "idx", ShuffleMode.Up => "up", ShuffleMode.Down => "down", _ => "bfly" };
            int low = s.Mode == ShuffleMode.Up ? 0 : 31;
            SExpr clamp = s.Width is IntLit w
                ? A((((32 - (int)w.Value) << 8) + low).ToString())
                : L(A("add"), L(A("shl"), L(A("sub"), A("32"), Expect(s.Width, IrType.Int32)), A("8")), A(low.ToString()));
            string name = Intrinsic($"llvm.nvvm.shfl.sync.{mode}.{suffix}", t, IrType.Int32, t, IrType.Int32, IrType.Int32);
            return new(L(A("call"), A(name), Expect(s.Mask, IrType.Int32), Expect(s.Value, t), Expect(s.Lane, IrType.Int32), clamp), t);
        }

        /// <summary>The math operations whose LLVM intrinsic NVPTX lowers to one exact PTX instruction.</summary>
        private Up MathOperation(MathExpr m, SourceLocation at)
        {
            var t = m.Type;
            string? llvm = m.Name switch
            {
                "sqrt" => "sqrt", "fabs" => "fabs", "floor" => "floor", "ceil" => "ceil", "trunc" => "trunc",
                "rint" => "rint", "fmin" => "minnum", "fmax" => "maxnum", "fma" => "fma", "copysign" => "copysign",
                _ => null,
            };
            if (llvm is null || !(t == IrType.Float || t == IrType.Double))
            {
                if (m.Name is "min" or "max" or "umin" or "umax" or "abs" && t.IsInteger)
                    return IntegerMath(m, t, at);
                throw new NoSpelling(at, $"(math {m.Name}) on {t} (upstream has no device math library; only operations LLVM lowers to one exact PTX instruction are written)");
            }
            string name = Intrinsic($"llvm.{llvm}.f{t.Bits}", t, [.. m.Arguments.Select(_ => t)]);
            return new(L(new SExpr[] { A("call"), A(name) }.Concat(m.Arguments.Select(x => Expect(x, t)))), t);
        }

        private Up IntegerMath(MathExpr m, IrType t, SourceLocation at)
        {
            var args = m.Arguments.Select(x => Expect(x, t)).ToList();
            if (m.Name == "abs") return new(L(A("call"), A(AbsHelper(t)), args[0]), t);
            string name = m.Name switch { "min" => "smin", "max" => "smax", _ => m.Name };
            string intrinsic = Intrinsic($"llvm.{name}.i{t.Bits}", t, [.. m.Arguments.Select(_ => t)]);
            return new(L(new SExpr[] { A("call"), A(intrinsic) }.Concat(args)), t);
        }

        /// <summary>Integer abs as a helper of select and sub (abs of the minimum is itself, as ours is): LLVM's llvm.abs
        /// takes its poison flag as an immediate, and upstream passes every argument through a variable.</summary>
        private string AbsHelper(IrType t) => Helper($"tr_abs_{TypeName(t)}", t, ["a"],
            L(A("select"), L(A("lt"), A("a"), IntConst(0, t, None)), L(A("sub"), IntConst(0, t, None), A("a")), A("a")));
    }
}
