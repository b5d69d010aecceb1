using System.Text;
using Translate.Backends.SpirV.Grammar;

namespace Translate.Backends.SpirV;

/// <summary>
/// A readable text form of a SPIR-V binary, one instruction a line (<c>%5 = OpTypeInt 32 0</c>), driven
/// by the generated grammar tables: ids as <c>%N</c>, enumerants by name, strings quoted. It is for
/// reading, like <c>spirv-dis</c>'s output, not an assembler input.
/// </summary>
public static class SpirVText
{
    public static string Format(byte[] binary)
    {
        if (binary.Length % 4 != 0 || binary.Length < 20) throw new ArgumentException("not a SPIR-V module: its length is not a whole number of words, or it has no header");
        var w = new uint[binary.Length / 4];
        for (int i = 0; i < w.Length; i++) w[i] = BitConverter.ToUInt32(binary, i * 4);
        if (w[0] != SpirVGrammarInfo.MagicNumber) throw new ArgumentException("not a SPIR-V module: wrong magic number");
        var sb = new StringBuilder();
        sb.Append($"; SPIR-V {w[1] >> 16 & 0xff}.{w[1] >> 8 & 0xff}\n; Bound: {w[3]}\n");
        for (int at = 5; at < w.Length;)
        {
            int count = (int)(w[at] >> 16);
            var op = (Op)(w[at] & 0xffff);
            if (count == 0 || at + count > w.Length) throw new ArgumentException($"malformed instruction at word {at}");
            sb.Append(Instruction(op, w.AsSpan(at + 1, count - 1))).Append('\n');
            at += count;
        }
        return sb.ToString();
    }

    private static string Instruction(Op op, ReadOnlySpan<uint> operands)
    {
        if (!SpirVInstructions.ByOpcode.TryGetValue(op, out var info)) return $"Op{(int)op} " + string.Join(" ", operands.ToArray());
        string? result = null;
        var parts = new List<string>();
        int i = 0;
        foreach (var o in info.Operands)
        {
            do
            {
                if (i >= operands.Length) break;
                switch (o.Kind)
                {
                    case OperandKind.IdResult: result = $"%{operands[i++]}"; break;
                    case OperandKind.IdResultType or OperandKind.IdRef or OperandKind.IdScope or OperandKind.IdMemorySemantics:
                        parts.Add($"%{operands[i++]}"); break;
                    case OperandKind.LiteralString:
                    {
                        var bytes = new List<byte>();
                        while (i < operands.Length)
                        {
                            uint word = operands[i++];
                            bool end = false;
                            for (int b = 0; b < 4; b++) { byte c = (byte)(word >> (8 * b)); if (c == 0) { end = true; break; } bytes.Add(c); }
                            if (end) break;
                        }
                        parts.Add("\"" + Encoding.UTF8.GetString(bytes.ToArray()).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"");
                        break;
                    }
                    default:
                        parts.Add(SpirVInstructions.EnumName(o.Kind, operands[i]) ?? operands[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                        // The one enumerant parameter worth naming here: BuiltIn decorations say which built-in.
                        if (o.Kind == OperandKind.Decoration && operands[i] == (uint)Decoration.BuiltIn && i + 1 < operands.Length)
                            parts.Add(SpirVInstructions.EnumName(OperandKind.BuiltIn, operands[++i]) ?? operands[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                        i++;
                        break;
                }
            } while (o.Quantifier == Quantifier.Many && i < operands.Length);
        }
        // Words the grammar's list does not name (enumerant parameters, wide literals) are printed as numbers.
        for (; i < operands.Length; i++) parts.Add(operands[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        string text = info.Name + (parts.Count > 0 ? " " + string.Join(" ", parts) : "");
        return result is null ? "      " + text : $"{result,5} = {text}";
    }
}
