using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Ir.Analysis;

public static partial class WorkGroupUniformity
{
    /// <summary>
    /// Where an address points, when it is a work-item's own memory: a local or parameter variable
    /// (<see cref="Variable"/>), or what a device function's pointer parameter number
    /// <see cref="Parameter"/> points to. <see cref="SomeElement"/>: an element picked by a
    /// non-uniform index, so work-items reach different parts of it.
    /// </summary>
    private readonly record struct Place(Symbol? Variable, int Parameter, bool SomeElement)
    {
        public static readonly Place Unknown = new(null, -1, false);
        public bool Known => Variable is not null || Parameter >= 0;
    }

    /// <summary>
    /// Contents of private memory, tracked per variable in the same set as scalar values (a variable in
    /// <c>_nonUniform</c> has contents that may differ between work-items) and per pointer parameter in
    /// <see cref="State"/>. An address is followed only through field and element steps; a variable whose
    /// address is used any other way (stored, converted, passed to a declared function) escapes and
    /// counts as non-uniform, and so does a pointer parameter.
    /// </summary>
    private sealed partial class Walker
    {
        private HashSet<Symbol>? _reassigned;

        /// <summary>Variables set or addressed in the function: a pointer parameter among them no longer names what the caller passed.</summary>
        private HashSet<Symbol> Reassigned => _reassigned ??= new HashSet<Symbol>(
            IrTraversal.Statements(function.Body!).OfType<SetStmt>().Select(s => s.Symbol)
                .Concat(IrTraversal.Descendants(function.Body!).OfType<PtrToExpr>().Select(p => p.Symbol)),
            ReferenceEqualityComparer.Instance);

        private static bool IsPrivateVariable(Symbol s) => s.Kind is SymbolKind.Local or SymbolKind.Parameter;

        /// <summary>The pointer parameter a reference names (its index), or -1.</summary>
        private int PointerParameter(VarRef v) =>
            !function.IsKernel && v.Symbol is { Kind: SymbolKind.Parameter, Type: PointerType } s && s.Index >= 0
            && s.Index < function.Parameters.Count && !Reassigned.Contains(s) ? s.Index : -1;

        /// <summary>The private memory <paramref name="address"/> points into, evaluating its indices; Unknown (after evaluating it as a value) otherwise.</summary>
        private Place PlaceOf(Expr address)
        {
            switch (address)
            {
                case PtrToExpr p when IsPrivateVariable(p.Symbol):
                    return new Place(p.Symbol, -1, false);
                case VarRef { Symbol.Type: ArrayType } v when IsPrivateVariable(v.Symbol):
                    return new Place(v.Symbol, -1, false);
                case VarRef v when PointerParameter(v) is var i and >= 0:
                    return new Place(null, i, false);
                case StructPtrAddExpr s:
                    return PlaceOf(s.Pointer);
                case ArrayPtrAddExpr a:
                {
                    var inner = PlaceOf(a.Array);
                    return inner with { SomeElement = inner.SomeElement | !Uniform(a.Index) };
                }
                case PtrAddExpr p:
                {
                    var inner = PlaceOf(p.Pointer);
                    return inner with { SomeElement = inner.SomeElement | !Uniform(p.Index) };
                }
                default:
                    Uniform(address);
                    return Place.Unknown;
            }
        }

        private bool ContentsUniform(Place p) =>
            !p.SomeElement && (p.Variable is { } v ? !_nonUniform.Contains(v) : p.Parameter >= 0 && !state.NonUniformPointees.Contains((function, p.Parameter)));

        private bool LoadUniform(LoadExpr l) =>
            SettledSharedPlace(l.Pointer) || PlaceOf(l.Pointer) is { Known: true } p && ContentsUniform(p);

        /// <summary>
        /// Shared memory is the same for every work-item right after a barrier all of them reached, until
        /// the next write that is not the work-item's own, call or atomic (<c>if (found) return;</c> after the
        /// barrier that publishes <c>found</c>). A write by another work-item between that barrier and this read
        /// would be a data race in CUDA too.
        /// </summary>
        private bool _sharedSettled;

        /// <summary>Whether <paramref name="address"/> names one element of a shared variable (uniform indices) while shared memory is settled.</summary>
        private bool SettledSharedPlace(Expr address)
        {
            if (!_sharedSettled) return false;
            return address switch
            {
                PtrToExpr p => p.Symbol.Kind == SymbolKind.Shared,
                VarRef { Symbol: { Kind: SymbolKind.Shared, Type: ArrayType } } => true,
                StructPtrAddExpr x => SettledSharedPlace(x.Pointer),
                ArrayPtrAddExpr x => UniformQuiet(x.Index) && SettledSharedPlace(x.Array),
                _ => false,
            };
        }

        private void Store(StoreExpr st)
        {
            var place = PlaceOf(st.Pointer);
            if (!place.Known) _sharedSettled = false;
            bool uniformWrite = Uniform(st.Value) && !LocallyDivergent && !place.SomeElement;
            Written(place, uniformWrite);
        }

        /// <summary>Records a write (of a uniform value under uniform control, or not) to private memory.</summary>
        private void Written(Place place, bool uniformWrite)
        {
            if (place.Variable is { } v)
            {
                if (!uniformWrite) MarkNonUniform(v);
            }
            else if (place.Parameter >= 0)
            {
                state.Add(state.WritesThrough, (function, place.Parameter));
                if (!uniformWrite)
                {
                    state.Add(state.WrittenNonUniformly, (function, place.Parameter));
                    state.Add(state.NonUniformPointees, (function, place.Parameter));
                }
            }
        }

        /// <summary>
        /// An argument of a call of a defined function: an address of private memory tells the callee
        /// whether what its parameter points to is uniform, and takes back what the callee writes there.
        /// </summary>
        private bool Argument(FunctionDef callee, int index, Expr argument)
        {
            if (argument is not (PtrToExpr or VarRef or StructPtrAddExpr or ArrayPtrAddExpr or PtrAddExpr) || argument.Type is not (PointerType or ArrayType))
            {
                state.Add(state.NonUniformPointees, (callee, index));
                return Uniform(argument);
            }
            var place = PlaceOf(argument);
            if (!place.Known || !ContentsUniform(place)) state.Add(state.NonUniformPointees, (callee, index));
            if (place.Known)
            {
                if (state.WrittenNonUniformly.Contains((callee, index))) Written(place, uniformWrite: false);
                else if (state.WritesThrough.Contains((callee, index))) Written(place, uniformWrite: !LocallyDivergent && !place.SomeElement);
            }
            // The address itself: a private one is uniform unless an index was not; others as any value.
            return place.Known ? !place.SomeElement : UniformQuiet(argument);
        }

        /// <summary>A private variable's address or a pointer parameter used as a plain value: anything may write through it later.</summary>
        private void Escapes(Expr e)
        {
            switch (e)
            {
                case PtrToExpr p when IsPrivateVariable(p.Symbol):
                    MarkNonUniform(p.Symbol);
                    break;
                case VarRef { Symbol.Type: ArrayType } v when IsPrivateVariable(v.Symbol):
                    MarkNonUniform(v.Symbol);
                    break;
                case VarRef v when PointerParameter(v) is var i and >= 0:
                    state.Add(state.WritesThrough, (function, i));
                    state.Add(state.WrittenNonUniformly, (function, i));
                    state.Add(state.NonUniformPointees, (function, i));
                    break;
            }
        }
    }
}
