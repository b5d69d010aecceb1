using System.Runtime.InteropServices;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// Differential mode (<c>TRANSLATE_VERIFY=DEVICE</c>): every launch runs on the chosen device and again, from the
/// same memory, on a second one, and everything the kernel could have written — every device block its arguments
/// reach, directly or through pointers stored in reached blocks, and every device variable — is compared. The first
/// difference stops the kernel with TR0612 naming the kernel, the launch, the block, the offset and both values; the
/// program then continues (or stops) as after any failed launch. Floats match within a tolerance against their
/// array's largest magnitude (<see cref="VerifyTolerance"/>), since the order of float atomics and library functions'
/// last bits may differ between correct devices; everything else must match exactly. Memory is left as the chosen
/// device wrote it. A kernel that reads the device clock cannot be compared: it runs on the chosen device alone,
/// and <paramref name="note"/> says so once. A kernel with an atomic exchange or compare-and-swap may end with
/// what the last thread to get there wrote (NVIDIA systemWideAtomics: <c>atomicExch(&amp;a[1], tid)</c>), which
/// differs between correct devices with the order threads run in: its differences are warnings (once per kernel),
/// not errors.
/// </summary>
public sealed unsafe class VerifyingKernelHost(CheckedModule program, IKernelHost chosen, string chosenName, IKernelHost second, string secondName,
    Func<IReadOnlyList<(nint Start, long Size)>> deviceBlocks, VerifyTolerance tolerance, Lock releaseGate, Action<string> note) : IKernelHost
{
    private readonly List<FunctionDef> _kernels = [.. program.Kernels];
    private readonly Dictionary<int, int> _secondIndex = [];
    private readonly List<(string Name, long Size, IrType Element)> _globals =
        [.. program.Module.Globals.Select(g => (g.Name, Math.Max(1, program.Layout.SizeOf(g.Type)), ElementOf(g.Type)))];
    private readonly HashSet<FunctionDef> _readClock =
        Ir.Analysis.IrTraversal.FunctionsUsing(program.Module.Functions.Where(f => f.Body is not null), e => e is ClockExpr);
    private readonly HashSet<FunctionDef> _orderDependent =
        Ir.Analysis.IrTraversal.FunctionsUsing(program.Module.Functions.Where(f => f.Body is not null),
            e => e is AtomicCasExpr or AtomicRmwExpr { Op: AtomicOp.Exch });
    private readonly HashSet<int> _saidUnverified = [];
    private readonly HashSet<int> _saidOrderDependent = [];
    private long _launches;
    // One verified launch at a time in the process: each saves and restores the blocks it reaches.
    private static readonly Lock Gate = new();

    public Diagnostic? Error { get; private set; }

    /// <summary>The chosen device's warnings; the second device's are its own business.</summary>
    public IReadOnlyList<Diagnostic> TakeWarnings() => chosen.TakeWarnings();

    public int FindKernel(string name)
    {
        int k = chosen.FindKernel(name);
        if (k >= 0) _secondIndex[k] = second.FindKernel(name);
        return k;
    }

    public nint GlobalAddress(string name) => chosen.GlobalAddress(name);

    public (long[] Offsets, long[] Sizes, long Size) ArgumentLayout(int kernel) => chosen.ArgumentLayout(kernel);

    public long StaticSharedBytes(int kernel) => chosen.StaticSharedBytes(kernel);

    public int Launch(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments, bool cooperative = false)
    {
        // The blocks are copied, restored and compared: none may be freed by another host thread meanwhile.
        lock (Gate)
        lock (releaseGate)
            return LaunchBoth(kernel, grid, block, sharedBytes, packedArguments, cooperative);
    }

    private int LaunchBoth(int kernel, (int X, int Y, int Z) grid, (int X, int Y, int Z) block, long sharedBytes, nint packedArguments, bool cooperative)
    {
        long launch = ++_launches;
        if (_readClock.Contains(_kernels[kernel]))
        {
            // Clock readings differ between any two runs: such a kernel runs on the chosen device alone, said once.
            if (_saidUnverified.Add(kernel))
                note($"translate runtime: kernel '{_kernels[kernel].Name}' reads the device clock, so its launches are not verified on {secondName}");
            int only = chosen.Launch(kernel, grid, block, sharedBytes, packedArguments, cooperative);
            Error = chosen.Error;
            return only;
        }
        var globals = _globals.Select(g => (g.Name, g.Size, g.Element, Chosen: chosen.GlobalAddress(g.Name), Second: second.GlobalAddress(g.Name)))
            .Where(g => g.Chosen != 0 && g.Second != 0).ToList();
        var blocks = Reachable(deviceBlocks(), [.. globals.Select(g => (g.Chosen, g.Size)), (packedArguments, ArgumentLayout(kernel).Size)]);
        if (blocks.FirstOrDefault(b => b.Size > int.MaxValue) is { Size: > 0 } huge)
        {
            Error = new Diagnostic(Codes.DevicesDisagree, Ir.Analysis.SourcePositions.Of(_kernels[kernel]),
                $"launch {launch} of kernel '{_kernels[kernel].Name}' cannot be verified: device memory of {huge.Size} bytes at 0x{(long)huge.Start:x} is over 2 GiB");
            return -1;
        }
        var before = blocks.Select(b => Copy(b.Start, b.Size)).ToList();
        var globalsBefore = globals.Select(g => Copy(g.Chosen, g.Size)).ToList();

        int r = chosen.Launch(kernel, grid, block, sharedBytes, packedArguments, cooperative);
        if (r != 0)
        {
            Error = chosen.Error;
            return r;
        }
        var after = blocks.Select(b => Copy(b.Start, b.Size)).ToList();
        for (int i = 0; i < blocks.Count; i++) Paste(before[i], blocks[i].Start);
        for (int i = 0; i < globals.Count; i++) Paste(globalsBefore[i], globals[i].Second);
        try
        {
            var name = _kernels[kernel].Name;
            var record = ForSecond(packedArguments, ArgumentLayout(kernel).Size, globals.Select(g => (g.Chosen, g.Second, g.Size)));
            int r2;
            fixed (byte* secondArguments = record)
                r2 = second.Launch(_secondIndex.GetValueOrDefault(kernel, kernel), grid, block, sharedBytes, (nint)secondArguments, cooperative);
            if (r2 != 0)
            {
                var why = second.Error is { } e ? $"{e.Code.Id}: {e.Message} at {e.Location}" : $"CUDA error {r2}";
                return Differ($"launch {launch} of kernel '{name}' ran on {chosenName} but stopped on {secondName}: {why}");
            }
            var types = PointerTargets(kernel, packedArguments);
            for (int i = 0; i < blocks.Count; i++)
                if (FirstDifference(after[i], new ReadOnlySpan<byte>((void*)blocks[i].Start, after[i].Length), types, blocks[i].Start) is { } d)
                    return Differ($"launch {launch} of kernel '{name}' (grid ({grid.X},{grid.Y},{grid.Z}), block ({block.X},{block.Y},{block.Z})): " +
                        $"device memory of {blocks[i].Size} bytes at 0x{(long)blocks[i].Start:x}, {d}");
            foreach (var g in globals)
            {
                var mine = Copy(g.Chosen, g.Size);
                if (FirstDifference(mine, new ReadOnlySpan<byte>((void*)g.Second, mine.Length), [(g.Chosen, g.Element)], g.Chosen) is { } d)
                    return Differ($"launch {launch} of kernel '{name}': device variable '{g.Name}', {d}");
            }
            return 0;
        }
        finally
        {
            // The program goes on with what the chosen device wrote.
            for (int i = 0; i < blocks.Count; i++) Paste(after[i], blocks[i].Start);
        }

        int Differ(string message)
        {
            if (_orderDependent.Contains(_kernels[kernel]))
            {
                if (_saidOrderDependent.Add(kernel))
                    note($"translate runtime: warning: {message}; kernel '{_kernels[kernel].Name}' exchanges or compares-and-swaps atomically, " +
                        "so what it leaves can depend on the order its threads run in: not counted as a difference (said once for this kernel)");
                return 0;
            }
            Error = new Diagnostic(Codes.DevicesDisagree, Ir.Analysis.SourcePositions.Of(_kernels[kernel]), message);
            return -1;
        }
    }

    /// <summary>
    /// The blocks a launch can reach: those its arguments and the device variables (the <paramref name="roots"/>) point
    /// into, and, transitively, those whose addresses are stored in a reached block (tables of pointers), found as a
    /// collector marks — every aligned 8-byte word that falls inside a block counts. Other host threads' blocks are
    /// left alone, so their copies are not undone.
    /// </summary>
    private static List<(nint Start, long Size)> Reachable(IReadOnlyList<(nint Start, long Size)> all, List<(nint Start, long Size)> roots)
    {
        var sorted = all.Where(b => b.Size > 0).OrderBy(b => (long)b.Start).ToArray();
        var reached = new HashSet<int>();
        var pending = new Stack<int>();
        void Mark(long value)
        {
            int lo = 0, hi = sorted.Length - 1, below = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if ((long)sorted[mid].Start <= value) { below = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            if (below >= 0 && value < (long)sorted[below].Start + sorted[below].Size && reached.Add(below)) pending.Push(below);
        }
        foreach (var (start, size) in roots)
            for (long at = 0; at + 8 <= size; at += 8) Mark(*(long*)(start + (nint)at));
        while (pending.Count > 0)
        {
            var (start, size) = sorted[pending.Pop()];
            for (long at = 0; at + 8 <= size; at += 8) Mark(*(long*)(start + (nint)at));
        }
        return [.. reached.Order().Select(i => sorted[i])];
    }

    /// <summary>
    /// The argument record as the second device must see it: each 8-byte word pointing into one of the chosen device's
    /// variables (a <c>cudaGetSymbolAddress</c> pointer, alone or inside a struct) moved to the same place in the second
    /// device's copy of that variable.
    /// </summary>
    private static byte[] ForSecond(nint packedArguments, long size, IEnumerable<(nint Chosen, nint Second, long Size)> globals)
    {
        var record = Copy(packedArguments, size);
        for (int at = 0; at + 8 <= record.Length; at += 8)
        {
            long word = BitConverter.ToInt64(record, at);
            foreach (var g in globals)
                if (word >= g.Chosen && word < g.Chosen + g.Size)
                {
                    BitConverter.TryWriteBytes(record.AsSpan(at), word - g.Chosen + g.Second);
                    break;
                }
        }
        return record;
    }

    /// <summary>The scalar an array or vector is made of (a device variable's type as its elements compare).</summary>
    private static IrType ElementOf(IrType type) => type switch
    {
        ArrayType a => ElementOf(a.Element),
        VectorType v => v.Element,
        _ => type,
    };

    /// <summary>Where the kernel's pointer arguments point and the scalar they point to: a difference is reported as that element, and floats compare with the tolerance.</summary>
    private List<(long At, IrType Element)> PointerTargets(int kernel, nint packedArguments)
    {
        var (offsets, _, _) = ArgumentLayout(kernel);
        var parameters = _kernels[kernel].Parameters;
        var targets = new List<(long, IrType)>();
        for (int k = 0; k < parameters.Count; k++)
            if (parameters[k].Type is PointerType { Pointee: var pointee })
            {
                var element = ElementOf(pointee);
                if (element.IsFloat || element.IsInteger) targets.Add((*(long*)(packedArguments + (nint)offsets[k]), element));
            }
        return targets;
    }

    /// <summary>
    /// The first place where <paramref name="mine"/> and <paramref name="theirs"/> differ (floats beyond the tolerance),
    /// described as an element of the typed pointer argument that points closest below it, else as a byte; or null.
    /// </summary>
    private string? FirstDifference(byte[] mine, ReadOnlySpan<byte> theirs, List<(long At, IrType Element)> typedPointers, nint start)
    {
        int at = theirs.SequenceEqual(mine) ? -1 : theirs.CommonPrefixLength(mine);
        // The largest magnitude of the array a difference falls in, found once per array.
        var scales = new Dictionary<long, double>();
        while (at >= 0)
        {
            (long At, IrType? Element) typed = (0, null);
            foreach (var p in typedPointers)
                if (p.At >= (long)start && p.At <= (long)start + at && (typed.Element is null || p.At > typed.At)) typed = p;
            string bytes = $"byte offset {at}: {chosenName} wrote 0x{mine[at]:x2}, {secondName} wrote 0x{theirs[at]:x2}";
            if (typed.Element is not ScalarType { Kind: var kind } scalar || !(scalar.IsFloat || scalar.IsInteger)) return bytes;
            int size = scalar.Bits / 8;
            long relative = (long)start + at - typed.At;
            int element = at - (int)(relative % size);
            if (element + size > mine.Length) return bytes;
            string place = $"byte offset {element} ({kind.ToString().ToLowerInvariant()} element {relative / size} of the argument pointing at 0x{typed.At:x})";
            if (scalar.IsInteger)
                return $"{place}: {chosenName} wrote {Integer(mine.AsSpan(element, size))}, {secondName} wrote {Integer(theirs.Slice(element, size))}";
            double a = Value(mine.AsSpan(element, size), kind), b = Value(theirs.Slice(element, size), kind);
            if (!scales.TryGetValue(typed.At, out var scale)) scales[typed.At] = scale = LargestMagnitude(mine, (int)(typed.At - (long)start), scalar);
            if (!tolerance.Matches(a, b, kind, scale))
                return $"{place}: {chosenName} wrote {a:R}, {secondName} wrote {b:R}";
            int next = element + size;
            if (next >= mine.Length) return null;
            int rest = theirs[next..].CommonPrefixLength(mine.AsSpan(next));
            at = next + rest >= mine.Length ? -1 : next + rest;
        }
        return null;
    }

    /// <summary>The largest finite magnitude among the <paramref name="type"/> elements from <paramref name="from"/> to the end of the block.</summary>
    private static double LargestMagnitude(byte[] block, int from, ScalarType type)
    {
        int size = type.Bits / 8;
        double largest = 0;
        for (int at = from; at + size <= block.Length; at += size)
        {
            double v = Math.Abs(Value(block.AsSpan(at, size), type.Kind));
            if (double.IsFinite(v) && v > largest) largest = v;
        }
        return largest;
    }

    private static long Integer(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => (sbyte)bytes[0],
        2 => MemoryMarshal.Read<short>(bytes),
        4 => MemoryMarshal.Read<int>(bytes),
        _ => MemoryMarshal.Read<long>(bytes),
    };

    private static double Value(ReadOnlySpan<byte> bytes, ScalarKind kind) => kind switch
    {
        ScalarKind.Half => (double)MemoryMarshal.Read<Half>(bytes),
        ScalarKind.BFloat16 => BitConverter.Int32BitsToSingle(MemoryMarshal.Read<ushort>(bytes) << 16),
        ScalarKind.Float => MemoryMarshal.Read<float>(bytes),
        _ => MemoryMarshal.Read<double>(bytes),
    };

    private static byte[] Copy(nint start, long size) => new ReadOnlySpan<byte>((void*)start, checked((int)size)).ToArray();

    private static void Paste(byte[] bytes, nint start) => bytes.CopyTo(new Span<byte>((void*)start, bytes.Length));

    public void Dispose()
    {
        chosen.Dispose();
        second.Dispose();
    }
}

/// <summary>
/// When two devices' floats count as the same result: bit-identical, both NaN, or |a − b| ≤ t × max(|a|, |b|, m),
/// where m is the largest magnitude in the same array (a normwise check: a small value that came from cancelling
/// large ones carries their rounding, and devices may round library functions differently within their documented
/// accuracy) and t is TRANSLATE_VERIFY_TOLERANCE, by default 1e-5 for float, 1e-12 for double, 1e-2 for half and bfloat16.
/// </summary>
public sealed record VerifyTolerance(double? Relative)
{
    public bool Matches(double a, double b, ScalarKind kind, double scale)
    {
        if (a.Equals(b) || double.IsNaN(a) && double.IsNaN(b)) return true;
        double tolerance = Relative ?? kind switch { ScalarKind.Double => 1e-12, ScalarKind.Float => 1e-5, _ => 1e-2 };
        return Math.Abs(a - b) <= tolerance * Math.Max(scale, Math.Max(Math.Abs(a), Math.Abs(b)));
    }
}
