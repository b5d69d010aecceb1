using System.Text;
using Translate.Fuzz.Generation;

namespace Translate.Fuzz.Mutation;

/// <summary>
/// Random edits of a valid input, at the byte level so that invalid UTF-8 appears too: deletions,
/// duplications, tokens of the language inserted or substituted, lines swapped, truncation, stray
/// bytes, and now and then a huge run of one token (deep nesting, long literals).
/// </summary>
internal sealed class Mutator(Rng rng, IReadOnlyList<string> tokens)
{
    public byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        int edits = rng.Between(1, 4);
        for (int e = 0; e < edits; e++) Edit(bytes);
        return bytes.ToArray();
    }

    private void Edit(List<byte> b)
    {
        int at = b.Count == 0 ? 0 : rng.Next(b.Count + 1);
        int len = Math.Min(rng.Between(1, 16), b.Count - Math.Min(at, b.Count));
        switch (rng.Next(9))
        {
            case 0: if (at < b.Count) b.RemoveRange(at, len); break;
            case 1: if (at < b.Count) b.InsertRange(at, b.GetRange(at, len)); break;
            case 2: b.InsertRange(at, Encoding.UTF8.GetBytes(" " + rng.Choose(tokens) + " ")); break;
            case 3: if (at < b.Count) { b.RemoveRange(at, len); b.InsertRange(at, Encoding.UTF8.GetBytes(rng.Choose(tokens))); } break;
            case 4: if (at < b.Count) b.RemoveRange(at, b.Count - at); break;
            case 5: for (int i = rng.Between(1, 4); i > 0; i--) b.Insert(Math.Min(at, b.Count), (byte)rng.Next(256)); break;
            case 6: b.InsertRange(at, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(rng.Choose(tokens), rng.Pick(100, 1000, 20000))))); break;
            case 7: SwapLines(b); break;
            default: if (at < b.Count) b[at] = (byte)rng.Pick('(', ')', '[', ']', '"', '\\', '0', '-', '.', '#', '{', '}', ';', '<', '\n'); break;
        }
    }

    private void SwapLines(List<byte> b)
    {
        var lines = Encoding.UTF8.GetString(b.ToArray()).Split('\n');
        if (lines.Length < 2) return;
        int x = rng.Next(lines.Length), y = rng.Next(lines.Length);
        (lines[x], lines[y]) = (lines[y], lines[x]);
        b.Clear();
        b.AddRange(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }

    public static readonly string[] IrTokens =
    [
        "(", ")", "[", "]", "define", "define-kernel", "declare", "set", "if", "for", "while", "do-while", "switch",
        "case", "break", "continue", "ret", "add", "fadd", "div", "load", "store", "ptradd", "aptradd", "alloc",
        "call", "select", "land", "make", "int", "int8", "int64", "float", "double", "half", "bool", "void",
        "(ptr int)", "(arr 0 int)", "(arr 4294967296 int)", "(struct)", "[tid.x]", "[__syncthreads]",
        "(atomic-rmw add p 1 device relaxed)", "(shfl idx -1 v 0 32)", "(vote ballot -1 #t)", "(launch k (grid 0 1 1) (block 1 1 1) (shared 0) (stream (null (ptr int8))))",
        "0", "-1", "0x", "99999999999999999999999", "1e999", "+nan.0", "#t", "\"", "\\x", "(string \"%d\")", "é", "\u0000",
    ];

    public static readonly string[] CudaTokens =
    [
        "(", ")", "{", "}", "[", "]", ";", ",", "<<<", ">>>", "__global__", "__device__", "__shared__", "__syncthreads();",
        "template<typename T>", "struct S { int a; };", "int", "float", "double", "unsigned", "long long", "auto",
        "return;", "return 0;", "break;", "goto x;", "x:", "if (", "for (;;)", "while (0)", "threadIdx.x", "blockIdx.x",
        "atomicAdd(", "__shfl_sync(", "sizeof(", "new int[3]", "delete", "#include <x.h>", "#define X(", "#if", "#endif",
        "\"", "'", "\\", "0x", "1e999", "&", "*", "->", "::", "...", "asm(\"\")", "extern \"C\"", "static_assert(0);",
    ];
}
