using System.Globalization;

namespace Translate.Fuzz.Generation.Cuda;

/// <summary>
/// What threads of a block do together, where every thread of the block reaches it (the kernel's top level, and loops and
/// ifs whose conditions the block shares): exchanges through a <c>__shared__</c> array (each thread writes its own
/// element, a barrier, any element read, a barrier), shared-memory atomics whose result does not depend on their order
/// (add, or, xor, max, min on int), the counting barriers <c>__syncthreads_count/_or/_and</c>, and loops and ifs on
/// conditions the block shares — free of races by construction. The oracle runs a block's threads as C++ threads with a
/// <c>std::barrier</c>, so these are exact there too.
/// </summary>
internal sealed partial class CudaProgramGenerator
{
    /// <summary>The largest block the generator launches: the shared array's length.</summary>
    private const int MaxBlock = 64;

    private CType? _shared;
    private bool _sharedAtomics;

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A statement every thread of the block reaches together; <paramref name="depth"/> bounds the nesting.</summary>
    private void BlockStatement(int depth)
    {
        _rng.Weighted<Action>(
            (4, Exchange),
            (2, SharedAtomics),
            (2, CountingBarrier),
            (depth > 0 ? 2 : 0, () => UniformLoop(depth)),
            (depth > 0 ? 2 : 0, () => UniformIf(depth)),
            (3, () => Statement(2)))();
    }

    private void Exchange()
    {
        // The element type is one of the outputs' types, so a read can land in an output unconverted.
        _shared ??= _rng.Choose(_outputs).Type;
        var writable = _scopes.SelectMany(s => s).Where(v => !v.ReadOnly && v.Type == _shared).ToList();
        if (writable.Count == 0) { Statement(1); return; }
        Line($"sh[threadIdx.x] = {_expr.Of(_shared, 2)};");
        Line("__syncthreads();");
        var v = _rng.Choose(writable);
        string read = $"sh[(unsigned)({_expr.Integer(1)}) % blockDim.x]";
        Line(_shared.IsFloat || _shared == CType.Bool || _rng.Chance(0.5) ? $"{v.Name} = {read};" : $"{v.Name} ^= {read};");
        Line("__syncthreads();");
    }

    /// <summary>
    /// Thread 0 sets four accumulators to their operations' identities, a barrier, atomics from any subset of the threads,
    /// a barrier, one accumulator folded into a local, a barrier (before the next round's initialization).
    /// </summary>
    private void SharedAtomics()
    {
        _sharedAtomics = true;
        Line("if (threadIdx.x == 0) {");
        _indent++;
        Line("sacc[0] = 0; sacc[1] = 0; sacc[2] = -2147483647 - 1; sacc[3] = 2147483647;");
        _indent--;
        Line("}");
        Line("__syncthreads();");
        for (int i = 0, n = _rng.Between(1, 3); i < n; i++)
        {
            int slot = _rng.Between(0, 3);
            string op = slot switch
            {
                0 => _rng.Pick("atomicAdd", "atomicSub"),
                1 => _rng.Pick("atomicOr", "atomicXor"),
                2 => "atomicMax",
                _ => "atomicMin",
            };
            string value = op is "atomicAdd" or "atomicSub" ? $"(int)(({_expr.Integer(1)}) & 0xffff)" : $"(int)({_expr.Integer(2)})";
            string call = $"{op}(&sacc[{Text(slot)}], {value});";
            Line(_rng.Chance(0.4) ? $"if ({_expr.Any(1)}) {call}" : call);
        }
        Line("__syncthreads();");
        var writable = _scopes.SelectMany(s => s).Where(v => !v.ReadOnly).ToList();
        var target = _rng.Choose(writable);
        Line($"{target.Name} {(target.Type.IsFloat ? "+=" : "^=")} sacc[{Text(_rng.Between(0, 3))}];");
        Line("__syncthreads();");
    }

    private void CountingBarrier()
    {
        var ints = _scopes.SelectMany(s => s).Where(v => !v.ReadOnly && v.Type.IsInteger && v.Type != CType.Bool).ToList();
        string call = $"{_rng.Pick("__syncthreads_count", "__syncthreads_or", "__syncthreads_and")}({_expr.Any(2)})";
        if (ints.Count == 0) { Line($"(void){call};"); return; }
        Line($"{_rng.Choose(ints).Name} ^= {call};");
    }

    /// <summary>A condition every thread of a block computes alike: from the inputs at constant indexes, the block's index, or a counting barrier.</summary>
    private string UniformCondition() => _rng.Weighted<Func<string>>(
        (2, () => $"(in[{Text(_rng.Between(0, 1023))}] & {Text(_rng.Pick(1, 3, 7))}) {_rng.Pick("==", "!=", "<")} {Text(_rng.Between(0, 3))}"),
        (2, () => $"((blockIdx.x + (unsigned)in[{Text(_rng.Between(0, 1023))}]) & 1u) != 0u"),
        (3, () => $"{_rng.Pick("__syncthreads_or", "__syncthreads_and")}({_expr.Any(2)})"),
        (1, () => $"__syncthreads_count({_expr.Any(2)}) > {Text(_rng.Between(0, 8))}"))();

    private void UniformLoop(int depth)
    {
        string r = Fresh("r");
        string bound = _rng.Chance(0.5) ? Text(_rng.Between(1, 3)) : $"(in[{Text(_rng.Between(0, 1023))}] & 3)";
        Line($"for (int {r} = 0; {r} < {bound}; {r}++) {{");
        _indent++;
        _scopes.Add([new CVar(r, CType.Int, ReadOnly: true)]);
        for (int i = 0, n = _rng.Between(1, 3); i < n; i++) BlockStatement(depth - 1);
        _scopes.RemoveAt(_scopes.Count - 1);
        _indent--;
        Line("}");
    }

    private void UniformIf(int depth)
    {
        Line($"if ({UniformCondition()}) {{");
        UniformBlock(depth);
        if (_rng.Chance(0.5))
        {
            Line("} else {");
            UniformBlock(depth);
        }
        Line("}");
    }

    private void UniformBlock(int depth)
    {
        _indent++;
        _scopes.Add([]);
        for (int i = 0, n = _rng.Between(1, 3); i < n; i++) BlockStatement(depth - 1);
        _scopes.RemoveAt(_scopes.Count - 1);
        _indent--;
    }

    /// <summary>
    /// The kernel's last block statement (text to insert before the outputs are written): a branch or loop holding barriers
    /// that threads take differently, which CUDA calls undefined and NVIDIA GPUs run by waiting only for the threads that
    /// have not exited — as the oracle does, a returning thread dropping out of its barrier. The threads inside exchange
    /// values through the shared array (written by every thread first, so a read of an absent thread's element is defined).
    /// </summary>
    private string DivergentTail()
    {
        int start = _body.Length;
        _shared ??= _rng.Choose(_outputs).Type;
        Line($"sh[threadIdx.x] = {_expr.Of(_shared, 1)};");
        Line("__syncthreads();");
        _rng.Weighted<Action>(
            (2, () =>
            {
                Line($"if ({_expr.Any(1)}) {{");
                TailBlock();
                if (_rng.Chance(0.3))
                {
                    // The other arm holds no barrier: threads waiting at two different barriers have no meaning anywhere.
                    Line("} else {");
                    _indent++;
                    Statement(1);
                    _indent--;
                }
                Line("}");
            }),
            (2, () =>
            {
                string r = Fresh("r");
                Line($"for (int {r} = 0; {r} < (int)(({_expr.Integer(1)}) & 3); {r}++) {{");
                _scopes.Add([new CVar(r, CType.Int, ReadOnly: true)]);
                TailBlock();
                _scopes.RemoveAt(_scopes.Count - 1);
                Line("}");
            }),
            (1, () =>
            {
                string r = Fresh("r");
                Line($"for (int {r} = 0;; {r}++) {{");
                _scopes.Add([new CVar(r, CType.Int, ReadOnly: true)]);
                _indent++;
                Line($"if ({r} >= 3 || {_expr.Any(1)}) break;");
                _indent--;
                TailBlock();
                _scopes.RemoveAt(_scopes.Count - 1);
                Line("}");
            }))();
        string tail = _body.ToString(start, _body.Length - start);
        _body.Length = start;
        return tail;
    }

    /// <summary>What the threads inside a divergent tail do: their own statements and exchanges among themselves.</summary>
    private void TailBlock()
    {
        _indent++;
        _scopes.Add([]);
        for (int i = 0, n = _rng.Between(1, 3); i < n; i++)
            if (_rng.Chance(0.6)) Exchange();
            else Statement(1);
        _scopes.RemoveAt(_scopes.Count - 1);
        _indent--;
    }

    /// <summary>The shared declarations the body used, at the kernel's top.</summary>
    private string SharedDeclarations() =>
        (_shared is { } t ? $"  __shared__ {t.Name} sh[{Text(MaxBlock)}];\n" : "") + (_sharedAtomics ? "  __shared__ int sacc[4];\n" : "");
}
