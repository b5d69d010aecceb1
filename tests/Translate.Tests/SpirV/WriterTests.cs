using System.Text.Json;
using Translate.Backends.SpirV;
using Translate.Backends.SpirV.Grammar;

namespace Translate.Tests.SpirV;

/// <summary>What the SPIR-V writer puts in a module, read through its own text form.</summary>
public class WriterTests : SpirVTestBase
{
    private const string Saxpy = """
        (c-lisp
          (define-kernel ((saxpy void) (a float) (x (ptr float)) (y (ptr float)) (n int))
            (declare i int)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (if (lt i n)
                (store (ptradd y i) (fadd (fmul a (load (ptradd x i))) (load (ptradd y i)))))))
        """;

    [Fact]
    public void A_kernel_is_an_OpenCL_entry_point_with_built_ins_as_input_variables()
    {
        var text = SpirVText.Format(SpirVWriter.Emit(Check(Saxpy)));
        Assert.Contains("OpCapability Kernel", text);
        Assert.Contains("OpCapability Addresses", text);
        Assert.Contains("OpMemoryModel Physical64 OpenCL", text);
        Assert.Matches(@"OpEntryPoint Kernel %\d+ ""saxpy""( %\d+){3}", text);
        Assert.Contains("BuiltIn LocalInvocationId", text);
        Assert.Contains("BuiltIn WorkgroupId", text);
        Assert.Contains("BuiltIn WorkgroupSize", text);
        Assert.Matches(@"OpTypePointer CrossWorkgroup %\d+", text);
        Assert.Contains("OpSelectionMerge", text);
        Assert.DoesNotContain("OpCapability Float64", text);
    }

    [Fact]
    public void Sections_come_in_the_order_the_specification_requires()
    {
        var lines = SpirVText.Format(SpirVWriter.Emit(Check(Saxpy))).Split('\n');
        int Index(string op) => Array.FindIndex(lines, l => l.Contains(op + " ", StringComparison.Ordinal));
        Assert.True(Index("OpCapability") < Index("OpMemoryModel"));
        Assert.True(Index("OpMemoryModel") < Index("OpEntryPoint"));
        Assert.True(Index("OpEntryPoint") < Index("OpName"));
        Assert.True(Index("OpName") < Index("OpDecorate"));
        Assert.True(Index("OpDecorate") < Index("OpTypeFloat"));
        Assert.True(Index("OpTypeFloat") < Index("OpFunction"));
    }

    [Fact]
    public void Shared_memory_is_Workgroup_storage_and_barriers_are_workgroup_control_barriers()
    {
        var text = SpirVText.Format(SpirVWriter.Emit(Check(OpenCl.Programs.BlockReduction)));
        Assert.Matches(@"OpVariable %\d+ Workgroup", text);
        Assert.Contains("OpControlBarrier", text);
        Assert.Contains("OpLoopMerge", text);
    }

    [Fact]
    public void Math_goes_through_OpenCL_std_and_double_asks_for_Float64()
    {
        var text = SpirVText.Format(SpirVWriter.Emit(Check("""
            (c-lisp
              (define-kernel ((k void) (p (ptr double)))
                (store p (math sqrt (load p)))))
            """)));
        Assert.Contains("OpExtInstImport \"OpenCL.std\"", text);
        Assert.Contains("OpCapability Float64", text);
        Assert.Matches(@"OpExtInst %\d+ %\d+ " + (uint)OpenClStd.sqrt + " ", text);
    }

    [Fact]
    public void Recursion_is_a_located_TR0701_and_no_binary()
    {
        var program = CompileText(OpenCl.EmitterTests.MutualRecursion);
        var d = Assert.Single(program.Diagnostics);
        Assert.Equal("TR0701", d.Code.Id);
        Assert.Contains("'even' calls itself", d.Message);
        Assert.Equal(3, d.Location.Line);
        Assert.Empty(program.Binary);
    }

    [Fact]
    public void An_unlowered_construct_is_a_located_TR0701_and_no_binary()
    {
        var program = CompileText("""
            (c-lisp
              (define-kernel ((k void) (p (ptr int)))
                (store p (add (load p) 1))
                (store (ptradd p 1) (trunc [globaltimer] int))))
            """);
        Assert.True(program.HasErrors);
        var d = Assert.Single(program.Diagnostics);
        Assert.Equal("TR0701", d.Code.Id);
        Assert.Equal(4, d.Location.Line);
        Assert.Empty(program.Binary);
    }

    /// <summary>
    /// A device function reaching dynamic shared memory (CUDA's SharedMemory&lt;T&gt;::getPointer idiom) gets the work-group's
    /// buffer from its caller, down from the kernel's __local argument; each array sees it as its own element type.
    /// </summary>
    [RequiresFact(Need.SpirVValidator, Need.SpirVReader)]
    public void Dynamic_shared_memory_is_passed_down_to_the_device_functions_that_use_it()
    {
        var program = CompileText("""
            (c-lisp
              (define ((slots (ptr int)))
                (define-shared s (arr 0 int))
                (ret (aptradd s 0)))
              (define ((scale void) (i int) (f float))
                (define-shared t (arr 0 float))
                (store (aptradd t i) (fmul (load (aptradd t i)) f)))
              (define-kernel ((k void) (p (ptr int)))
                (store (ptradd (call slots) [tid.x]) [tid.x])
                [__syncthreads]
                (call scale [tid.x] 2.0)
                [__syncthreads]
                (store (ptradd p [tid.x]) (load (ptradd (call slots) (sub 31 [tid.x]))))))
            """);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.Validate(program.Binary) ?? SpirVTools.ReadBack(program.Binary);
        Assert.True(complaint is null, $"{complaint}\n{SpirVTools.Disassemble(program.Binary)}");
    }

    /// <summary>[clock64] counts readings on a program-scope counter, as on the OpenCL C target (SPIR-V's clock needs Shader).</summary>
    [RequiresFact(Need.SpirVValidator, Need.SpirVReader)]
    public void A_clock_reading_is_an_increment_of_the_programs_counter()
    {
        var program = CompileText("""
            (c-lisp
              (define-kernel ((k void) (t (ptr int64)))
                (declare start int64)
                (set start [clock64])
                (store (ptradd t [tid.x]) (sub [clock64] start))))
            """);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var text = SpirVText.Format(program.Binary);
        Assert.Matches("OpAtomicIIncrement %[0-9]+ %[0-9]+ %[0-9]+", text);
        Assert.DoesNotContain("ShaderClockKHR", text);
        var complaint = SpirVTools.Validate(program.Binary) ?? SpirVTools.ReadBack(program.Binary);
        Assert.True(complaint is null, complaint);
    }

    /// <summary>A kernel with grid.sync() is split as on the OpenCL C target: its phase kernels, valid, and not the kernel itself.</summary>
    [RequiresFact(Need.SpirVValidator)]
    public void A_grid_barrier_splits_the_kernel_into_phase_kernels_as_on_opencl()
    {
        var program = CompileText("""
            (c-lisp
              (define-kernel ((k void) (p (ptr int)))
                (declare i int)
                (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
                (store (ptradd p i) i)
                (grid-sync)
                (store (ptradd p i) (add (load (ptradd p (sub 63 i))) i))))
            """);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var complaint = SpirVTools.Validate(program.Binary);
        Assert.True(complaint is null, complaint);
        var text = SpirVText.Format(program.Binary);
        Assert.Matches("OpEntryPoint Kernel %[0-9]+ \"k__grid_phase0\"", text);
        Assert.Contains("\"k__grid_phase1\"", text);
        Assert.DoesNotContain("\"k\"", text);
    }

    /// <summary>The committed tables agree with the grammar they were generated from (where spirv-headers is installed).</summary>
    [RequiresFact(Need.SpirVGrammar)]
    public void Generated_opcodes_and_enumerants_match_the_grammar()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Requirements.SpirVGrammarFile));
        foreach (var ins in doc.RootElement.GetProperty("instructions").EnumerateArray())
        {
            var name = ins.GetProperty("opname").GetString()!;
            Assert.True(Enum.TryParse<Op>(name[2..], out var op), name);
            Assert.Equal(ins.GetProperty("opcode").GetInt32(), (int)op);
        }
        Assert.Equal(4u, (uint)StorageClass.Workgroup);
        Assert.Equal(5u, (uint)StorageClass.CrossWorkgroup);
        Assert.Equal(24u, (uint)BuiltIn.NumWorkgroups);
        Assert.Equal(184u, (uint)OpenClStd.printf);
    }
}

/// <summary>Warp collectives keep CUDA's 32-lane meaning by exchanging through Workgroup memory.</summary>
public class WarpTests : SpirVTestBase
{
    [Fact]
    public void A_shuffle_exchanges_through_a_workgroup_scratch_array_between_barriers()
    {
        var text = Backends.SpirV.SpirVText.Format(Backends.SpirV.SpirVWriter.Emit(Check(OpenCl.Programs.WarpSum)));
        Assert.Contains("\"__warp_scratch\"", text);
        Assert.Contains("BuiltIn LocalInvocationIndex", text);
        Assert.True(text.Split('\n').Count(l => l.Contains("OpControlBarrier", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public void A_collective_in_a_divergent_loop_left_by_break_is_TR0503()
    {
        var program = CompileText("""
            (c-lisp
              (define-kernel ((k void) (p (ptr int)))
                (while (lt (load p) 4)
                  (if (lt [tid.x] 16) ((store p (shfl down -1 (load p) 1 32)) (break))))))
            """);
        Assert.Contains(program.Diagnostics, d => d.Code.Id == "TR0503" && d.Location.Line == 4);
        Assert.Empty(program.Binary);
    }

    [Fact]
    public void A_collective_under_a_divergent_if_is_if_converted()
    {
        var program = CompileText("""
            (c-lisp
              (define-kernel ((k void) (p (ptr int)))
                (if (lt [tid.x] 16)
                    (store p (shfl down -1 (load p) 1 32)))))
            """);
        Assert.Empty(program.Diagnostics);
        Assert.NotEmpty(program.Binary);
    }
}
