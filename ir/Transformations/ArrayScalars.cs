using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// Replaces, in kernels, a local array of scalars every use of which is a load or a store of an element at a constant
/// index (<c>int cases[3] = {1, 1, 1}; … cases[1]++;</c>) by one variable per element (<c>__arr4_cases_0</c>,
/// <c>__arr4_cases_1</c>, …). Devices that run a block's threads as loops keep a local array in memory, one copy per thread,
/// and the rounds of a lockstep loop over such copies do not vectorize; scalars live in registers or, across rounds,
/// in per-thread slots the thread loops read contiguously. Arrays used any other way (a variable index, the address
/// passed on, the whole array assigned) are left as they are; <see cref="ArrayLoopUnrolling"/> runs first, so loops
/// over the elements leave constant indices behind.
/// </summary>
public static class ArrayScalars
{
    /// <summary>The longest array made scalars.</summary>
    public const int MaxElements = 32;

    public static CheckedModule Run(CheckedModule program)
    {
        int counter = FreshNames.Highest(program, "__arr");
        return Rebuild.Functions(program, f => f.Kind == FunctionKind.Kernel && Candidates(f.Body!).Count > 0, body =>
        {
            var names = Candidates(body).ToDictionary(s => s, s => $"__arr{++counter}_{s.Name}_");
            return new Scalarizer(names).Rewrite(body);
        });
    }

    /// <summary>The local arrays of <paramref name="body"/> whose every use is a load or a store (statement) of an element at a constant index.</summary>
    private static List<Symbol> Candidates(Block body)
    {
        var arrays = IrTraversal.Statements(body).OfType<DeclareStmt>()
            .Where(d => d.Type is ArrayType { Length: > 0 and <= MaxElements, Element.IsFirstClassScalar: true })
            .Select(d => d.Symbol).ToHashSet();
        if (arrays.Count == 0) return [];
        var uses = new Dictionary<Symbol, int>();
        foreach (var e in IrTraversal.Descendants(body))
            if (e is VarRef { Symbol: var s } && arrays.Contains(s)) uses[s] = uses.GetValueOrDefault(s) + 1;
            else if (e is PtrToExpr { Symbol: var p }) arrays.Remove(p);
        foreach (var x in IrTraversal.Statements(body).OfType<SetStmt>()) arrays.Remove(x.Symbol);
        var elementUses = new Dictionary<Symbol, int>();
        foreach (var e in IrTraversal.Descendants(body))
            if (e is LoadExpr { Pointer: var p } && Element(p, arrays) is { } s) elementUses[s] = elementUses.GetValueOrDefault(s) + 1;
        foreach (var x in IrTraversal.Statements(body).OfType<ExprStmt>())
            if (x.Expression is StoreExpr { Pointer: var p } && Element(p, arrays) is { } s) elementUses[s] = elementUses.GetValueOrDefault(s) + 1;
        return [.. arrays.Where(s => uses.GetValueOrDefault(s) == elementUses.GetValueOrDefault(s))];
    }

    /// <summary>The array of <paramref name="arrays"/> that <c>(aptradd ARRAY K)</c> names an element of, K a constant within it; else null.</summary>
    private static Symbol? Element(Expr pointer, IReadOnlySet<Symbol> arrays) =>
        ConstantElement(pointer) is (var s, var k) && arrays.Contains(s) && k >= 0 && k < ((ArrayType)s.Type).Length ? s : null;

    /// <summary>The element variable's name: the array's prefix and the index.</summary>
    private static bool ElementName(Expr pointer, IReadOnlyDictionary<Symbol, string> names, out string name)
    {
        name = ConstantElement(pointer) is (var s, var k) && names.TryGetValue(s, out var prefix) ? prefix + k : "";
        return name.Length > 0;
    }

    /// <summary>The variable and constant index of <c>(aptradd VARIABLE K)</c>; else null.</summary>
    private static (Symbol Array, Int128 Index)? ConstantElement(Expr pointer) =>
        pointer is ArrayPtrAddExpr { Array: VarRef { Symbol: var s }, Index: var index } && ConstantInteger.Of(index) is { } k ? (s, k) : null;

    private sealed class Scalarizer(IReadOnlyDictionary<Symbol, string> names) : TreeRewriter
    {
        protected override IReadOnlyList<Stmt>? Replace(Stmt s)
        {
            var at = s.Location;
            switch (s)
            {
                case DeclareStmt d when names.TryGetValue(d.Symbol, out var prefix):
                {
                    var array = (ArrayType)d.Type;
                    return [.. Enumerable.Range(0, (int)array.Length).Select(k => (Stmt)new DeclareStmt(at, prefix + k, array.Element))];
                }
                case ExprStmt { Expression: StoreExpr store } when ElementName(store.Pointer, names, out var name):
                    return [new SetStmt(at, name, Rewrite(store.Value))];
                default: return null;
            }
        }

        protected override Expr? Replace(Expr e) =>
            e is LoadExpr load && ElementName(load.Pointer, names, out var name) ? new VarRef(e.Location, name) : null;
    }
}
