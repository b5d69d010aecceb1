using Translate.Ir.Passes;
using System.Text;
using Translate.Backends.OpenCl.Emission;
using Translate.Backends.OpenCl.Naming;
using Translate.Backends.OpenCl.Prelude;
using Translate.Backends.OpenCl.Types;
using Translate.Ir.Analysis;
using Translate.Ir.Transformations;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Types;
using Translate.Ir.Verification;

namespace Translate.Backends.OpenCl;

/// <summary>
/// Emits OpenCL C 1.2 for a checked module's kernels and the device functions they call: address
/// spaces inferred (device functions cloned per combination), warp collectives checked for
/// uniform use, structs with CUDA's layout, then the prelude helpers used, then the functions,
/// callees first. The output is deterministic: the same module gives the same text.
/// </summary>
public static class OpenClEmitter
{
    /// <summary>
    /// The OpenCL C text for <c>translate compile --target opencl</c>. Throws <see cref="DiagnosticException"/>
    /// when the module uses something OpenCL cannot express exactly (TR05xx, located).
    /// </summary>
    public static string Emit(CheckedModule module)
    {
        var program = Compile(module, OpenClTarget.Portable);
        if (program.HasErrors) throw new DiagnosticException(program.Diagnostics);
        return program.Source;
    }

    /// <summary>Emits the module for a device with the given features; problems are in <see cref="OpenClProgram.Diagnostics"/>.</summary>
    public static OpenClProgram Compile(CheckedModule module, OpenClTarget target)
    {
        // No barrier across work-groups: kernels with grid barriers become one kernel per stretch between them.
        var fission = GridSyncFission.Run(module);
        // Every work-item must reach each barrier: returned ones are kept at later barriers, and branches
        // holding warp collectives under a thread-dependent condition are if-converted.
        module = Pipelines.WorkGroupBarriers.Run(fission.Module);
        var plan = AddressSpaceInference.Run(module, fieldSpaces: true);
        var types = new OpenClTypes(module.Layout);
        var ctx = new ModuleContext(module, target, plan, types);
        ctx.Diagnostics.AddRange(plan.Diagnostics);
        foreach (var r in plan.Recursive)
            ctx.Unsupported(r.Function.Location, $"'{r.Function.Name}' calls itself (directly or through other functions): OpenCL C has no recursion");
        var uniformity = WorkGroupUniformity.Analyze(module);
        ctx.Diagnostics.AddRange(uniformity.Diagnostics);
        ctx.DivergentLoops = uniformity.LoopsWithDivergentTrips;
        foreach (var (at, message) in fission.RefusalMessages("OpenCL")) ctx.Unsupported(at, message);
        ctx.GridSyncRefused = fission.Refusals.Count > 0;

        foreach (var s in module.Module.Structs) ctx.ModuleNames.Add(OpenClTypes.StructName(s.Name));
        foreach (var inst in plan.Instances) inst.Name = ctx.UniqueModuleName(inst.Name);
        ctx.Resources = ResourcePlan.Build(module, plan, ctx.UniqueModuleName);

        var functions = new List<string>();
        var kernels = new List<OpenClKernel>();
        foreach (var inst in plan.Instances)
        {
            // A split kernel runs as its phases; its own (emptied) definition is only the name host code launches.
            if (fission.IsSplit(inst.Function)) continue;
            var (text, kernel) = new FunctionEmitter(ctx, inst).Emit();
            functions.Add(text);
            if (kernel is not null) kernels.Add(kernel);
        }
        // Kernels are listed in the module's order, whatever order their callees forced.
        kernels = kernels.OrderBy(k => plan.Kernels.ToList().FindIndex(i => i.Name == k.Name)).ToList();

        var globals = plan.Instances.SelectMany(i => ctx.Resources.NeedsOf(i)).Where(r => r.Kind == ResourceKind.Global).Distinct()
            .OrderBy(r => r.Order).Select(r => new OpenClGlobal(r.CName, (GlobalDef)r.Symbol!.Definition!, module.Layout.SizeOf(r.Symbol.Type))).ToList();

        var sb = new StringBuilder();
        sb.Append("// OpenCL C 1.2 emitted by Translate from ").Append(Path.GetFileName(module.Module.File)).Append('\n');
        // OpenCL C lets the compiler fuse a*b+c into one rounding by default; the IR rounds each operation.
        sb.Append("#pragma OPENCL FP_CONTRACT OFF\n");
        Header(sb, ctx);
        foreach (var p in fission.Plans.Values)
            sb.Append($"// kernel {p.Kernel} runs as {string.Join(", ", p.Phases.Select(n => plan.Instances.First(i => i.Function.Name == n).Name))} in turn over its grid " +
                $"(OpenCL has no grid.sync()); what lives across one is kept in __grid_spill: {p.BytesPerThread} bytes per thread, " +
                $"{p.StaticSharedBytesPerBlock}{(p.SavesDynamicShared ? " + the dynamic shared size" : "")} per block\n");
        Structs(sb, ctx, module, plan.Fields);
        foreach (long size in ctx.StructByteSizes)
            sb.Append($"\n// a struct parameter of {size} bytes holding pointers, passed as its bytes (OpenCL forbids pointers in struct arguments)\n")
              .Append($"typedef struct {{ uchar bytes[{size}]; }} tr_bytes_{size};\n");
        foreach (var h in ctx.Helpers) sb.Append('\n').Append(PreludeLibrary.Text(h).TrimEnd()).Append('\n');
        foreach (var f in functions) sb.Append('\n').Append(f);
        return new OpenClProgram(sb.ToString(), kernels, globals, ctx.Diagnostics.Items, target.BuildOptions, ctx.Traps, ctx.TrapErrors)
        {
            GridPhases = fission.Plans,
            PointerOffsets = target.PointerOffsets,
        };
    }

    private static void Header(StringBuilder sb, ModuleContext ctx)
    {
        var lines = new List<string>();
        // Types are noted while emitting, so the pragmas are decided last but printed first.
        if (ctx.Types.UsesDouble)
        {
            lines.Add("#pragma OPENCL EXTENSION cl_khr_fp64 : enable");
            if (!ctx.Target.Fp64) ctx.Diagnostics.Add(Codes.OpenClUnsupported, Ir.Syntax.SourceLocation.None, "double on a device without cl_khr_fp64");
        }
        if (ctx.Types.UsesHalf)
        {
            lines.Add("#pragma OPENCL EXTENSION cl_khr_fp16 : enable");
            if (!ctx.Target.Fp16) ctx.Diagnostics.Add(Codes.OpenClUnsupported, Ir.Syntax.SourceLocation.None, "half arithmetic on a device without cl_khr_fp16");
        }
        if (ctx.UsesInt64Atomics)
        {
            lines.Add("#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable");
            lines.Add("#pragma OPENCL EXTENSION cl_khr_int64_extended_atomics : enable");
        }
        if (lines.Count > 0) sb.Append('\n').Append(string.Join("\n", lines)).Append('\n');
    }

    /// <summary>Structs in dependency order, each followed by a compile-time check of its CUDA size.</summary>
    private static void Structs(StringBuilder sb, ModuleContext ctx, CheckedModule module, FieldSpaces? fieldSpaces)
    {
        var types = ctx.Types;
        var layout = module.Layout;
        var done = new HashSet<string>();
        var order = new List<StructDef>();
        void Visit(StructDef s)
        {
            if (!done.Add(s.Name)) return;
            foreach (var f in s.Fields)
            {
                var t = f.Type;
                while (t is ArrayType a) t = a.Element;
                if (t is StructType st && layout.FindStruct(st.Name) is { } inner) Visit(inner);
            }
            order.Add(s);
        }
        foreach (var s in module.Module.Structs) Visit(s);

        // Field types first, so tuple vectors used only inside structs are known before printing.
        var bodies = order.Select(s => (s, Fields: s.Fields.Select(f => Field(types, f, fieldSpaces?.SpaceOf(s.Name, f.Name))).ToList())).ToList();
        foreach (var v in types.TupleVectors.ToList())
        {
            string elem = OpenClTypes.Scalar(((ScalarType)v.Element).Kind);
            string lanes = string.Join(", ", new[] { "x", "y", "z", "w" }.Take(v.Length));
            int align = layout.AlignOf(v);
            string attr = align > v.Element.Bits / 8 ? $" __attribute__((aligned({align})))" : "";
            sb.Append($"\n// CUDA's {elem}{v.Length}: {layout.SizeOf(v)} bytes (OpenCL's own {elem}{v.Length} has another size or alignment)\n");
            sb.Append($"typedef struct{attr} {{ {elem} {lanes}; }} tr_{elem}{v.Length};\n");
        }
        // Names first, so structs can point to each other and to themselves.
        if (bodies.Count > 0) sb.Append('\n');
        foreach (var (s, _) in bodies) sb.Append($"typedef struct {OpenClTypes.StructName(s.Name)} {OpenClTypes.StructName(s.Name)};\n");
        foreach (var (s, fields) in bodies)
        {
            string name = OpenClTypes.StructName(s.Name);
            sb.Append($"\nstruct {name} {{\n");
            foreach (var f in fields) sb.Append("    ").Append(f).Append(";\n");
            sb.Append("};\n");
            long size = layout.SizeOf(new StructType(s.Name));
            sb.Append($"typedef char tr_check_{name}_size[sizeof({name}) == {size} ? 1 : -1];  // CUDA's layout: {size} bytes\n");
        }
    }

    /// <summary>
    /// A field's declaration; a pointer field points into <paramref name="pointeeSpace"/>, the one space every store into
    /// it agrees on (global when none says otherwise). CUDA caps vector alignment at 16; OpenCL aligns 32-byte vectors
    /// to 32 — those are tuple structs already.
    /// </summary>
    private static string Field(OpenClTypes types, StructField f, MemorySpace? pointeeSpace) =>
        types.Declare(f.Type, Identifiers.Sanitize(f.Name), null, f.Type is PointerType ? pointeeSpace : null, inMemory: true);
}
