using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>Moves, integer arithmetic, bit operations, comparisons and selection.</summary>
internal sealed partial class PtxLowering
{
    private Expr B(BinaryOp op, Expr a, Expr b) => new BinaryExpr(_at, op, a, b);
    private Expr Cast(CastOp op, Expr a, IrType t) => new CastExpr(_at, op, a, t);
    private Expr Select(Expr c, Expr a, Expr b) => new SelectExpr(_at, c, a, b);
    private Expr Math(string name, params Expr[] args) => new MathExpr(_at, name, args);
    private Expr Ones(IrType t) => Int(-1, t);

    private List<Stmt> Mov(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 2);
        var (d, a) = (i.Operands[0], i.Operands[1]);
        if (a is PtxVector pack) // mov.b64 d, {lo, hi}: the elements' bits side by side, element 0 lowest
        {
            var part = Parts(i, t, pack);
            Expr? value = null;
            for (int k = 0; k < pack.Elements.Count; k++)
            {
                var piece = Cast(CastOp.ZExt, Read(pack.Elements[k], part), t.Ir);
                if (part.Bits == t.Bits) piece = Read(pack.Elements[k], part);
                var shifted = k == 0 ? piece : B(BinaryOp.Shl, piece, Int(k * part.Bits, t.Ir));
                value = value is null ? shifted : B(BinaryOp.Or, value, shifted);
            }
            return [Write(d, value!, t)];
        }
        if (d is PtxVector unpack) // mov.b64 {lo, hi}, s
        {
            var part = Parts(i, t, unpack);
            var whole = Read(a, t);
            var list = new List<Stmt>();
            for (int k = 0; k < unpack.Elements.Count; k++)
            {
                if (unpack.Elements[k] is PtxSink) continue;
                var shifted = k == 0 ? whole : B(BinaryOp.LShr, whole, Int(k * part.Bits, t.Ir));
                list.Add(Write(unpack.Elements[k], Cast(CastOp.Trunc, shifted, part.Ir), part));
            }
            return list;
        }
        return [Write(d, Read(a, t), t)];
    }

    /// <summary>The element type of a packing mov: b64 from two b32 or four b16, b32 from two b16.</summary>
    private static PtxType Parts(PtxInstruction i, PtxType t, PtxVector v)
    {
        if (!t.IsInteger || t.Bits % v.Elements.Count != 0 || t.Bits / v.Elements.Count < 8 || v.Elements.Count < 2)
            throw new PtxException($"'{i.Spelling}' with {v.Elements.Count} elements is not translated");
        return new PtxType('b', t.Bits / v.Elements.Count);
    }

    /// <summary>add, sub, and the carry chain add.cc / addc[.cc] / sub.cc / subc[.cc] (CC.CF is an IR int 0/1).</summary>
    private List<Stmt> AddSub(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 3);
        bool sub = i.Opcode.StartsWith("sub", StringComparison.Ordinal);
        bool carryIn = i.Opcode.EndsWith('c');
        bool carryOut = m.Take("cc");
        if (t.IsFloat) return FloatArith(i, m, t);
        if (!t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        if (m.Take("sat")) throw new PtxException($"'{i.Spelling}': the modifier '.sat' is not translated");
        var ir = t.Ir;
        var a = Read(i.Operands[1], t);
        var b = Read(i.Operands[2], t);
        var list = new List<Stmt>();
        if (!carryIn && !carryOut) return [Write(i.Operands[0], B(sub ? BinaryOp.Sub : BinaryOp.Add, a, b), t)];
        if (t.Bits < 32) throw new PtxException($"'{i.Spelling}': carry chains on {t} are not translated");
        string carry = Carry(list);
        // Computed into a temporary first: the destination may also be a source.
        string result = $"{_prefix}.c{++_registers}";
        list.Add(new DeclareStmt(_at, result, ir));
        Expr cin = Cast(CastOp.ZExt, B(BinaryOp.Ne, new VarRef(_at, carry), Int(0, IrType.Int32)), ir);
        Expr value = B(sub ? BinaryOp.Sub : BinaryOp.Add, a, b);
        if (carryIn) value = B(sub ? BinaryOp.Sub : BinaryOp.Add, value, cin);
        list.Add(new SetStmt(_at, result, value));
        if (carryOut)
        {
            var r = new VarRef(_at, result);
            Expr cinBool = B(BinaryOp.Ne, new VarRef(_at, carry), Int(0, IrType.Int32));
            // add: carry out when the sum wrapped below a (or equals a with a carry in); sub: borrow when a < b (or a == b with one in).
            Expr outBit = sub
                ? B(BinaryOp.ULt, a, b)
                : B(BinaryOp.ULt, r, a);
            if (carryIn)
                outBit = new LogicalExpr(_at, false, outBit, new LogicalExpr(_at, true, cinBool, B(BinaryOp.Eq, sub ? a : r, sub ? b : a)));
            list.Add(new SetStmt(_at, carry, Cast(CastOp.ZExt, outBit, IrType.Int32)));
        }
        list.Add(Write(i.Operands[0], new VarRef(_at, result), t));
        return list;
    }

    private string Carry(List<Stmt> list)
    {
        if (_carry is not null) return _carry;
        _carry = $"{_prefix}.cc";
        // CC.CF before any .cc instruction: PTX leaves it unspecified; 0 here. Declared at the template's top level.
        _carryDeclarations.Add(new DeclareStmt(_at, _carry, IrType.Int32));
        _carryDeclarations.Add(new SetStmt(_at, _carry, Int(0, IrType.Int32)));
        return _carry;
    }

    private readonly List<Stmt> _carryDeclarations = [];

    private List<Stmt> Multiply(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        bool mad = i.Opcode.StartsWith("mad", StringComparison.Ordinal);
        Count(i, mad ? 4 : 3);
        if (t.IsFloat) return mad ? FloatOp(i, m, t) : FloatArith(i, m, t);
        if (!t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        bool is24 = i.Opcode.EndsWith("24", StringComparison.Ordinal);
        string part = m.TakeAny("lo", "hi", "wide") ?? throw new PtxException($"'{i.Spelling}': needs .lo, .hi or .wide");
        var a = Read(i.Operands[1], t);
        var b = Read(i.Operands[2], t);
        Expr product;
        PtxType resultType = t;
        if (is24)
        {
            if (part != "lo" || t.Bits != 32) throw new PtxException($"'{i.Spelling}' is not translated (only .lo on 32 bits)");
            product = Math(t.IsSigned ? "mul24" : "umul24", a, b);
        }
        else if (part == "lo") product = B(BinaryOp.Mul, a, b);
        else if (part == "hi") product = Math(t.IsSigned ? "mulhi" : "umulhi", a, b);
        else
        {
            if (t.Bits > 32) throw new PtxException($"'{i.Spelling}': .wide of 64-bit operands is not translated");
            resultType = new PtxType(t.Kind, t.Bits * 2);
            var ext = t.IsSigned ? CastOp.SExt : CastOp.ZExt;
            product = B(BinaryOp.Mul, Cast(ext, a, resultType.Ir), Cast(ext, b, resultType.Ir));
        }
        if (mad)
        {
            if (m.Take("sat") || m.Take("cc")) throw new PtxException($"'{i.Spelling}': .sat and .cc are not translated");
            product = B(BinaryOp.Add, product, Read(i.Operands[3], resultType));
        }
        return [Write(i.Operands[0], product, resultType)];
    }

    private List<Stmt> Binary(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 3);
        if (t.IsFloat) return FloatArith(i, m, t);
        var a = Read(i.Operands[1], t);
        var b = Read(i.Operands[2], t);
        if (t.IsPredicate && i.Opcode is "and" or "or" or "xor")
            return [Write(i.Operands[0], i.Opcode == "xor" ? B(BinaryOp.Ne, a, b) : new LogicalExpr(_at, i.Opcode == "and", a, b), t)];
        if (!t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        bool s = t.IsSigned;
        Expr value = i.Opcode switch
        {
            "div" => B(s ? BinaryOp.Div : BinaryOp.UDiv, a, b),
            "rem" => B(s ? BinaryOp.Rem : BinaryOp.URem, a, b),
            "min" => Math(s ? "min" : "umin", a, b),
            "max" => Math(s ? "max" : "umax", a, b),
            "and" => B(BinaryOp.And, a, b),
            "or" => B(BinaryOp.Or, a, b),
            _ => B(BinaryOp.Xor, a, b),
        };
        return [Write(i.Operands[0], value, t)];
    }

    private List<Stmt> Unary(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 2);
        if (t.IsFloat && i.Opcode is "neg" or "abs") return FloatOp(i, m, t);
        var a = Read(i.Operands[1], t);
        if (t.IsPredicate && i.Opcode == "not") return [Write(i.Operands[0], new UnaryExpr(_at, UnaryOp.Not, a), t)];
        if (!t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        Expr value = i.Opcode switch
        {
            "neg" => B(BinaryOp.Sub, Int(0, t.Ir), a),
            "abs" => Math("abs", a),
            "not" => B(BinaryOp.Xor, a, Ones(t.Ir)),
            _ => Cast(CastOp.ZExt, B(BinaryOp.Eq, a, Int(0, t.Ir)), t.Ir), // cnot: 1 for 0, else 0
        };
        return [Write(i.Operands[0], value, t)];
    }

    /// <summary>shl / shr: the amount is .u32, and amounts beyond the width give 0 (shr.s: copies of the sign).</summary>
    private List<Stmt> Shift(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 3);
        if (!t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        var a = Read(i.Operands[1], t);
        var amount = AmountIn(Read(i.Operands[2], new PtxType('u', 32)), t);
        return [Write(i.Operands[0], ShiftClamped(i.Opcode == "shl" ? BinaryOp.Shl : t.IsSigned ? BinaryOp.AShr : BinaryOp.LShr, a, amount, t.Ir), t)];
    }

    /// <summary>A 32-bit amount in the width of <paramref name="t"/>.</summary>
    private Expr AmountIn(Expr amount32, PtxType t) =>
        t.Bits == 32 ? amount32 : t.Bits > 32 ? Cast(CastOp.ZExt, amount32, t.Ir) : Cast(CastOp.Trunc, Math("umin", amount32, Int(t.Bits, IrType.Int32)), t.Ir);

    /// <summary>a OP n with n clamped to the width (the IR, like LLVM, leaves wider shifts undefined).</summary>
    private Expr ShiftClamped(BinaryOp op, Expr a, Expr n, IrType t)
    {
        // A literal amount is decided here: the shift itself, or what PTX's clamp gives.
        if (n is IntLit { Value: var k })
            return k < t.Bits ? B(op, a, n) : op == BinaryOp.AShr ? B(op, a, Int(t.Bits - 1, t)) : Int(0, t);
        var width = Int(t.Bits, t);
        var inRange = B(BinaryOp.ULt, n, width);
        var safe = Select(inRange, n, Int(t.Bits - 1, t));
        var shifted = B(op, a, safe);
        return op == BinaryOp.AShr ? shifted : Select(inRange, shifted, Int(0, t));
    }

    /// <summary>bfe: extract c bits from bit b of a (each taken &amp; 0xff); .s types sign-extend from the last bit taken.</summary>
    private List<Stmt> Bfe(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 4);
        if (!t.IsInteger || t.Bits < 32) throw new PtxException($"'{i.Spelling}' is not translated");
        var ir = t.Ir;
        var a = Read(i.Operands[1], t);
        var u32 = new PtxType('u', 32);
        var pos = AmountIn(B(BinaryOp.And, Read(i.Operands[2], u32), Int(0xff, IrType.Int32)), t);
        var len = AmountIn(B(BinaryOp.And, Read(i.Operands[3], u32), Int(0xff, IrType.Int32)), t);
        var n = Int(t.Bits, ir);
        Expr value;
        if (!t.IsSigned)
        {
            var shifted = ShiftClamped(BinaryOp.LShr, a, pos, ir);
            var mask = Select(B(BinaryOp.UGe, len, n), Ones(ir), B(BinaryOp.Sub, ShiftClamped(BinaryOp.Shl, Int(1, ir), len, ir), Int(1, ir)));
            value = B(BinaryOp.And, shifted, mask);
        }
        else
        {
            // top = min(pos + len, N); the field's top bit moved to the sign, then shifted down arithmetically.
            var top = Math("umin", B(BinaryOp.Add, pos, len), n);
            var aligned = B(BinaryOp.Shl, a, B(BinaryOp.Sub, n, top));
            var field = B(BinaryOp.AShr, aligned, B(BinaryOp.Add, B(BinaryOp.Sub, n, top), pos));
            var allSign = B(BinaryOp.AShr, a, Int(t.Bits - 1, ir));
            value = Select(B(BinaryOp.Eq, len, Int(0, ir)), Int(0, ir), Select(B(BinaryOp.UGe, pos, n), allSign, field));
        }
        return [Write(i.Operands[0], value, t)];
    }

    /// <summary>bfi d, a, b, c, e: b with e bits of a inserted at bit c (each &amp; 0xff); nothing when c ≥ width or e = 0.</summary>
    private List<Stmt> Bfi(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 5);
        if (!t.IsInteger || t.Bits < 32) throw new PtxException($"'{i.Spelling}' is not translated");
        var ir = t.Ir;
        var a = Read(i.Operands[1], t);
        var b = Read(i.Operands[2], t);
        var u32 = new PtxType('u', 32);
        var pos = AmountIn(B(BinaryOp.And, Read(i.Operands[3], u32), Int(0xff, IrType.Int32)), t);
        var len = AmountIn(B(BinaryOp.And, Read(i.Operands[4], u32), Int(0xff, IrType.Int32)), t);
        var n = Int(t.Bits, ir);
        var low = Select(B(BinaryOp.UGe, len, n), Ones(ir), B(BinaryOp.Sub, ShiftClamped(BinaryOp.Shl, Int(1, ir), len, ir), Int(1, ir)));
        var mask = ShiftClamped(BinaryOp.Shl, low, pos, ir);
        var value = B(BinaryOp.Or, B(BinaryOp.And, b, B(BinaryOp.Xor, mask, Ones(ir))), B(BinaryOp.And, ShiftClamped(BinaryOp.Shl, a, pos, ir), mask));
        return [Write(i.Operands[0], value, t)];
    }

    /// <summary>prmt.b32 d, a, b, c (default mode): byte k of d is byte (c >> 4k) &amp; 7 of b:a, or with bit 3 of that
    /// nibble set, that byte's sign bit copied to all 8 bits.</summary>
    private List<Stmt> Prmt(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 4);
        if (t.Bits != 32 || !t.IsInteger || m.TakeAny("f4e", "b4e", "rc8", "ecl", "ecr", "rc16") is { } mode)
            throw new PtxException($"'{i.Spelling}' is not translated (only the default mode on .b32)");
        var i64 = IrType.Int64;
        var ab = B(BinaryOp.Or, Cast(CastOp.ZExt, Read(i.Operands[1], t), i64), B(BinaryOp.Shl, Cast(CastOp.ZExt, Read(i.Operands[2], t), i64), Int(32, i64)));
        var c = Read(i.Operands[3], t);
        Expr? value = null;
        for (int k = 0; k < 4; k++)
        {
            var nibble = B(BinaryOp.And, B(BinaryOp.LShr, c, Int(4 * k, IrType.Int32)), Int(0xf, IrType.Int32));
            var index = Cast(CastOp.ZExt, B(BinaryOp.And, nibble, Int(7, IrType.Int32)), i64);
            var picked = Cast(CastOp.Trunc, B(BinaryOp.And, B(BinaryOp.LShr, ab, B(BinaryOp.Mul, index, Int(8, i64))), Int(0xff, i64)), IrType.Int32);
            var sign = Select(B(BinaryOp.Ne, B(BinaryOp.And, picked, Int(0x80, IrType.Int32)), Int(0, IrType.Int32)), Int(0xff, IrType.Int32), Int(0, IrType.Int32));
            var byteValue = Select(B(BinaryOp.Ne, B(BinaryOp.And, nibble, Int(8, IrType.Int32)), Int(0, IrType.Int32)), sign, picked);
            var placed = k == 0 ? byteValue : B(BinaryOp.Shl, byteValue, Int(8 * k, IrType.Int32));
            value = value is null ? placed : B(BinaryOp.Or, value, placed);
        }
        return [Write(i.Operands[0], value!, t)];
    }

    /// <summary>
    /// vabsdiff4.dtype.atype.btype{.add} d, a, b, c (SIMD video, NVIDIA stereoDisparity's SAD): per byte |a_i − b_i|, the
    /// bytes signed for an .s32 source type; with .add, d = c + their sum; without, d's bytes are the differences. The
    /// .sat, .min and .max forms, byte selectors and masks are not translated.
    /// </summary>
    private List<Stmt> Vabsdiff4(PtxInstruction i, Modifiers m)
    {
        bool add = m.Take("add");
        var bt = m.Type();
        var at = m.Type();
        var dt = m.Type();
        Count(i, 4);
        if (new[] { at, bt, dt }.Any(t => t.Bits != 32 || !t.IsInteger))
            throw new PtxException($"'{i.Spelling}' is not translated (only .u32/.s32 operands)");
        var i32 = IrType.Int32;
        var a = Read(i.Operands[1], at);
        var b = Read(i.Operands[2], bt);
        Expr? value = add ? Read(i.Operands[3], dt) : null;
        for (int k = 0; k < 4; k++)
        {
            var diff = B(BinaryOp.Sub, ByteOf(a, k, at.IsSigned), ByteOf(b, k, bt.IsSigned));
            var abs = Select(B(BinaryOp.Lt, diff, Int(0, i32)), B(BinaryOp.Sub, Int(0, i32), diff), diff);
            var term = add ? abs : B(BinaryOp.Shl, B(BinaryOp.And, abs, Int(0xff, i32)), Int(8 * k, i32));
            value = value is null ? term : B(add ? BinaryOp.Add : BinaryOp.Or, value, term);
        }
        return [Write(i.Operands[0], value!, dt)];
    }

    /// <summary>Byte <paramref name="k"/> of a 32-bit value, sign- or zero-extended.</summary>
    private Expr ByteOf(Expr x, int k, bool signed) => signed
        ? B(BinaryOp.AShr, B(BinaryOp.Shl, x, Int(24 - 8 * k, IrType.Int32)), Int(24, IrType.Int32))
        : B(BinaryOp.And, B(BinaryOp.LShr, x, Int(8 * k, IrType.Int32)), Int(0xff, IrType.Int32));

    /// <summary>lop3.b32 d, a, b, c, LUT: the function whose truth table on (0xF0, 0xCC, 0xAA) is LUT, as a sum of minterms.</summary>
    private List<Stmt> Lop3(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 5);
        if (t.Bits != 32 || !t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        long lut = i.Operands[4] switch
        {
            PtxInteger n => n.Value,
            PtxOperandRef r when _operands[r.Index].Immediate is { } v => v,
            _ => throw new PtxException($"'{i.Spelling}': the truth table must be an immediate"),
        };
        var ir = t.Ir;
        var x = new[] { Read(i.Operands[1], t), Read(i.Operands[2], t), Read(i.Operands[3], t) };
        Expr value = Int(0, ir);
        for (int k = 0; k < 8; k++)
        {
            if ((lut >> k & 1) == 0) continue;
            Expr Lit(int bit, Expr v) => (k >> bit & 1) == 1 ? v : B(BinaryOp.Xor, v, Ones(ir));
            var term = B(BinaryOp.And, B(BinaryOp.And, Lit(2, x[0]), Lit(1, x[1])), Lit(0, x[2]));
            value = value is IntLit ? term : B(BinaryOp.Or, value, term);
        }
        return [Write(i.Operands[0], value, t)];
    }

    private List<Stmt> BitCount(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 2);
        if (!t.IsInteger || t.Bits < 32) throw new PtxException($"'{i.Spelling}' is not translated");
        var a = Read(i.Operands[1], t);
        if (i.Opcode == "brev") return [Write(i.Operands[0], Math("brev", a), t)];
        return [Write(i.Operands[0], Math(i.Opcode, a), new PtxType('u', 32))]; // popc, clz: a .u32 count
    }

    /// <summary>shf.l / shf.r .wrap / .clamp .b32 d, a, b, c: the 64 bits b:a shifted by c (wrap: c &amp; 31; clamp: min(c, 32)),
    /// the high half (shf.l) or the low half (shf.r).</summary>
    private List<Stmt> Funnel(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 4);
        bool left = m.TakeAny("l", "r") is "l" ? true : i.Modifiers.Contains("r") ? false : throw new PtxException($"'{i.Spelling}': needs .l or .r");
        bool wrap = m.TakeAny("wrap", "clamp") is "wrap" ? true : i.Modifiers.Contains("clamp") ? false : throw new PtxException($"'{i.Spelling}': needs .wrap or .clamp");
        if (t.Bits != 32 || !t.IsInteger) throw new PtxException($"'{i.Spelling}' is not translated");
        var i64 = IrType.Int64;
        var ab = B(BinaryOp.Or, Cast(CastOp.ZExt, Read(i.Operands[1], t), i64), B(BinaryOp.Shl, Cast(CastOp.ZExt, Read(i.Operands[2], t), i64), Int(32, i64)));
        var c = Read(i.Operands[3], new PtxType('u', 32));
        var n = Cast(CastOp.ZExt, wrap ? B(BinaryOp.And, c, Int(31, IrType.Int32)) : Math("umin", c, Int(32, IrType.Int32)), i64);
        var value = left
            ? Cast(CastOp.Trunc, B(BinaryOp.LShr, B(BinaryOp.Shl, ab, n), Int(32, i64)), IrType.Int32)
            : Cast(CastOp.Trunc, B(BinaryOp.LShr, ab, n), IrType.Int32);
        return [Write(i.Operands[0], value, t)];
    }

    /// <summary>setp.CMP.TYPE p, a, b (without the .and/.or/.xor combining forms).</summary>
    private List<Stmt> Setp(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        // setp.CMP.BOOL.T p[|q], a, b, c: p = (a CMP b) BOOL c and q = !(a CMP b) BOOL c.
        string? combine = m.TakeAny("and", "or", "xor");
        Count(i, combine is null ? 3 : 4);
        m.Take("ftz"); // comparisons of subnormals: see docs/ir/asm.md (inputs are not flushed)
        string cmp = m.TakeAny("eq", "ne", "lt", "le", "gt", "ge", "lo", "ls", "hi", "hs", "equ", "neu", "ltu", "leu", "gtu", "geu", "num", "nan")
            ?? throw new PtxException($"'{i.Spelling}': the comparison is not translated");
        var a = Read(i.Operands[1], t);
        var b = Read(i.Operands[2], t);
        Expr value;
        if (t.IsFloat)
        {
            if (t.Pair) throw new PtxException($"'{i.Spelling}' is not translated");
            Expr Unordered(BinaryOp ordered) => new UnaryExpr(_at, UnaryOp.Not, B(ordered, a, b));
            value = cmp switch
            {
                "eq" => B(BinaryOp.FEq, a, b), "ne" => B(BinaryOp.FNe, a, b), "lt" => B(BinaryOp.FLt, a, b),
                "le" => B(BinaryOp.FLe, a, b), "gt" => B(BinaryOp.FGt, a, b), "ge" => B(BinaryOp.FGe, a, b),
                "equ" => Unordered(BinaryOp.FNe), "neu" => B(BinaryOp.FUne, a, b), "ltu" => Unordered(BinaryOp.FGe),
                "leu" => Unordered(BinaryOp.FGt), "gtu" => Unordered(BinaryOp.FLe), "geu" => Unordered(BinaryOp.FLt),
                "num" => new LogicalExpr(_at, true, new UnaryExpr(_at, UnaryOp.Not, Math("isnan", a)), new UnaryExpr(_at, UnaryOp.Not, Math("isnan", b))),
                "nan" => new LogicalExpr(_at, false, Math("isnan", a), Math("isnan", b)),
                _ => throw new PtxException($"'{i.Spelling}': .{cmp} does not compare floats"),
            };
        }
        else if (t.IsInteger)
        {
            bool s = t.IsSigned;
            value = cmp switch
            {
                "eq" => B(BinaryOp.Eq, a, b), "ne" => B(BinaryOp.Ne, a, b),
                "lt" => B(s ? BinaryOp.Lt : BinaryOp.ULt, a, b), "le" => B(s ? BinaryOp.Le : BinaryOp.ULe, a, b),
                "gt" => B(s ? BinaryOp.Gt : BinaryOp.UGt, a, b), "ge" => B(s ? BinaryOp.Ge : BinaryOp.UGe, a, b),
                "lo" => B(BinaryOp.ULt, a, b), "ls" => B(BinaryOp.ULe, a, b), "hi" => B(BinaryOp.UGt, a, b), "hs" => B(BinaryOp.UGe, a, b),
                _ => throw new PtxException($"'{i.Spelling}': .{cmp} does not compare integers"),
            };
        }
        else throw new PtxException($"'{i.Spelling}' is not translated");
        var predicate = new PtxType('p', 1);
        var c = combine is null ? null : Read(i.Operands[3], predicate);
        Expr Combined(Expr v) => combine switch
        {
            null => v,
            "xor" => B(BinaryOp.Ne, v, c!),
            _ => new LogicalExpr(_at, combine == "and", v, c!),
        };
        if (i.Operands[0] is not PtxPair pair) return [Write(i.Operands[0], Combined(value), predicate)];
        // Both destinations read the comparison (and c) once, through variables, before either is written.
        string compared = Temporary("cmp");
        var list = new List<Stmt> { new DeclareStmt(_at, compared, IrType.Bool), new SetStmt(_at, compared, value) };
        if (c is not null)
        {
            string kept = Temporary("c");
            list.Add(new DeclareStmt(_at, kept, IrType.Bool));
            list.Add(new SetStmt(_at, kept, c));
            c = new VarRef(_at, kept);
        }
        return
        [
            .. list,
            Write(pair.First, Combined(new VarRef(_at, compared)), predicate),
            Write(pair.Second, Combined(new UnaryExpr(_at, UnaryOp.Not, new VarRef(_at, compared))), predicate),
        ];
    }

    private List<Stmt> Selp(PtxInstruction i, Modifiers m)
    {
        var t = m.Type();
        Count(i, 4);
        var c = Read(i.Operands[3], new PtxType('p', 1));
        return [Write(i.Operands[0], Select(c, Read(i.Operands[1], t), Read(i.Operands[2], t)), t)];
    }
}
