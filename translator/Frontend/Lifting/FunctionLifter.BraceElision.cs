using Translate.Frontend.Clang;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Lifting;

/// <summary>
/// Brace lists that leave out the braces around aggregate elements (<c>S s[2] = {1, 2, 3, 4}</c>, <c>int a[2][3] =
/// {1, 2, 3, 4, 5, 6}</c>), stored into their place once <see cref="BraceElision"/> has put the braces back.
/// </summary>
internal sealed partial class FunctionLifter
{
    /// <summary>
    /// An aggregate place from its elements' initializers: an array element by element, those left out value-initialized;
    /// a class member by member, those left out taking their default member initializers (else value-initialized); a
    /// CUDA vector type (<c>float2</c>, an aggregate in C++, a vector in the IR) from its lanes, those left out zero.
    /// </summary>
    private List<Stmt> InitializeRegrouped(Operand place, IReadOnlyList<ElementInitializer> elements, SourceLocation at)
    {
        var list = new List<Stmt>();
        switch (place.Type)
        {
            case ArrayType arrayType:
            {
                var address = AddressOf(place, at);
                var elementCType = place.CType.Canonical.ArrayElement;
                for (int i = 0; i < elements.Count; i++)
                {
                    var slot = new MemoryOperand(new ArrayPtrAddExpr(at, ArrayBase(address, at), new IntLit(at, i, null)), elementCType, arrayType.Element);
                    list.AddRange(InitializeElement(slot, elements[i], at));
                }
                if (elements.Count < arrayType.Length) list.Add(ZeroFill(address, elements.Count, arrayType, elementCType, at));
                return list;
            }
            case VectorType vector:
            {
                var lanes = Records.Fields(place.CType).Select((f, i) => i >= elements.Count ? ZeroOf(f.Type, _types.Map(f.Type, at), at)
                    : elements[i] is ElementInitializer.Written w ? Read(ConvertOperand(Lift(w.Value), f.Type, at), at)
                    : throw Unsupported(Codes.UnsupportedExpression, at, $"a lane of '{place.CType.Spelling}' from a nested brace list is not translated")).ToList();
                list.Add(Assign(place, new MakeExpr(at, vector, lanes), at));
                return list;
            }
            case StructType when !_types.IsStorage(place.CType):
            {
                var address = AddressOf(place, at);
                var fields = Records.Fields(place.CType);
                for (int i = 0; i < fields.Count; i++)
                {
                    var field = fields[i];
                    var slot = new MemoryOperand(new StructPtrAddExpr(at, address, Records.FieldName(field)), field.Type, _types.Map(field.Type, at));
                    if (i < elements.Count) list.AddRange(InitializeElement(slot, elements[i], at));
                    else if (ModuleLifter.InitializerOf(field) is null && slot.Type is ArrayType leftOut)
                        list.Add(ZeroFill(slot.Address, 0, leftOut, field.Type.Canonical.ArrayElement, at));
                    else list.Add(Assign(slot, OmittedMember(field, at), at));
                }
                return list;
            }
            default:
                throw Unsupported(Codes.UnsupportedExpression, at, Records.ElidedElementBracesReason(place.CType));
        }
    }

    /// <summary>One element: from what was written for it, or from the elements its elided braces held.</summary>
    private IEnumerable<Stmt> InitializeElement(Operand slot, ElementInitializer element, SourceLocation at) => element switch
    {
        ElementInitializer.Written w => Initialize(slot, w.Value, at),
        ElementInitializer.Regrouped r => InitializeRegrouped(slot, r.Elements, at),
        _ => throw new InvalidOperationException(),
    };
}
