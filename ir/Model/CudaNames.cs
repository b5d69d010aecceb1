namespace Translate.Ir.Model;

/// <summary>Spellings of the CUDA extension options (scopes, orders, modes), both ways.</summary>
public static class CudaNames
{
    public static readonly IReadOnlyDictionary<string, MemoryScope> Scopes = new Dictionary<string, MemoryScope>
    {
        ["block"] = MemoryScope.Block, ["device"] = MemoryScope.Device, ["system"] = MemoryScope.System,
    };

    public static readonly IReadOnlyDictionary<string, MemoryOrder> Orders = new Dictionary<string, MemoryOrder>
    {
        ["relaxed"] = MemoryOrder.Relaxed, ["acquire"] = MemoryOrder.Acquire, ["release"] = MemoryOrder.Release,
        ["acq_rel"] = MemoryOrder.AcqRel, ["seq_cst"] = MemoryOrder.SeqCst,
    };

    public static readonly IReadOnlyDictionary<string, AtomicOp> AtomicOps = new Dictionary<string, AtomicOp>
    {
        ["add"] = AtomicOp.Add, ["sub"] = AtomicOp.Sub, ["exch"] = AtomicOp.Exch, ["and"] = AtomicOp.And,
        ["or"] = AtomicOp.Or, ["xor"] = AtomicOp.Xor, ["min"] = AtomicOp.Min, ["max"] = AtomicOp.Max,
        ["umin"] = AtomicOp.UMin, ["umax"] = AtomicOp.UMax, ["uinc"] = AtomicOp.UInc, ["udec"] = AtomicOp.UDec,
        ["fadd"] = AtomicOp.FAdd, ["fmin"] = AtomicOp.FMin, ["fmax"] = AtomicOp.FMax,
    };

    public static readonly IReadOnlyDictionary<string, ShuffleMode> ShuffleModes = new Dictionary<string, ShuffleMode>
    {
        ["idx"] = ShuffleMode.Idx, ["up"] = ShuffleMode.Up, ["down"] = ShuffleMode.Down, ["xor"] = ShuffleMode.Xor,
    };

    public static readonly IReadOnlyDictionary<string, VoteMode> VoteModes = new Dictionary<string, VoteMode>
    {
        ["any"] = VoteMode.Any, ["all"] = VoteMode.All, ["uni"] = VoteMode.Uni, ["ballot"] = VoteMode.Ballot,
    };

    public static string Name<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct =>
        names.First(kv => EqualityComparer<T>.Default.Equals(kv.Value, value)).Key;
}
