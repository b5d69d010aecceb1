using Translate.Ir.Diagnostics;

namespace Translate.Interpreter.Memory;

/// <summary>
/// Finds data races on shared memory, the hazards NVIDIA's racecheck reports: threads of different warps touch a
/// byte in one barrier interval of their block and at least one of them writes it. The interpreter runs a block's
/// threads one after another between barriers, so a racy program gives one of its possible results here and
/// another on a device that interleaves them — this turns that into TR0318 instead.
/// <list type="bullet">
/// <item>A store that leaves a byte as it was is no hazard (every order gives the same memory): the idiom
/// <c>if (found) flag = 1;</c> run by many threads is allowed.</item>
/// <item>Threads of one warp are not compared: warp-synchronous code is ordered by the warp (and by the
/// <c>__syncwarp</c> the translator inserts), not by block barriers.</item>
/// <item>Atomics are neither checked nor recorded.</item>
/// </list>
/// </summary>
internal sealed class SharedMemoryRaces
{
    // The running thread (linear index in its block), its block's barrier interval (from 1) and its block's shape.
    private int _thread, _interval;
    private int[] _blockDim = [1, 1, 1];

    /// <summary>Per byte of a shared allocation: who last wrote it and read it, in which interval.</summary>
    internal struct Cell
    {
        public int WriteInterval, Writer, ReadInterval;
        /// <summary>A reader, or <see cref="SeveralWarps"/> when readers of more than one warp read it.</summary>
        public int Reader;
    }

    private const int SeveralWarps = -1;

    /// <summary>Sets whose accesses follow: called when a device thread starts or resumes running.</summary>
    public void Enter(int thread, int interval, int[] blockDim) => (_thread, _interval, _blockDim) = (thread, interval, blockDim);

    public void Read(Allocation a, int offset, int size)
    {
        var cells = Cells(a);
        for (int k = offset; k < offset + size; k++)
        {
            ref var c = ref cells[k];
            if (c.WriteInterval == _interval && OtherWarp(c.Writer))
                throw Race(a, k, $"thread {Describe(_thread)} reads it after thread {Describe(c.Writer)} wrote it");
            if (c.ReadInterval != _interval) (c.ReadInterval, c.Reader) = (_interval, _thread);
            else if (c.Reader != SeveralWarps && OtherWarp(c.Reader)) c.Reader = SeveralWarps;
        }
    }

    /// <summary>A store of <paramref name="size"/> bytes of <paramref name="value"/> (little-endian), before it is made.</summary>
    public void Write(Allocation a, int offset, int size, long value)
    {
        for (int k = 0; k < size; k++) WriteByte(a, offset + k, (byte)(value >> (8 * k)));
    }

    /// <summary>A copy of bytes into shared memory, before it is made.</summary>
    public void Write(Allocation a, int offset, ReadOnlySpan<byte> bytes)
    {
        for (int k = 0; k < bytes.Length; k++) WriteByte(a, offset + k, bytes[k]);
    }

    private void WriteByte(Allocation a, int at, byte value)
    {
        if (a.Data[at] == value) return;
        ref var c = ref Cells(a)[at];
        if (c.ReadInterval == _interval && (c.Reader == SeveralWarps || OtherWarp(c.Reader)))
            throw Race(a, at, c.Reader == SeveralWarps
                ? $"thread {Describe(_thread)} writes it after threads of other warps read it"
                : $"thread {Describe(_thread)} writes it after thread {Describe(c.Reader)} read it");
        if (c.WriteInterval == _interval && OtherWarp(c.Writer))
            throw Race(a, at, $"thread {Describe(_thread)} writes another value over thread {Describe(c.Writer)}'s");
        (c.WriteInterval, c.Writer) = (_interval, _thread);
    }

    private static Cell[] Cells(Allocation a) => a.RaceCells ??= new Cell[a.Data.Length];

    private bool OtherWarp(int thread) => thread >> 5 != _thread >> 5;

    private string Describe(int linear)
    {
        int x = _blockDim[0], y = _blockDim[1];
        return $"({linear % x},{linear / x % y},{linear / (x * y)})";
    }

    private static RuntimeError Race(Allocation a, int at, string what) => new(Codes.SharedMemoryRace,
        $"data race on byte {at} of {a.What}: {what} with no __syncthreads() between, so the result depends on the order " +
        "threads run in (put a barrier between the accesses)");
}
