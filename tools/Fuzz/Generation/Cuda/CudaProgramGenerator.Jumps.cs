namespace Translate.Fuzz.Generation.Cuda;

/// <summary>
/// Forward gotos and if init-statements, which the lifter structures (gotos as flags, FunctionLifter.Goto.cs) or tells
/// apart by tokens (an expression init with an else). Decided from a generator of their own, so programs without them
/// are what their seed gave before (since session 39): a block ending in a label (its statements in an inner block,
/// so no jump passes a declaration into its scope, which C++ forbids), gotos to the labels of enclosing such blocks
/// after statements inside them, out of loops, switches and ifs, and ifs declaring a variable both arms see or
/// running an expression before their condition.
/// </summary>
internal sealed partial class CudaProgramGenerator
{
    private readonly Rng _jumpRng;
    /// <summary>Labels later in an enclosing block, which a goto may jump to.</summary>
    private readonly List<string> _labels = [];

    private bool MaybeJump(int depth)
    {
        if (depth <= 0 || !_jumpRng.Chance(0.08)) return false;
        string label = Fresh("L");
        Line("{");
        _indent++;
        Line("{");
        _labels.Add(label);
        Block(depth);
        _labels.RemoveAt(_labels.Count - 1);
        Line("}");
        Line($"{label}: ;");
        _indent--;
        Line("}");
        return true;
    }

    private void MaybeGoto()
    {
        if (_labels.Count > 0 && _jumpRng.Chance(0.3))
            Line($"if ({_expr.Any(1)}) goto {_labels[_jumpRng.Between(0, _labels.Count - 1)]};");
    }

    /// <summary>An init-statement for an if (empty mostly), whose declaration goes into the if's own scope.</summary>
    private string IfInit()
    {
        if (!_jumpRng.Chance(0.25)) return "";
        var ints = _scopes.SelectMany(s => s).Where(v => !v.ReadOnly && v.Type == CType.Int).ToList();
        if (ints.Count > 0 && _jumpRng.Chance(0.5)) return $"{ints[_jumpRng.Between(0, ints.Count - 1)].Name} ^= {_expr.Integer(2)}; ";
        var v = new CVar(Fresh("c"), CType.Int);
        string init = $"int {v.Name} = {_expr.Of(CType.Int, 2)}; ";
        _scopes[^1].Add(v);
        return init;
    }
}
