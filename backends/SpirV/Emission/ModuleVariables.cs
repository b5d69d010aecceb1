using Translate.Backends.SpirV.Grammar;
using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Types;

namespace Translate.Backends.SpirV.Emission;

/// <summary>
/// Shared arrays and device globals as module-scope variables: shared memory is Workgroup storage
/// (one per work-group, as CUDA's per block, so no hoisting into kernels is needed as in OpenCL C);
/// <c>__device__</c> globals are CrossWorkgroup and <c>__constant__</c> ones UniformConstant, with their
/// initializers. (The OpenCL C emitter passes globals as buffer arguments so the host can rewrite them;
/// SPIR-V has program-scope variables, which a loader would reach through the host-pipe or
/// <c>clGetDeviceGlobalVariablePointer</c> extensions — see the README.)
/// </summary>
internal static class ModuleVariables
{
    public static uint Of(ModuleContext ctx, Symbol s)
    {
        if (ctx.ModuleVariables.TryGetValue(s, out var id)) return id;
        var m = ctx.Builder;
        var sc = SpirVTypes.ClassOf(FunctionInstance.StorageOf(s));
        if (s.Kind == SymbolKind.Global && s.Definition is GlobalDef { AddressSpace: 0 })
            throw new SpirVUnsupported($"host global '{s.Name}' used in device code");
        uint type = s.Type is PointerType ? ctx.Types.Of(s.Type, StorageClass.CrossWorkgroup) : ctx.Types.Memory(s.Type);
        uint? init = null;
        if (s.Definition is GlobalDef g)
        {
            if (g.PointsTo is not null) throw new SpirVUnsupported($"global '{s.Name}' initialized with the address of another");
            init = g.Initializer is null ? Zero(ctx, s.Type, type) : Constant(ctx, g.Initializer, s.Type);
        }
        id = m.GlobalVariable(m.TypePointer(sc, type), sc, init);
        m.Name(id, s.Name);
        if (sc == StorageClass.UniformConstant) m.Decorate(id, Decoration.Constant);
        ctx.ModuleVariables[s] = id;
        return id;
    }

    /// <summary>Zero of a type in memory: OpConstantNull only for composites and pointers (llvm-spirv-15 rejects it on scalars); a bool is a byte.</summary>
    public static uint Zero(ModuleContext ctx, IrType t, uint type) => t switch
    {
        _ when t.IsInteger => ctx.Builder.ConstInt(t.Bits, 0),
        _ when t.IsFloat => ctx.Builder.ConstFloat(t.Bits, 0),
        _ when t.IsBool => ctx.Builder.ConstInt(8, 0),
        _ => ctx.Builder.ConstNull(type),
    };

    private static uint Constant(ModuleContext ctx, Constant c, IrType t)
    {
        var m = ctx.Builder;
        switch (c, t)
        {
            case (IntConstant i, _) when t.IsInteger: return m.ConstInt(t.Bits, (ulong)(i.Value & ulong.MaxValue));
            case (IntConstant i, _) when t.IsFloat: return m.ConstFloat(t.Bits, (double)i.Value);
            case (FloatConstant f, _) when t.IsFloat: return m.ConstFloat(t.Bits, f.Value);
            case (BoolConstant b, _) when t.IsInteger: return m.ConstInt(t.Bits, b.Value ? 1UL : 0);
            case (BoolConstant b, _) when t.IsBool: return m.ConstInt(8, b.Value ? 1UL : 0);
            case (IntConstant i, _) when t.IsBool: return m.ConstInt(8, i.Value != 0 ? 1UL : 0);
            case (ListConstant l, ArrayType a):
            {
                var items = l.Items.Select(x => Constant(ctx, x, a.Element)).ToList();
                var zero = Zero(ctx, a.Element, ctx.Types.Memory(a.Element));
                while (items.Count < a.Length) items.Add(zero);
                return m.ConstComposite(ctx.Types.Of(t), items);
            }
            case (ListConstant l, VectorType v):
                return m.ConstComposite(ctx.Types.Of(t), l.Items.Select(x => Constant(ctx, x, v.Element)).ToList());
            case (ListConstant l, StructType st) when ctx.Module.Layout.FindStruct(st.Name) is { } def:
                return m.ConstComposite(ctx.Types.Of(t), def.Fields.Select((f, i) => i < l.Items.Count ? Constant(ctx, l.Items[i], f.Type) : Zero(ctx, f.Type, ctx.Types.Memory(f.Type))).ToList());
            default:
                throw new SpirVUnsupported($"initializer of type {t}");
        }
    }
}
