using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// NVIDIA addresses shared memory with 32 bits (nvcc infers that a pointer derived from a <c>__shared__</c> array is
/// one and computes its offsets in 32 bits), so an offset into shared memory wraps at 2³² bytes: <c>p[~i]</c> with an
/// <c>unsigned</c> <c>i</c> reads <c>p[-(i + 1)]</c>, which merge-path code relies on (HeCBench merge: <c>BSm1[~Ax]</c>).
/// C++ reads the index as a huge positive number, so the same access lands gigabytes past the array; devices with
/// 64-bit addresses crashed or read garbage. A subscript of a place known to be in shared memory by an unsigned
/// 32-bit index therefore sign-extends the index: the same element wherever the access stays in the shared window,
/// and no access that C++ keeps in bounds changes (an index of 2³¹ or more is out of any shared array either way).
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>Local pointer variables every assignment of which points into shared memory (decided before lifting).</summary>
    private readonly HashSet<Cursor> _sharedPointerVariables = [];

    /// <summary>
    /// Finds the local pointer variables of <paramref name="body"/> that always point into shared memory: each of their
    /// values (initializer, assignments, <c>+=</c>/<c>-=</c> and increments keep it) is a shared array or such a variable,
    /// offset; their address is never taken. A least fixpoint, so chains (<c>B = A_shared + k; P = B + t;</c>) are found.
    /// </summary>
    private void FindSharedPointerVariables(Cursor body)
    {
        var sources = new Dictionary<Cursor, List<Cursor>>();
        void Add(Cursor variable, Cursor value)
        {
            if (!sources.TryGetValue(variable, out var list)) sources[variable] = list = [];
            list.Add(value);
        }
        void Walk(Cursor c)
        {
            switch (c.Kind)
            {
                case CursorKind.VarDecl when c.Type.Canonical.Kind == TypeKind.Pointer && c.StorageClass != StorageClass.Static:
                    if (ModuleLifter.InitializerOf(c) is { } init) Add(c.Canonical, init);
                    break;
                case CursorKind.BinaryOperator when c.BinaryOperator == BinaryOperatorKind.Assign
                                                    && AssignedVariable(c.Children[0]) is { } assigned:
                    Add(assigned, c.Children[1]);
                    break;
            }
            foreach (var child in c.Children) Walk(child);
        }
        Walk(body);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (variable, values) in sources)
            {
                if (_sharedPointerVariables.Contains(variable) || _addressTaken.Contains(variable)) continue;
                if (!values.All(PointsIntoShared)) continue;
                _sharedPointerVariables.Add(variable);
                changed = true;
            }
        }
    }

    private static Cursor? AssignedVariable(Cursor target)
    {
        var t = StripTransparent(target);
        return t.Kind == CursorKind.DeclRefExpr && t.Referenced.Kind == CursorKind.VarDecl ? t.Referenced.Canonical : null;
    }

    /// <summary>Whether an expression (a pointer, or an array place) is known to point into shared memory.</summary>
    private bool PointsIntoShared(Cursor e)
    {
        while (e.Kind is CursorKind.UnexposedExpr or CursorKind.ParenExpr or CursorKind.CStyleCastExpr && e.Children.Count >= 1)
            e = e.Children[^1];
        switch (e.Kind)
        {
            case CursorKind.DeclRefExpr:
            {
                var d = e.Referenced;
                if (d.Kind != CursorKind.VarDecl) return false;
                if (ModuleLifter.Has(d, CursorKind.CUDASharedAttr)) return d.Type.Canonical.Kind is TypeKind.ConstantArray or TypeKind.IncompleteArray;
                return _sharedPointerVariables.Contains(d.Canonical);
            }
            case CursorKind.BinaryOperator when e.BinaryOperator is BinaryOperatorKind.Add or BinaryOperatorKind.Sub:
                return e.Children.Any(BaseInShared);
            case CursorKind.UnaryOperator when e.UnaryOperator == UnaryOperatorKind.AddrOf:
            {
                var place = StripTransparent(e.Children[0]);
                return place.Kind == CursorKind.ArraySubscriptExpr && place.Children.Any(BaseInShared);
            }
            default:
                return false;
        }
    }

    /// <summary>An operand of pointer arithmetic or a subscript that is its pointer or array, pointing into shared memory.</summary>
    private bool BaseInShared(Cursor operand) =>
        operand.Type.Canonical.Kind is TypeKind.Pointer or TypeKind.ConstantArray or TypeKind.IncompleteArray && PointsIntoShared(operand);
}
