using System.Globalization;
using System.Text.RegularExpressions;
using Translate.Cli.Options;

namespace Translate.Cli.Kernels;

/// <summary>The element types a buffer argument may hold, by the names <c>run-kernel</c> reads (PTX's and C's).</summary>
internal enum ElementKind { I8, U8, I16, U16, I32, U32, I64, U64, F32, F64 }

/// <summary>One kernel argument as given on the command line: a scalar, or a buffer of elements and how to fill it.</summary>
internal abstract record KernelArgumentSpec(string Text)
{
    /// <summary>A number, read as the kernel parameter's own type.</summary>
    public sealed record Scalar(string Text) : KernelArgumentSpec(Text);

    /// <summary><c>TYPE[COUNT]</c>, filled as <see cref="Fill"/> says; its address is the argument.</summary>
    public sealed record Buffer(string Text, ElementKind Element, long Count, BufferFill Fill) : KernelArgumentSpec(Text);

    private static readonly Regex BufferSyntax = new(@"^(?<type>[a-z0-9]+)\[(?<count>\d*)\](=(?<fill>.+))?$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, ElementKind> Names = new()
    {
        ["i8"] = ElementKind.I8, ["s8"] = ElementKind.I8, ["char"] = ElementKind.I8, ["u8"] = ElementKind.U8, ["uchar"] = ElementKind.U8,
        ["i16"] = ElementKind.I16, ["s16"] = ElementKind.I16, ["short"] = ElementKind.I16, ["u16"] = ElementKind.U16, ["ushort"] = ElementKind.U16,
        ["i32"] = ElementKind.I32, ["s32"] = ElementKind.I32, ["int"] = ElementKind.I32, ["u32"] = ElementKind.U32, ["uint"] = ElementKind.U32,
        ["i64"] = ElementKind.I64, ["s64"] = ElementKind.I64, ["long"] = ElementKind.I64, ["u64"] = ElementKind.U64, ["ulong"] = ElementKind.U64,
        ["f32"] = ElementKind.F32, ["float"] = ElementKind.F32, ["f64"] = ElementKind.F64, ["double"] = ElementKind.F64,
    };

    public static int Bytes(ElementKind e) => e switch
    {
        ElementKind.I8 or ElementKind.U8 => 1, ElementKind.I16 or ElementKind.U16 => 2,
        ElementKind.I32 or ElementKind.U32 or ElementKind.F32 => 4, _ => 8,
    };

    /// <summary>The spec <paramref name="text"/> means, or a usage error saying what is accepted.</summary>
    public static KernelArgumentSpec Parse(string text)
    {
        var m = BufferSyntax.Match(text);
        if (!m.Success)
        {
            if (text.Contains('[')) throw new UsageException($"'{text}' is not a buffer argument: TYPE[COUNT] or TYPE[COUNT]=FILL (e.g. f32[1024]=iota)");
            return new Scalar(text);
        }
        if (!Names.TryGetValue(m.Groups["type"].Value, out var element))
            throw new UsageException($"'{m.Groups["type"].Value}' in '{text}' is not an element type: {string.Join(", ", Names.Keys)}");
        var fill = m.Groups["fill"].Success ? BufferFill.Parse(m.Groups["fill"].Value, text) : new BufferFill.Zero();
        long count;
        if (m.Groups["count"].Value.Length == 0)
        {
            // TYPE[]=@FILE: as many elements as the file holds.
            if (fill is not BufferFill.FromFile file) throw new UsageException($"'{text}': a buffer without a count must be filled from a file (TYPE[]=@FILE)");
            long bytes = File.Exists(file.Path) ? new FileInfo(file.Path).Length : throw new UsageException($"'{text}': cannot read '{file.Path}'");
            if (bytes % Bytes(element) != 0) throw new UsageException($"'{text}': '{file.Path}' holds {bytes} bytes, not whole {m.Groups["type"].Value} elements");
            count = bytes / Bytes(element);
        }
        else if (!long.TryParse(m.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count <= 0)
            throw new UsageException($"'{text}': the count must be a positive number");
        return new Buffer(text, element, count, fill);
    }
}

/// <summary>How a buffer starts: zeros, one value, 0 1 2 …, seeded pseudo-random values, or a file's bytes.</summary>
internal abstract record BufferFill
{
    public sealed record Zero : BufferFill;
    public sealed record Constant(string Value) : BufferFill;
    public sealed record Iota : BufferFill;
    public sealed record Random(int Seed) : BufferFill;
    public sealed record FromFile(string Path) : BufferFill;

    public static BufferFill Parse(string fill, string spec)
    {
        if (fill == "iota") return new Iota();
        if (fill == "random") return new Random(1);
        if (fill.StartsWith("random:", StringComparison.Ordinal))
            return int.TryParse(fill["random:".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                ? new Random(seed) : throw new UsageException($"'{spec}': the seed of random:SEED must be an integer");
        if (fill.StartsWith('@')) return new FromFile(fill[1..]);
        return new Constant(fill);
    }
}
