using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Translate.Frontend.Ptx.Grammar;

namespace Translate.Frontend.Ptx;

/// <summary>
/// Reads PTX text with the ANTLR parser of <c>Ptx.g4</c> into the syntax of <see cref="PtxModule"/> and
/// <see cref="PtxStatement"/>: whole modules, and the templates of inline <c>asm</c> statements, where <c>%N</c> and
/// <c>%[name]</c> refer to the statement's operands and <c>%%r</c> is the register <c>%r</c>. A syntax error, or text
/// the syntax has no place for, is a <see cref="PtxException"/> at its line and column.
/// </summary>
internal sealed class PtxReader
{
    private readonly int _operandCount;
    private readonly IReadOnlyList<string?> _names;
    private readonly bool _template;

    private PtxReader(int operandCount, IReadOnlyList<string?> names, bool template)
    {
        _operandCount = operandCount;
        _names = names;
        _template = template;
    }

    /// <summary>The statements of an asm <paramref name="template"/> whose operands are numbered 0…<paramref name="operandCount"/>-1
    /// (<paramref name="names"/> gives the symbolic names, <c>[name] "r"(x)</c>, by number).</summary>
    public static IReadOnlyList<PtxStatement> ReadTemplate(string template, int operandCount, IReadOnlyList<string?>? names = null)
    {
        if (template.Contains("%=", StringComparison.Ordinal))
            throw new PtxException("'%=' (a number unique to each asm instance) is not read");
        var parser = Parser(template);
        var reader = new PtxReader(operandCount, names ?? [], template: true);
        return reader.Statements(parser.template().statement());
    }

    /// <summary>The module of PTX <paramref name="text"/> (a .ptx file, or the image given to <c>cuModuleLoadData</c>).</summary>
    public static PtxModule ReadModule(string text)
    {
        var parser = Parser(text);
        return new PtxReader(0, [], template: false).Module(parser.module());
    }

    private static PtxParser Parser(string text)
    {
        var lexer = new PtxLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(new Thrower<int>());
        var parser = new PtxParser(new CommonTokenStream(lexer));
        parser.RemoveErrorListeners();
        parser.AddErrorListener(new Thrower<IToken>());
        return parser;
    }

    /// <summary>Ends reading at the first syntax error, with ANTLR's message at its place.</summary>
    private sealed class Thrower<TSymbol> : IAntlrErrorListener<TSymbol>
    {
        public void SyntaxError(TextWriter output, IRecognizer recognizer, TSymbol offendingSymbol, int line, int charPositionInLine,
            string msg, RecognitionException e) =>
            throw new PtxException(offendingSymbol is IToken { Type: TokenConstants.EOF }
                ? "PTX syntax: the text ends early (a '{', '[' or '(' is not closed, or a statement is cut short)"
                : $"PTX syntax: {msg}", line, charPositionInLine + 1, syntax: true);
    }

    // ---- Module level ----------------------------------------------------------------------------------------------

    private PtxModule Module(PtxParser.ModuleContext module)
    {
        string? version = null;
        var targets = new List<string>();
        int addressSize = 64;
        var variables = new List<PtxVariable>();
        var functions = new List<PtxFunction>();
        foreach (var item in module.moduleItem())
        {
            switch (item)
            {
                case PtxParser.VersionDirectiveContext v: version = v.number().GetText(); break;
                case PtxParser.TargetDirectiveContext t: targets.AddRange(t.identifier().Select(i => i.GetText())); break;
                case PtxParser.AddressSizeDirectiveContext a:
                    addressSize = (int)Integer(a.INT().Symbol);
                    if (addressSize is not (32 or 64)) throw At(a.Start, $".address_size {addressSize}: PTX has 32 and 64");
                    break;
                case PtxParser.FunctionItemContext f: functions.Add(Function(f.function(), f.linkage())); break;
                case PtxParser.VariableItemContext v: variables.AddRange(Variables(v.variableDeclaration(), v.linkage())); break;
                // .file and debug .section directives carry nothing a kernel computes.
            }
        }
        return new PtxModule(version, targets, addressSize, variables, functions);
    }

    private PtxFunction Function(PtxParser.FunctionContext f, PtxParser.LinkageContext[] linkage)
    {
        bool entry = f.kind.Type == PtxLexer.ENTRY;
        IReadOnlyList<long>? required = null, max = null;
        foreach (var d in f.performanceDirective())
        {
            var values = d.INT().Select(n => Integer(n.Symbol)).ToList();
            if (d.REQNTID() is not null) required = values;
            if (d.MAXNTID() is not null) max = values;
        }
        return new PtxFunction(entry, Name(f.identifier()), Parameters(f.results), Parameters(f.parameters),
            f.body is { } body ? Statements(body.statement()) : null,
            linkage.Any(l => l.EXTERN() is not null), linkage.Any(l => l.VISIBLE() is not null), required, max, f.Start.Line, f.Start.Column + 1);
    }

    private IReadOnlyList<PtxParameter> Parameters(PtxParser.ParameterListContext? list) =>
        list is null ? [] : [.. list.parameter().Select(Parameter)];

    private PtxParameter Parameter(PtxParser.ParameterContext p)
    {
        var (type, vector, align, pointsInto) = Modifiers(p.declarationModifier(), p.Start);
        var dims = p.arrayDimension();
        if (dims.Length > 1) throw At(p.Start, $"the parameter '{p.identifier().GetText()}' has {dims.Length} array dimensions; PTX parameters have one");
        long? length = dims.Length == 1 ? (dims[0].INT() is { } n ? Integer(n.Symbol) : throw At(p.Start, "a parameter array needs a length")) : null;
        return new PtxParameter(p.space.Type == PtxLexer.PARAM ? "param" : "reg", type, vector, Name(p.identifier()), length, align, pointsInto);
    }

    /// <summary>The type, vector width, alignment and (for <c>.ptr</c>) pointed-to space of a declaration's modifiers.</summary>
    private static (string Type, int Vector, int Align, string? PointsInto) Modifiers(PtxParser.DeclarationModifierContext[] modifiers, IToken at)
    {
        string? type = null;
        int vector = 1, align = 0;
        string? pointsInto = null;
        bool pointer = false;
        foreach (var m in modifiers)
        {
            if (m.ALIGN() is not null) { align = (int)Integer(m.INT().Symbol); continue; }
            if (m.PTR() is not null) { pointer = true; continue; }
            string word = m.GetText()[1..];
            if (word is "v2" or "v4" or "v8") { vector = int.Parse(word[1..], CultureInfo.InvariantCulture); continue; }
            if (pointer && word is "global" or "shared" or "const" or "local") { pointsInto = word; continue; }
            if (PtxType.Parse(word) is not null || word is "b8" or "u8" or "s8" or "b128" or "bf16" or "bf16x2" or "e4m3" or "e5m2"
                or "texref" or "samplerref" or "surfref")
            {
                if (type is not null) throw At(at, $"two types, .{type} and .{word}, in one declaration");
                type = word;
                continue;
            }
            throw At(m.Start, $"the declaration modifier '.{word}' is not read");
        }
        return (type ?? throw At(at, "a declaration without a type"), vector, align, pointsInto);
    }

    private IEnumerable<PtxVariable> Variables(PtxParser.VariableDeclarationContext d, PtxParser.LinkageContext[] linkage)
    {
        var (type, vector, align, _) = Modifiers(d.declarationModifier(), d.Start);
        string space = d.space.Text[1..];
        var initializer = d.initializer() is { } init ? Flatten(init) : null;
        var declarators = d.declarator();
        if (initializer is not null && declarators.Length > 1) throw At(d.Start, "an initializer for several variables");
        foreach (var declarator in declarators)
        {
            if (declarator.INT() is not null) throw At(declarator.Start, $"'{declarator.GetText()}': parameterized names are declared only for .reg");
            var dims = declarator.arrayDimension().Select(a => a.INT() is { } n ? Integer(n.Symbol) : (long?)null).ToList();
            // `x[] = {1, 2, 3}` takes its length from the initializer.
            if (dims.Count == 1 && dims[0] is null && initializer is not null) dims[0] = initializer.Count / vector;
            yield return new PtxVariable(space, type, vector, Name(declarator.identifier()), dims, align,
                linkage.Any(l => l.EXTERN() is not null), linkage.Any(l => l.VISIBLE() is not null), initializer, d.Start.Line, d.Start.Column + 1);
        }
    }

    private List<PtxOperand> Flatten(PtxParser.InitializerContext init)
    {
        if (init.constantExpression() is { } e) return [Constant(e)];
        return [.. init.initializer().SelectMany(Flatten)];
    }

    private PtxOperand Constant(PtxParser.ConstantExpressionContext e)
    {
        if (e.number() is { } n) return Number(n, negative: e.GetChild(0).GetText() == "-");
        // generic(x) is x's generic address, which is what a variable's name gives in an initializer too.
        return new PtxNameOffset(Name(e.identifier()), e.INT() is { } k ? SignedOffset(e, k) : 0);
    }

    /// <summary>The offset <paramref name="k"/> with the sign written before it (the child before the integer).</summary>
    private static long SignedOffset(Antlr4.Runtime.Tree.IParseTree parent, Antlr4.Runtime.Tree.ITerminalNode k) =>
        (parent.GetChild(parent.ChildCount - 2).GetText() == "-" ? -1 : 1) * Integer(k.Symbol);

    // ---- Statements ------------------------------------------------------------------------------------------------

    private List<PtxStatement> Statements(IEnumerable<PtxParser.StatementContext> statements)
    {
        var list = new List<PtxStatement>();
        foreach (var s in statements)
            foreach (var read in Statement(s))
                list.Add(read with { Line = s.Start.Line, Column = s.Start.Column + 1 });
        return list;
    }

    private IEnumerable<PtxStatement> Statement(PtxParser.StatementContext s)
    {
        switch (s)
        {
            case PtxParser.BlockStatementContext b: return [new PtxBlock(Statements(b.block().statement()))];
            case PtxParser.LabelStatementContext l: return [new PtxLabel(Name(l.identifier()))];
            case PtxParser.DeclarationStatementContext d: return Declaration(d.variableDeclaration());
            case PtxParser.InstructionStatementContext i: return [Instruction(i)];
            case PtxParser.CallPrototypeStatementContext p when _template: throw At(p.Start, "a .callprototype is not read in an asm template");
            default: return []; // ';', .pragma, .loc, .callprototype (indirect calls name their prototype; the lowering reads the call)
        }
    }

    private IEnumerable<PtxStatement> Declaration(PtxParser.VariableDeclarationContext d)
    {
        if (d.space.Type != PtxLexer.REG)
        {
            if (_template) throw At(d.Start, $"the directive '{d.space.Text}' is not read (only .reg declarations are)");
            return [.. Variables(d, []).Select(v => new PtxVariableDeclaration(v))];
        }
        var (type, vector, _, _) = Modifiers(d.declarationModifier(), d.Start);
        if (vector != 1) throw At(d.Start, $".reg .v{vector} .{type}: vector registers are not read");
        if (d.initializer() is not null) throw At(d.Start, $".reg .{type}: an initialized register is not read");
        var names = new List<string>();
        foreach (var declarator in d.declarator())
        {
            string name = Name(declarator.identifier());
            if (declarator.arrayDimension().Length > 0) throw At(declarator.Start, $".reg .{type} {name}: register arrays are not read");
            if (declarator.INT() is { } count)
            {
                long n = Integer(count.Symbol);
                if (n is < 1 or > 1 << 20) throw At(declarator.Start, $".reg .{type} {name}<{n}>: expected a count");
                for (long i = 0; i < n; i++) names.Add(name + i.ToString(CultureInfo.InvariantCulture));
            }
            else names.Add(name);
        }
        return [new PtxRegisterDeclaration(type, names)];
    }

    private PtxInstruction Instruction(PtxParser.InstructionStatementContext i)
    {
        string opcode = Name(i.opcode);
        var modifiers = i.modifier().Select(d => d.GetText()[1..]).ToList();
        var operands = i.operand().Select(Operand).ToList();
        PtxOperand? guard = null;
        bool negated = false;
        if (i.guard() is { } g)
        {
            guard = new PtxRegister(Name(g.identifier()));
            negated = g.negated is not null;
        }
        return new PtxInstruction(opcode, modifiers, operands, guard, negated);
    }

    private PtxOperand Operand(PtxParser.OperandContext o) => o switch
    {
        PtxParser.NotOperandContext n => new PtxNot(Operand(n.operand())),
        PtxParser.NumberOperandContext n => Number(n.number(), negative: n.GetChild(0).GetText() == "-"),
        PtxParser.VectorOperandContext v => new PtxVector([.. v.operand().Select(Operand)]),
        PtxParser.AddressOperandContext a => a.operand() is null
            ? Address(a.address())
            : throw At(a.Start, "an address with a second part (a texture or surface coordinate) is not read"),
        PtxParser.ListOperandContext l => new PtxList([.. l.operand().Select(Operand)]),
        PtxParser.PairOperandContext p => new PtxPair(new PtxRegister(Name(p.identifier(0))), new PtxRegister(Name(p.identifier(1)))),
        PtxParser.NameOperandContext n => NameOperand(n),
        PtxParser.OperandReferenceContext r => Reference(r.OPERAND_REF().Symbol),
        _ => throw At(o.Start, $"unexpected '{o.GetText()}' where an operand belongs"),
    };

    private PtxOperand NameOperand(PtxParser.NameOperandContext n)
    {
        string name = Name(n.identifier());
        if (n.DOTNAME() is { } component) name += component.GetText();
        if (name == "_") return new PtxSink();
        if (n.INT() is { } k) return new PtxNameOffset(name, SignedOffset(n, k));
        return new PtxRegister(name);
    }

    private PtxAddress Address(PtxParser.AddressContext a)
    {
        PtxOperand @base = a.identifier() is { } id ? new PtxRegister(Name(id))
            : a.OPERAND_REF() is { } r ? Reference(r.Symbol)
            : Number(a.number(), negative: a.GetChild(0).GetText() == "-");
        long offset = 0;
        // After the base: a sequence of ('+' | '-') '-'? INT, as LLVM writes `[%rd1+-8]`.
        int start = a.identifier() is not null || a.OPERAND_REF() is not null ? 1 : a.GetChild(0).GetText() == "-" ? 2 : 1;
        int sign = 1;
        for (int k = start; k < a.ChildCount; k++)
        {
            string text = a.GetChild(k).GetText();
            if (text == "+") continue;
            if (text == "-") { sign = -sign; continue; }
            offset += sign * Integer(((Antlr4.Runtime.Tree.ITerminalNode)a.GetChild(k)).Symbol);
            sign = 1;
        }
        return new PtxAddress(@base, offset);
    }

    private PtxOperandRef Reference(IToken token)
    {
        string text = token.Text;
        if (!_template) throw At(token, $"'{text}' refers to an asm operand, and this is not an asm template");
        if (text.StartsWith("%[", StringComparison.Ordinal))
        {
            string name = text[2..^1];
            int index = Enumerable.Range(0, _names.Count).FirstOrDefault(k => _names[k] == name, -1);
            return index >= 0 ? new PtxOperandRef(index) : throw At(token, $"'%[{name}]' names no operand");
        }
        int n = int.Parse(text[1..], CultureInfo.InvariantCulture);
        return n < _operandCount ? new PtxOperandRef(n) : throw At(token, $"'%{n}' names no operand (the statement has {_operandCount})");
    }

    /// <summary>A name as PTX means it; in a template <c>%%r</c> is the register <c>%r</c> (nvcc also passes <c>%r</c>).</summary>
    private string Name(PtxParser.IdentifierContext id)
    {
        string text = id.GetText();
        return _template && text.StartsWith("%%", StringComparison.Ordinal) ? text[1..] : text;
    }

    // ---- Numbers ---------------------------------------------------------------------------------------------------

    private static PtxOperand Number(PtxParser.NumberContext n, bool negative)
    {
        var token = n.Start;
        string lower = token.Text.ToLowerInvariant();
        try
        {
            switch (token.Type)
            {
                case PtxLexer.FLOAT_BITS when lower[1] == 'f':
                {
                    float f = BitConverter.Int32BitsToSingle((int)Convert.ToUInt32(lower[2..], 16));
                    return new PtxFloat(negative ? -f : f, IsSingle: true);
                }
                case PtxLexer.FLOAT_BITS:
                {
                    double d = BitConverter.Int64BitsToDouble((long)Convert.ToUInt64(lower[2..], 16));
                    return new PtxFloat(negative ? -d : d, IsSingle: false);
                }
                case PtxLexer.DECIMAL_FLOAT:
                {
                    double d = double.Parse(lower, CultureInfo.InvariantCulture);
                    return new PtxFloat(negative ? -d : d, IsSingle: false);
                }
                default:
                {
                    long v = Integer(token);
                    return new PtxInteger(negative ? -v : v);
                }
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw At(token, $"'{token.Text}' is not a PTX number");
        }
    }

    /// <summary>An integer literal: hex <c>0x</c>, binary <c>0b</c>, octal (a leading 0) or decimal, with an optional <c>U</c>;
    /// values past 2^63 keep their 64 bits.</summary>
    private static long Integer(IToken token)
    {
        string digits = token.Text.ToLowerInvariant().TrimEnd('u');
        try
        {
            if (digits.StartsWith("0x", StringComparison.Ordinal)) return (long)Convert.ToUInt64(digits[2..], 16);
            if (digits.StartsWith("0b", StringComparison.Ordinal)) return (long)Convert.ToUInt64(digits[2..], 2);
            if (digits.Length > 1 && digits[0] == '0') return (long)Convert.ToUInt64(digits[1..], 8);
            return (long)ulong.Parse(digits, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw At(token, $"'{token.Text}' is not a PTX integer");
        }
    }

    private static PtxException At(IToken token, string message) => new(message, token.Line, token.Column + 1);
}
