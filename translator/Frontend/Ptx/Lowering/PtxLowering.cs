using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>An asm operand as the PTX sees it: the IR variable holding it (typed by its constraint), or a constant
/// (<c>"n"</c>).</summary>
internal sealed record PtxBinding(string Variable, IrType Type, long? Immediate = null);

/// <summary>
/// Translates the statements of an inline-PTX template into ordinary IR statements, so every backend runs
/// them: each register (operand or <c>.reg</c>) is an IR variable, each instruction a <c>set</c> of it from the
/// IR form of the PTX operation. Split by instruction family (<c>Integer</c>, <c>Float</c>, <c>Memory</c>,
/// <c>Warp</c>). What is not translated is a <see cref="PtxException"/> naming the instruction.
/// </summary>
internal sealed partial class PtxLowering
{
    private readonly IReadOnlyList<PtxBinding> _operands;
    private readonly string _prefix;
    private SourceLocation _at;
    private readonly List<Dictionary<string, (string Variable, IrType Type)>> _scopes = [];
    private int _registers;
    /// <summary>The carry flag CC.CF of add.cc/addc chains: an int 0 or 1, declared on first use.</summary>
    private string? _carry;
    /// <summary>The function of a PTX module this lowering is for; null for an inline template.</summary>
    private readonly PtxFunctionScope? _function;

    private PtxLowering(IReadOnlyList<PtxBinding> operands, string prefix, SourceLocation at, PtxFunctionScope? function = null)
    {
        _operands = operands;
        _prefix = prefix;
        _at = at;
        _function = function;
    }

    /// <summary>The IR statements of <paramref name="program"/>; new variables are named <paramref name="prefix"/>.NAME.</summary>
    public static List<Stmt> Lower(IReadOnlyList<PtxStatement> program, IReadOnlyList<PtxBinding> operands, string prefix, SourceLocation at)
    {
        var lowering = new PtxLowering(operands, prefix, at);
        var statements = HasLabel(program) ? lowering.WithBranches(program) : lowering.Statements(program);
        statements.InsertRange(0, lowering._carryDeclarations);
        return statements;
    }

    private static bool HasLabel(IEnumerable<PtxStatement> statements) =>
        statements.Any(s => s is PtxLabel || s is PtxBlock b && HasLabel(b.Statements));

    /// <summary>
    /// A template with labels and branches (a spin loop, a retry): its instructions in basic blocks, restructured into ifs
    /// and loops (<see cref="ControlFlow.Structurer"/>); control leaves by falling off the end, an empty block joined after everything.
    /// Registers are declared first, as the blocks' order changes.
    /// </summary>
    private List<Stmt> WithBranches(IReadOnlyList<PtxStatement> program)
    {
        var declarations = new List<Stmt>();
        var blocks = new ControlFlow.BlockBuilder(message => new PtxException($"{message} in the template"));
        void Walk(IReadOnlyList<PtxStatement> statements)
        {
            OpenScope();
            foreach (var s in statements)
            {
                switch (s)
                {
                    case PtxBlock b: Walk(b.Statements); break;
                    case PtxLabel l: blocks.Label(l.Name); break;
                    case PtxRegisterDeclaration d: declarations.AddRange(Declare(d)); break;
                    case PtxInstruction { Opcode: "bra" } i:
                        if (i.Modifiers.Any(m => m != "uni")) throw new PtxException($"'{i.Spelling}' is not translated");
                        if (i.Operands is not [PtxRegister { Name: var target }]) throw new PtxException($"'{i.Spelling}' takes a label");
                        if (i.Guard is null) blocks.Jump(target); else blocks.BranchIf(GuardCondition(i), target);
                        break;
                    case PtxInstruction { Opcode: "ret" or "exit" } i: throw new PtxException($"'{i.Spelling}' in an asm template is not translated");
                    case PtxInstruction i: blocks.Current.AddRange(Guarded(i)); break;
                    default: throw new PtxException("a declaration other than .reg in an asm template");
                }
            }
            CloseScope();
        }
        Walk(program);
        var graph = blocks.Resolve(endBlock: true);
        try
        {
            return [.. declarations, .. ControlFlow.Structurer.Structure(graph, _at, $"{_prefix}.exit", graph.Count - 1)];
        }
        catch (ControlFlow.StructuringException e)
        {
            throw new PtxException(e.Message);
        }
    }

    /// <summary>A lowering for the instructions of one function of a PTX module, whose names <paramref name="function"/> holds.</summary>
    public static PtxLowering ForFunction(PtxFunctionScope function, SourceLocation at) => new([], "", at, function);

    private List<Stmt> Statements(IReadOnlyList<PtxStatement> statements)
    {
        OpenScope();
        var list = new List<Stmt>();
        foreach (var s in statements)
        {
            switch (s)
            {
                case PtxBlock b: list.Add(new Block(_at, Statements(b.Statements))); break;
                case PtxLabel: throw new PtxException($"the label '{((PtxLabel)s).Name}' is not translated in an asm template (no branches are)");
                case PtxRegisterDeclaration d: list.AddRange(Declare(d)); break;
                case PtxInstruction i: list.AddRange(Guarded(i)); break;
                default: throw new PtxException("a declaration other than .reg in an asm template");
            }
        }
        CloseScope();
        return list;
    }

    /// <summary>Opens a register scope (a <c>{ … }</c> block).</summary>
    public void OpenScope() => _scopes.Add([]);

    public void CloseScope() => _scopes.RemoveAt(_scopes.Count - 1);

    /// <summary>Where the statements made from now on come from (each instruction of a module carries its PTX line).</summary>
    public void At(SourceLocation at) => _at = at;

    /// <summary>Declares <paramref name="d"/>'s registers in the innermost scope, each set to 0 (PTX leaves them undefined).
    /// Inline, the declarations are returned in place; in a module's function, where registers are function-wide, they go
    /// to the function's first statements when an instruction first names them (<c>%r&lt;100&gt;</c> declares many
    /// a function does not use).</summary>
    public List<Stmt> Declare(PtxRegisterDeclaration d)
    {
        var type = PtxType.RegisterType(d.Type) ?? throw new PtxException($".reg .{d.Type}: registers of this type are not translated");
        var list = new List<Stmt>();
        foreach (var name in d.Names)
        {
            string variable = _function is { } f ? f.NewVariable(name) : $"{_prefix}.r{++_registers}";
            _scopes[^1][name] = (variable, type);
            var declaration = new Stmt[] { new DeclareStmt(_at, variable, type), new SetStmt(_at, variable, Zero(type)) };
            if (_function is not null) _undeclared[variable] = declaration;
            else list.AddRange(declaration);
        }
        return list;
    }

    /// <summary>The IR of <paramref name="i"/>, under an if when it is guarded by a predicate.</summary>
    public List<Stmt> Guarded(PtxInstruction i)
    {
        var body = Instruction(i);
        TrackAddresses(i);
        if (i.Guard is not { } g) return body;
        return [new IfStmt(_at, GuardCondition(i), new Block(_at, body), null)];
    }

    /// <summary>The condition of <paramref name="i"/>'s guard <c>@p</c> or <c>@!p</c>.</summary>
    public Expr GuardCondition(PtxInstruction i)
    {
        var condition = Read(i.Guard!, new PtxType('p', 1));
        return i.GuardNegated ? new UnaryExpr(_at, UnaryOp.Not, condition) : condition;
    }

    /// <summary>A new variable for a value the lowering keeps for itself.</summary>
    private string Temporary(string hint) => _function?.NewVariable("%" + hint) ?? $"{_prefix}.r{++_registers}";

    /// <summary>Declarations the lowering made for itself (the carry flag), to put before everything else.</summary>
    public IReadOnlyList<Stmt> OwnDeclarations => _carryDeclarations;

    private Expr Zero(IrType t) => t switch
    {
        _ when t.IsBool => new BoolLit(_at, false),
        _ when t.IsFloat => new FloatLit(_at, 0, t),
        _ => new IntLit(_at, 0, t),
    };

    /// <summary>Module registers declared and not yet named by an instruction, with their declarations.</summary>
    private readonly Dictionary<string, Stmt[]> _undeclared = [];

    private (string Variable, IrType Type)? Register(PtxOperand o)
    {
        switch (o)
        {
            case PtxOperandRef r when _operands[r.Index].Immediate is null: return (_operands[r.Index].Variable, _operands[r.Index].Type);
            case PtxRegister g:
                for (int i = _scopes.Count - 1; i >= 0; i--)
                    if (_scopes[i].TryGetValue(g.Name, out var v))
                    {
                        if (_undeclared.Remove(v.Variable, out var declaration)) _function!.Hoisted.AddRange(declaration);
                        return v;
                    }
                return null;
            default: return null;
        }
    }

    /// <summary>An operand's value as PTX type <paramref name="t"/> (IR type <see cref="PtxType.Ir"/>): registers keep their bits.</summary>
    private Expr Read(PtxOperand o, PtxType t)
    {
        var want = t.Ir;
        switch (o)
        {
            case PtxOperandRef r when _operands[r.Index].Immediate is { } n: return Read(new PtxInteger(n), t);
            case PtxInteger n when want.IsInteger: return Int(n.Value, want);
            case PtxInteger n when want.IsFloat: return new FloatLit(_at, n.Value, want);
            case PtxInteger n when t.IsPredicate: return new BoolLit(_at, n.Value != 0);
            case PtxFloat f when want.IsFloat: return new FloatLit(_at, want == IrType.Float ? (float)f.Value : f.Value, want);
            case PtxFloat f when want.IsInteger && want.Bits == 32 && f.IsSingle: return Int(BitConverter.SingleToInt32Bits((float)f.Value), want);
            case PtxFloat f when want.IsInteger && want.Bits == 64 && !f.IsSingle: return Int(BitConverter.DoubleToInt64Bits(f.Value), want);
            case PtxNot n when t.IsPredicate: return new UnaryExpr(_at, UnaryOp.Not, Read(n.Operand, t));
            case PtxRegister g when Register(g) is null && _function?.Symbol(g.Name) is { } symbol: return SymbolValue(symbol, 0, t);
            case PtxNameOffset n when _function?.Symbol(n.Name) is { } symbol: return SymbolValue(symbol, n.Offset, t);
            case PtxRegister g when Register(g) is null: return Special(g.Name, t);
        }
        if (Register(o) is not { } reg) throw new PtxException($"the operand {Describe(o)} cannot be read as {t}");
        Expr v = new VarRef(_at, reg.Variable);
        return Reinterpret(v, reg.Type, want, t.IsSigned, $"{Describe(o)} read as {t}");
    }

    /// <summary>Writes <paramref name="value"/> (of PTX type <paramref name="t"/>) to a destination register, keeping its bits
    /// (a wider register gets the value extended: sign for .s types, zero otherwise).</summary>
    private Stmt Write(PtxOperand o, Expr value, PtxType t)
    {
        if (o is PtxSink) return new ExprStmt(_at, value);
        if (Register(o) is not { } reg) throw new PtxException($"the destination {Describe(o)} is not a register");
        return new SetStmt(_at, reg.Variable, Reinterpret(value, t.Ir, reg.Type, t.IsSigned, $"{t} written to {Describe(o)}"));
    }

    /// <summary>The same bits as another IR type: bitcast between int and float of one width, pointer ↔ int64,
    /// truncation to a narrower integer, extension to a wider one.</summary>
    private Expr Reinterpret(Expr v, IrType from, IrType to, bool signed, string what)
    {
        if (from == to) return v;
        if (from is PointerType && to == IrType.Int64) return new CastExpr(_at, CastOp.PtrToInt, v, to);
        if (from == IrType.Int64 && to is PointerType) return new CastExpr(_at, CastOp.IntToPtr, v, to);
        if (from.IsBool || to.IsBool || from is not ScalarType || to is not ScalarType) throw new PtxException($"{what}: the types do not match");
        if (from.Bits == to.Bits) return new CastExpr(_at, CastOp.Bitcast, v, to);
        if (from.IsInteger && to.IsInteger)
            return new CastExpr(_at, to.Bits < from.Bits ? CastOp.Trunc : signed ? CastOp.SExt : CastOp.ZExt, v, to);
        if (from.IsInteger && to.IsFloat && from.Bits > to.Bits) // the low bits of a wider register
            return new CastExpr(_at, CastOp.Bitcast, new CastExpr(_at, CastOp.Trunc, v, PtxType.Integer(to.Bits)), to);
        if (from.IsFloat && to.IsInteger && to.Bits > from.Bits)
            return new CastExpr(_at, CastOp.ZExt, new CastExpr(_at, CastOp.Bitcast, v, PtxType.Integer(from.Bits)), to);
        throw new PtxException($"{what}: a {from.Bits}-bit register does not hold a {to.Bits}-bit value");
    }

    private IntLit Int(long value, IrType t)
    {
        int shift = 64 - t.Bits;
        return new IntLit(_at, shift == 0 ? value : value << shift >> shift, t);
    }

    private static string Describe(PtxOperand o) => o switch
    {
        PtxOperandRef r => $"%{r.Index}",
        PtxRegister g => $"'{g.Name}'",
        PtxInteger n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PtxFloat f => f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PtxVector => "{…}",
        PtxAddress => "[…]",
        PtxSink => "_",
        PtxNot n => "!" + Describe(n.Operand),
        _ => "?",
    };

    /// <summary>The PTX instruction <paramref name="i"/> as IR statements.</summary>
    private List<Stmt> Instruction(PtxInstruction i)
    {
        var m = new Modifiers(i);
        var result = i.Opcode switch
        {
            "mov" => Mov(i, m),
            "add" or "sub" or "addc" or "subc" => AddSub(i, m),
            "mul" or "mad" or "mul24" or "mad24" => Multiply(i, m),
            "div" or "rem" or "min" or "max" or "and" or "or" or "xor" => Binary(i, m),
            "neg" or "abs" or "not" or "cnot" => Unary(i, m),
            "shl" or "shr" => Shift(i, m),
            "bfe" => Bfe(i, m),
            "bfi" => Bfi(i, m),
            "prmt" => Prmt(i, m),
            "lop3" => Lop3(i, m),
            "vabsdiff4" => Vabsdiff4(i, m),
            "brev" or "popc" or "clz" => BitCount(i, m),
            "shf" => Funnel(i, m),
            "setp" => Setp(i, m),
            "selp" => Selp(i, m),
            "cvt" => Cvt(i, m),
            "fma" or "rcp" or "sqrt" or "rsqrt" or "ex2" or "lg2" or "sin" or "cos" or "tanh" => FloatOp(i, m),
            "ld" => Load(i, m),
            "st" => Store(i, m),
            "membar" or "fence" => Fence(i, m),
            "shfl" => Shuffle(i, m),
            "vote" => Vote(i, m),
            "activemask" => ActiveMask(i, m),
            "bar" or "barrier" => Barrier(i, m),
            "trap" => [new ExprStmt(_at, new TrapExpr(_at))],
            "cvta" => Cvta(i, m),
            "atom" or "red" => Atomic(i, m),
            "call" => Call(i, m),
            _ => throw new PtxException($"the PTX instruction '{i.Spelling}' is not translated"),
        };
        m.Done();
        return result;
    }

    private static void Count(PtxInstruction i, int n)
    {
        if (i.Operands.Count != n) throw new PtxException($"'{i.Spelling}' takes {n} operands, not {i.Operands.Count}");
    }

    /// <summary>The modifiers of an instruction, taken as its translation reads them; any left over is not translated.</summary>
    private sealed class Modifiers(PtxInstruction i)
    {
        private readonly List<string> _left = [.. i.Modifiers];

        public bool Take(string s) => _left.Remove(s);

        public string? TakeAny(params string[] options)
        {
            foreach (var o in options) if (_left.Remove(o)) return o;
            return null;
        }

        /// <summary>The last modifier, which must be a type (for cvt, call twice: destination type last).</summary>
        public PtxType Type()
        {
            if (_left.Count == 0 || PtxType.Parse(_left[^1]) is not { } t) throw new PtxException($"'{i.Spelling}': no type suffix is read");
            _left.RemoveAt(_left.Count - 1);
            return t;
        }

        public void Done()
        {
            if (_left.Count > 0) throw new PtxException($"'{i.Spelling}': the modifier '.{_left[0]}' is not translated");
        }
    }
}
