using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// A function's <c>.local</c> frame read as separate variables, when that is exact. PTX compiled without optimization
/// (llc -O0, nvcc -G; llama.lisp's kernel runner uses llc -O0) keeps every C variable in the frame —
/// <c>mov.u64 %SPL, __local_depot0; cvta.local.u64 %SP, %SPL; st.u32 [%SP+16], %r1; … ld.u32 %r4, [%SP+16]</c> — so the
/// lifted kernel would read its loop counters and conditions back from a per-thread array, which hides from every later
/// analysis that they are the same in all threads (OpenCL then refuses a warp shuffle in a loop whose counter is
/// uniform) and costs a memory access each on cpu. The frame is split into one variable per slot when its address never
/// escapes: the registers holding it are each set once, without a guard, by <c>mov</c> of a <c>.local</c> variable's
/// name, <c>cvta.local</c>, <c>mov</c> or <c>add</c> of a constant from another such register, and are read only as the
/// base of <c>ld</c>/<c>st</c> addresses (generic or <c>.local</c>); and the slots those accesses touch never overlap
/// without coinciding. Otherwise the frame stays one array (<see cref="PtxWindow"/>).
/// </summary>
internal sealed class PtxFrameSlots
{
    /// <summary>A slot's variable and type (the one type every access gives it, else the integer of its size).</summary>
    internal sealed record Slot(string Variable, IrType Type);

    private readonly Dictionary<string, long> _bases;
    private readonly Dictionary<long, Slot> _slots;
    private readonly HashSet<PtxInstruction> _definitions;

    private PtxFrameSlots(Dictionary<string, long> bases, Dictionary<long, Slot> slots, HashSet<PtxInstruction> definitions)
    {
        _bases = bases;
        _slots = slots;
        _definitions = definitions;
    }

    /// <summary>The slots as (variable, type), in frame order, for their declarations.</summary>
    public IEnumerable<Slot> Variables => _slots.OrderBy(s => s.Key).Select(s => s.Value);

    /// <summary>Whether <paramref name="i"/> only computes a frame address (it has no IR of its own once the frame is split).</summary>
    public bool Defines(PtxInstruction i) => _definitions.Contains(i);

    /// <summary>The slot element <paramref name="k"/> of an access of <paramref name="bytes"/> bytes at <paramref name="address"/>
    /// touches, or null when the address is not in the frame.</summary>
    public Slot? At(PtxOperand address, int k, int bytes) =>
        address is PtxAddress { Base: PtxRegister r } a && _bases.TryGetValue(r.Name, out long b)
            ? _slots.GetValueOrDefault(b + a.Offset + (long)k * bytes) : null;

    /// <summary>The split frame of <paramref name="body"/>, or null when its address escapes or its slots overlap.
    /// <paramref name="locals"/> gives the frame offset of each <c>.local</c> variable name; <paramref name="size"/> the frame's size.</summary>
    public static PtxFrameSlots? Analyze(IReadOnlyList<PtxStatement> body, IReadOnlyDictionary<string, long> locals, long size,
        Func<string, string> newVariable)
    {
        var instructions = new List<PtxInstruction>();
        Flatten(body, instructions);
        var bases = new Dictionary<string, long>(locals);
        var definitions = new Dictionary<string, PtxInstruction>();
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var i in instructions)
                if (Definition(i, bases) is { } d && !definitions.ContainsKey(d.Register))
                {
                    if (locals.ContainsKey(d.Register)) return null;
                    definitions[d.Register] = i;
                    bases[d.Register] = d.Offset;
                    grew = true;
                }
        }
        var accesses = new Dictionary<long, (int Bytes, HashSet<IrType> Types)>();
        foreach (var i in instructions)
        {
            if (definitions.TryGetValue(Destination(i) ?? "", out var d) && ReferenceEquals(d, i))
            {
                if (i.Guard is not null) return null;
                continue;
            }
            int address = i.Opcode switch { "ld" => 1, "st" => 0, _ => -1 };
            string? space = i.Modifiers.FirstOrDefault(m => m is "global" or "shared" or "shared::cta" or "local" or "const" or "param");
            bool frameAccess = address >= 0 && space is null or "local" && i.Operands.Count == 2
                && i.Operands[address] is PtxAddress { Base: PtxRegister r } && bases.ContainsKey(r.Name);
            for (int k = 0; k < i.Operands.Count; k++)
                if (Mentions(i.Operands[k], bases, asAddress: frameAccess && k == address)) return null;
            if (i.Guard is { } g && Mentions(g, bases, false)) return null;
            if (!frameAccess) continue;
            var a = (PtxAddress)i.Operands[address];
            if (i.Modifiers.LastOrDefault() is not { } suffix || PtxType.Parse(suffix) is not { IsPredicate: false, Pair: false } t) return null;
            int lanes = i.Modifiers.Contains("v4") ? 4 : i.Modifiers.Contains("v2") ? 2 : 1;
            int bytes = t.Bits / 8;
            var type = t is { IsFloat: true, Bits: 32 or 64 } ? t.Ir : PtxType.Integer(t.Bits);
            for (int k = 0; k < lanes; k++)
            {
                long offset = bases[((PtxRegister)a.Base).Name] + a.Offset + (long)k * bytes;
                if (offset < 0 || offset + bytes > size) return null;
                if (!accesses.TryGetValue(offset, out var slot)) accesses[offset] = slot = (bytes, []);
                else if (slot.Bytes != bytes) return null;
                slot.Types.Add(type);
            }
        }
        long end = 0;
        var slots = new Dictionary<long, Slot>();
        foreach (var (offset, (bytes, types)) in accesses.OrderBy(a => a.Key))
        {
            if (offset < end) return null;
            end = offset + bytes;
            slots[offset] = new Slot(newVariable($"frame{offset}"), types.Count == 1 ? types.First() : PtxType.Integer(bytes * 8));
        }
        return new PtxFrameSlots(bases, slots, new HashSet<PtxInstruction>(definitions.Values, ReferenceEqualityComparer.Instance));
    }

    /// <summary>The register <paramref name="i"/> sets to a frame address, with that address's frame offset.</summary>
    private static (string Register, long Offset)? Definition(PtxInstruction i, Dictionary<string, long> bases)
    {
        if (i.Operands is not [PtxRegister d, var source, ..]) return null;
        bool wide = i.Modifiers.LastOrDefault() is "u64" or "b64" or "s64";
        return (i.Opcode, i.Modifiers.Count, i.Operands.Count, source) switch
        {
            ("mov", 1, 2, PtxRegister s) when wide && bases.TryGetValue(s.Name, out long o) => (d.Name, o),
            ("mov", 1, 2, PtxNameOffset n) when wide && bases.TryGetValue(n.Name, out long o) => (d.Name, o + n.Offset),
            ("cvta", 2, 2, PtxRegister s) when wide && i.Modifiers[0] == "local" && bases.TryGetValue(s.Name, out long o) => (d.Name, o),
            ("add", 1, 3, PtxRegister s) when wide && bases.TryGetValue(s.Name, out long o) && i.Operands[2] is PtxInteger n => (d.Name, o + n.Value),
            _ => null,
        };
    }

    private static string? Destination(PtxInstruction i) => i.Operands is [PtxRegister d, ..] ? d.Name : null;

    /// <summary>Whether <paramref name="o"/> names a frame register or variable other than as the base of the access's address.</summary>
    private static bool Mentions(PtxOperand o, Dictionary<string, long> bases, bool asAddress) => o switch
    {
        PtxRegister r => bases.ContainsKey(r.Name),
        PtxNameOffset n => bases.ContainsKey(n.Name),
        PtxAddress a => !asAddress && Mentions(a.Base, bases, false),
        PtxVector v => v.Elements.Any(e => Mentions(e, bases, false)),
        PtxList l => l.Elements.Any(e => Mentions(e, bases, false)),
        PtxNot n => Mentions(n.Operand, bases, false),
        PtxPair p => Mentions(p.First, bases, false) || Mentions(p.Second, bases, false),
        _ => false,
    };

    private static void Flatten(IReadOnlyList<PtxStatement> statements, List<PtxInstruction> into)
    {
        foreach (var s in statements)
            if (s is PtxInstruction i) into.Add(i);
            else if (s is PtxBlock b) Flatten(b.Statements, into);
    }
}
