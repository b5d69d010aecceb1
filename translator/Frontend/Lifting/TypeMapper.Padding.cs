using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Structs the IR would lay out at another size, or with members at other offsets, than clang does
/// (<c>__align__(16)</c> on a 12-byte struct, <c>alignas</c> on a member, such a struct inside another):
/// objects cross between host and device, so arrays of them must step by clang's size and each member
/// sit at clang's offset. The IR struct gets explicit padding members (<c>__pad_OFFSET</c>, integers no
/// wider than clang's alignment of the struct) where clang leaves a gap its members do not imply.
/// A larger alignment alone, with the same size and offsets, changes nothing the program can see.
/// </summary>
internal sealed partial class TypeMapper
{
    /// <summary>For a padded struct, the IR field index of each C++ member, in declaration order.</summary>
    private readonly Dictionary<string, int[]> _memberFields = [];

    private const string PaddingPrefix = "__pad_";

    /// <summary>Whether an IR field is padding the lifter added (no C++ member stands for it).</summary>
    public static bool IsPadding(StructField f) => f.Name.StartsWith(PaddingPrefix, StringComparison.Ordinal);

    /// <summary>How many C++ members a struct has: its IR fields without the padding.</summary>
    public int MemberCount(StructType s) => FindStruct(s)!.Fields.Count(f => !IsPadding(f));

    /// <summary>
    /// A struct's members' values in IR field order: <paramref name="members"/> (one per C++ member, in
    /// declaration order) with a zero of the padding's type where the IR struct has padding.
    /// </summary>
    public List<T> WithPadding<T>(StructType s, IReadOnlyList<T> members, Func<IrType, T> zero)
    {
        if (!_memberFields.ContainsKey(s.Name)) return [.. members];
        var result = new List<T>();
        int next = 0;
        foreach (var f in FindStruct(s)!.Fields)
            result.Add(IsPadding(f) ? zero(f.Type) : members[next++]);
        return result;
    }

    private StructDef PaddedAsClang(ClangType t, StructDef def, SourceLocation at)
    {
        var own = Records.Fields(t);
        // Empty classes are 1 byte in C++ and 0 in the IR, a known difference of their own (not padding).
        if (own.Count == 0 || own.Count != def.Fields.Count || own.Any(f => f.Type.Canonical.Kind == TypeKind.Record && IsEmptyClass(f.Type.Canonical)))
            return def;
        var natural = Enumerable.Range(0, own.Count).ToArray();
        if (LaysOutAsClang(t, def, natural, alignmentToo: false)) return def;

        var layout = new TypeLayout(_structDefs);
        long widest = Math.Min(8, t.AlignOf);
        var fields = new List<StructField>();
        var index = new int[own.Count];
        long offset = 0;
        for (int i = 0; i < own.Count; i++)
        {
            var member = def.Fields[i];
            long wanted = own[i].FieldOffsetBits / 8;
            long aligned = RoundUp(offset, layout.AlignOf(member.Type));
            if (own[i].FieldOffsetBits % 8 != 0 || wanted < aligned) return Refuse(t, at);
            Pad(fields, offset, wanted, widest, member.Location);
            index[i] = fields.Count;
            fields.Add(member);
            offset = wanted + layout.SizeOf(member.Type);
        }
        Pad(fields, offset, t.SizeOf, widest, def.Location);
        var padded = new StructDef(def.Location, def.Name, fields);
        if (!LaysOutAsClang(t, padded, index, alignmentToo: false)) return Refuse(t, at);
        _memberFields[def.Name] = index;
        return padded;
    }

    private static StructDef Refuse(ClangType t, SourceLocation at) =>
        throw new LiftException(Codes.UnsupportedType, at,
            $"'{t.Spelling}' is laid out by clang in a way explicit padding cannot reproduce ({t.SizeOf} bytes, aligned to {t.AlignOf}); it is not translated");

    /// <summary>Fills [from, to) with the widest integers that fit, each at an offset that is a multiple of its size.</summary>
    private static void Pad(List<StructField> fields, long from, long to, long widest, SourceLocation at)
    {
        while (from < to)
        {
            long size = widest;
            while (size > 1 && (from % size != 0 || from + size > to)) size /= 2;
            var type = size switch { 8 => IrType.Int64, 4 => IrType.Int32, 2 => (IrType)IrType.Int16, _ => IrType.Int8 };
            fields.Add(new StructField($"{PaddingPrefix}{from}", type, at));
            from += size;
        }
    }

    private static long RoundUp(long x, long a) => (x + a - 1) / a * a;

    /// <summary>
    /// Whether the IR lays <paramref name="def"/> out as clang lays <paramref name="t"/> out: the same size
    /// (and alignment, when asked) and each of <paramref name="t"/>'s own members at the same offset,
    /// member i being IR field <paramref name="fieldOf"/>[i].
    /// </summary>
    private bool LaysOutAsClang(ClangType t, StructDef def, IReadOnlyList<int> fieldOf, bool alignmentToo)
    {
        var layout = new TypeLayout([.. _structDefs, def]);
        var type = new StructType(def.Name);
        bool same = layout.SizeOf(type) == t.SizeOf && (!alignmentToo || layout.AlignOf(type) == t.AlignOf);
        var own = Records.Fields(t);
        for (int i = 0; same && i < own.Count; i++)
            same = own[i].FieldOffsetBits == layout.OffsetOf(type, fieldOf[i]) * 8;
        return same;
    }
}
