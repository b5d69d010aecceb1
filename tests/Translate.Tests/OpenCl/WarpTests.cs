using Translate.Runtime.OpenCl;

namespace Translate.Tests.OpenCl;

/// <summary>Warp shuffles and votes on OpenCL, against CUDA's documented meaning computed in C#.</summary>
public sealed class WarpTests : OpenClTestBase
{
    // (mode, lane operand, width) for each row of the output.
    private static readonly (string Mode, int B, int Width)[] Cases =
    [
        ("down", 1, 32), ("down", 3, 16), ("up", 2, 32), ("up", 5, 16),
        ("xor", 1, 32), ("xor", 20, 16), ("idx", 7, 32), ("idx", 35, 16), ("down", 8, 8),
    ];

    private static string Program()
    {
        var rows = string.Join("\n", Cases.Select((c, k) =>
            $"    (store (ptradd out (add (mul {k} [bdim.x]) [tid.x])) (shfl {c.Mode} (int -1) v {c.B} {c.Width}))"));
        return $$"""
            (c-lisp
              (define-kernel ((shuffles void) (input (ptr int)) (out (ptr int)) (votes (ptr int)))
                (declare v int)
                (set v (load (ptradd input [tid.x])))
            {{rows}}
                (declare odd bool)
                (set odd (ne (and v 1) 0))
                (store (ptradd votes (mul [tid.x] 4)) (vote ballot (int -1) odd))
                (store (ptradd votes (add (mul [tid.x] 4) 1)) (zext (vote any (int 0xffff) odd) int))
                (store (ptradd votes (add (mul [tid.x] 4) 2)) (zext (vote all (int -1) (ge v 0)) int))
                (store (ptradd votes (add (mul [tid.x] 4) 3)) (zext (vote uni (int -1) odd) int))))
            """;
    }

    /// <summary>CUDA's rules: up/down stay inside the width-sized segment (else the own value); idx wraps
    /// modulo the width inside it; xor may read a lower segment but not a higher one.</summary>
    private static int Source(string mode, int lane, int b, int width)
    {
        int segment = lane / width * width, inSeg = lane % width;
        return mode switch
        {
            "down" => inSeg + b < width ? lane + b : lane,
            "up" => inSeg - b >= 0 ? lane - b : lane,
            "idx" => segment + b % width,
            _ => (lane ^ b) < segment + width ? lane ^ b : lane,
        };
    }

    [RequiresFact(Need.OpenCl)]
    public void Shuffles_follow_CUDA_width_and_clamping_rules()
    {
        using var m = Load(Program());
        const int block = 64;
        var input = Enumerable.Range(0, block).Select(i => i * 10 + 1).ToArray();
        using var din = Session.Allocate(block * 4);
        using var dout = Session.Allocate(Cases.Length * block * 4);
        using var dvotes = Session.Allocate(block * 16);
        din.Write<int>(input);
        m.Launch("shuffles", new Dim3(1), new Dim3(block), 0, KernelArgument.Pointer(din), KernelArgument.Pointer(dout), KernelArgument.Pointer(dvotes));
        var got = new int[Cases.Length * block];
        dout.Read<int>(got);
        for (int k = 0; k < Cases.Length; k++)
            for (int t = 0; t < block; t++)
            {
                var (mode, b, w) = Cases[k];
                int warp = t / 32 * 32;
                Assert.True(input[warp + Source(mode, t % 32, b, w)] == got[k * block + t],
                    $"shfl {mode} {b} width {w}, thread {t}: expected {input[warp + Source(mode, t % 32, b, w)]}, got {got[k * block + t]}");
            }
        var votes = new int[block * 4];
        dvotes.Read<int>(votes);
        // v = 10i + 1 is odd for every i: ballot is all lanes, any/all/uni hold.
        for (int t = 0; t < block; t++)
            Assert.Equal(new[] { -1, 1, 1, 1 }, votes.Skip(t * 4).Take(4).ToArray());
    }

    [RequiresFact(Need.OpenCl)]
    public void Warp_reductions_with_widths_16_and_32()
    {
        const string text = """
            (c-lisp
              (define ((reduce float) (v float) (width int))
                (declare offset int)
                (for ((set offset (udiv width 2)) (gt offset 0) (set offset (udiv offset 2)))
                  (set v (fadd v (shfl xor (int -1) v offset width))))
                (ret v))
              (define-kernel ((sums void) (x (ptr float)) (out16 (ptr float)) (out32 (ptr float)))
                (declare v float)
                (set v (load (ptradd x [tid.x])))
                (store (ptradd out16 [tid.x]) (call reduce v 16))
                (store (ptradd out32 [tid.x]) (call reduce v 32))))
            """;
        using var m = Load(text);
        const int block = 96;
        var x = Enumerable.Range(0, block).Select(i => (float)i).ToArray();
        using var dx = Session.Allocate(block * 4);
        using var d16 = Session.Allocate(block * 4);
        using var d32 = Session.Allocate(block * 4);
        dx.Write<float>(x);
        m.Launch("sums", new Dim3(1), new Dim3(block), 0, KernelArgument.Pointer(dx), KernelArgument.Pointer(d16), KernelArgument.Pointer(d32));
        var s16 = new float[block];
        var s32 = new float[block];
        d16.Read<float>(s16);
        d32.Read<float>(s32);
        for (int t = 0; t < block; t++)
        {
            Assert.Equal(x.Skip(t / 16 * 16).Take(16).Sum(), s16[t]);
            Assert.Equal(x.Skip(t / 32 * 32).Take(32).Sum(), s32[t]);
        }
    }
}
