using Translate.Ir.Types;

namespace Translate.Ir.Analysis;

/// <summary>
/// The address spaces the pointer fields of each struct type point into, for targets whose struct fields need one
/// (OpenCL C 1.2): <c>struct BlockLoad { __local TempStorage* temp_storage; }</c> when every store into that field
/// stores a pointer into shared memory, as CUB-style reference members and lambdas capturing shared arrays do. Spaces
/// flow into a field from the stores <c>(store (sptradd P f) V)</c> and out of it through <c>(load (sptradd P f))</c>,
/// across every function (the inference repeats until no field's set grows).
///
/// A struct type is <em>opaque</em> when its objects are written where these stores are not seen — objects in global or
/// constant memory (host code wrote them), kernel parameters by value, a pointer to it cast to another type (copied as
/// bytes, or punned), a field's address kept — and then, as before, its pointer fields hold global pointers only. A
/// struct type that holds another by value (or an array of it) makes the inner one opaque with it.
/// </summary>
public sealed class FieldSpaces(TypeLayout layout)
{
    private readonly Dictionary<(string Struct, string Field), SpaceSet> _stored = [];

    internal TypeLayout Layout => layout;
    private readonly HashSet<string> _opaque = [];

    private readonly HashSet<(string, string)> _conflictsReported = [];

    /// <summary>Set when a field's set or the opaque types grew: the inference runs again.</summary>
    internal bool Changed { get; set; }

    /// <summary>Starts a round of the inference: nothing grown, no conflict reported yet.</summary>
    internal void StartRound()
    {
        Changed = false;
        _conflictsReported.Clear();
    }

    /// <summary>True the first time a round asks about this field's conflict: it is reported once.</summary>
    internal bool FirstConflictReport(string structName, string field) => _conflictsReported.Add((structName, field));

    /// <summary>Whether stores into <paramref name="structName"/>'s pointer fields are not all seen: they hold global pointers.</summary>
    public bool IsOpaque(string structName) => _opaque.Contains(structName);

    /// <summary>The spaces stored into a pointer field so far (None when nothing but global pointers can be there).</summary>
    internal SpaceSet Stored(string structName, string field) =>
        _opaque.Contains(structName) ? SpaceSet.Global : _stored.GetValueOrDefault((structName, field));

    /// <summary>The one space a pointer field's pointers are in: global unless every store put one other space there.</summary>
    public MemorySpace SpaceOf(string structName, string field) =>
        MemorySpaces.Single(Stored(structName, field)) ?? MemorySpace.Global;

    internal void Store(string structName, string field, SpaceSet value)
    {
        var key = (structName, field);
        var old = _stored.GetValueOrDefault(key);
        if ((old | value) == old) return;
        _stored[key] = old | value;
        Changed = true;
    }

    /// <summary>Makes the struct types a value of type <paramref name="t"/> holds (itself, its elements, its fields' structs) opaque.</summary>
    internal void MarkOpaque(IrType t)
    {
        switch (t)
        {
            case ArrayType a:
                MarkOpaque(a.Element);
                break;
            case StructType st when layout.FindStruct(st.Name) is { } def && layout.ContainsPointer(st) && _opaque.Add(st.Name):
                Changed = true;
                foreach (var f in def.Fields) MarkOpaque(f.Type);
                break;
        }
    }
}
