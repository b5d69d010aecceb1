using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Frontend.Ptx;

/// <summary>
/// Lays the module's <c>.shared</c> variables (module-level and those declared in function bodies) out in one window:
/// each at the next offset its alignment allows, dynamic ones (<c>.extern .shared x[]</c>) all at the end of the static
/// ones. The window is an IR shared array of 8-byte elements (so 8-byte accesses are aligned), plus a dynamic one.
/// </summary>
internal static class PtxSharedLayout
{
    public static IReadOnlyList<Definition> Lay(PtxModule module, PtxModuleScope scope, string file, DiagnosticBag diagnostics)
    {
        long size = 0;
        var dynamic = new List<(PtxVariable Variable, string? Function)>();
        void Place(PtxVariable v, string? function)
        {
            try
            {
                if (v.Dimensions.Any(d => d is null)) { dynamic.Add((v, function)); return; }
                long bytes = Size(v);
                long align = Math.Max(v.Align, Element(v));
                size = (size + align - 1) / align * align;
                Add(v, function, new PtxWindowSymbol("shared", size));
                size += bytes;
            }
            catch (PtxException e)
            {
                diagnostics.Add(Codes.PtxUnsupported, new SourceLocation(file, v.Line, v.Column), e.Message);
            }
        }
        void Add(PtxVariable v, string? function, PtxSymbol symbol)
        {
            if (function is null) scope.Symbols[v.Name] = symbol;
            else
            {
                if (!scope.FunctionShared.TryGetValue(function, out var own)) scope.FunctionShared[function] = own = [];
                own[v.Name] = symbol;
            }
        }
        foreach (var v in module.Variables.Where(v => v.Space == "shared")) Place(v, null);
        foreach (var f in module.Functions.Where(f => f.Body is not null))
            foreach (var v in Declarations(f.Body!).Where(v => v.Space == "shared")) Place(v, f.Name);
        size = (size + 15) / 16 * 16; // dynamic shared memory starts 16-byte aligned, as CUDA's does
        foreach (var (v, function) in dynamic) Add(v, function, new PtxWindowSymbol("shared", size));
        var at = new SourceLocation(file, 1, 1);
        var definitions = new List<Definition>();
        string? staticArray = null, dynamicArray = null;
        if (size > 0)
        {
            staticArray = PtxModuleScope.IrName("__ptx_shared", scope.TakenNames);
            definitions.Add(new SharedDef(at, staticArray, new ArrayType(size / 8, IrType.Int64)));
        }
        if (dynamic.Count > 0)
        {
            dynamicArray = PtxModuleScope.IrName("__ptx_dynamic_shared", scope.TakenNames);
            definitions.Add(new SharedDef(at, dynamicArray, new ArrayType(0, IrType.Int64)));
        }
        if (staticArray is not null || dynamicArray is not null)
            scope.Shared = new PtxWindow("shared", staticArray, size, dynamicArray);
        return definitions;
    }

    /// <summary>The variables a body declares, blocks included.</summary>
    public static IEnumerable<PtxVariable> Declarations(IEnumerable<PtxStatement> body)
    {
        foreach (var s in body)
        {
            if (s is PtxVariableDeclaration d) yield return d.Variable;
            if (s is PtxBlock b) foreach (var v in Declarations(b.Statements)) yield return v;
        }
    }

    /// <summary>The bytes of one element (vector lanes counted once: <c>.v4 .f32</c> is 16).</summary>
    public static long Element(PtxVariable v)
    {
        int bits = PtxType.Parse(v.Type)?.Bits ?? (v.Type is "b8" or "u8" or "s8" ? 8 : v.Type == "b128" ? 128
            : throw new PtxException($"the variable '{v.Name}' has the type .{v.Type}, which is not translated"));
        return Math.Max(1, bits / 8) * v.Vector;
    }

    public static long Size(PtxVariable v) => v.Dimensions.Aggregate(Element(v), (n, d) => n * (d ?? 0));
}
