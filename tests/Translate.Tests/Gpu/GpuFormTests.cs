using Translate.Backends.Amdgpu;
using Translate.Backends.Llvm.Gpu;
using Translate.Backends.Nvptx;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Tests.Gpu;

/// <summary>How single CUDA forms come out in PTX and AMDGPU assembly (read from the text; nothing runs).</summary>
public class GpuFormTests
{
    private static CheckedModule Kernel(string body, string parameters = "(out (ptr int))") => TypeChecker.Check(IrParser.ParseText($"""
        (c-lisp
          (define-kernel ((k void) {parameters})
            {body})
          (define ((main int)) (ret 0)))
        """, "test.lisp"));

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("idx", 32, "shfl.sync.idx.b32", 31)]
    [InlineData("down", 8, "shfl.sync.down.b32", (24 << 8) | 31)]
    [InlineData("xor", 16, "shfl.sync.bfly.b32", (16 << 8) | 31)]
    [InlineData("up", 4, "shfl.sync.up.b32", 28 << 8)]
    public void A_shuffle_carries_cudas_segment_and_clamp_operand(string mode, int width, string instruction, int c)
    {
        var ptx = NvptxCompiler.EmitPtx(Kernel($"(store (ptradd out [tid.x]) (shfl {mode} -1 (load (ptradd out [tid.x])) 1 {width}))"));
        Assert.Matches($@"{instruction.Replace(".", @"\.")}\s+%r\d+, %r\d+, 1, {c}, -1;", ptx);
    }

    /// <summary>Device memset/memcpy become stores (LLVM's intrinsics, expanded for the GPU): no library symbol is left to link.</summary>
    [RequiresFact(Need.GpuBackends)]
    public void Device_memset_and_memcpy_leave_no_library_call()
    {
        var program = Kernel("""
            (declare tile (arr 16 int))
            (call memset (bitcast (aptradd tile 0) (ptr int8)) 0 (int64 64))
            (call memcpy (bitcast (aptradd tile 0) (ptr int8)) (bitcast out (ptr int8)) (int64 32))
            (store (ptradd out [tid.x]) (load (aptradd tile (zext (urem [tid.x] 16) int64))))
            """);
        var ptx = NvptxCompiler.EmitPtx(program);
        Assert.DoesNotContain("memset", ptx);
        Assert.DoesNotContain("memcpy", ptx);
        Assert.DoesNotContain("memmove", ptx);
        Assert.DoesNotContain(".extern .func", ptx);
        var amd = AmdgpuCompiler.EmitAssembly(program, "gfx1100");
        Assert.DoesNotContain("memset", amd);
        Assert.DoesNotContain("memmove", amd);
    }

    [RequiresFact(Need.GpuBackends)]
    public void A_64_bit_shuffle_moves_two_halves()
    {
        var ptx = NvptxCompiler.EmitPtx(Kernel("(store (ptradd out [tid.x]) (shfl xor -1 (load (ptradd out [tid.x])) 1 32))", "(out (ptr double))"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(ptx, @"shfl\.sync\.bfly\.b32").Count);
    }

    [RequiresFact(Need.GpuBackends)]
    public void Votes_and_the_counting_barrier_use_their_ptx_instructions()
    {
        var ptx = NvptxCompiler.EmitPtx(Kernel("""
            (store out (vote ballot -1 (gt [tid.x] 3)))
            (if (vote any -1 (eq [tid.x] 5)) (store (ptradd out 1) (syncthreads-count (lt [tid.x] 7))))
            """));
        Assert.Contains("vote.sync.ballot.b32", ptx);
        Assert.Contains("vote.sync.any.pred", ptx);
        Assert.Contains("bar.red.popc.u32", ptx);
    }

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("sm_60")]
    [InlineData("sm_70")]
    [InlineData("sm_90")]
    public void Every_warp_form_compiles_on_every_architecture(string arch)
    {
        var program = Kernel("""
            (store out [activemask])
            (syncwarp -1)
            (if (vote uni -1 (gt [laneid] 3)) (store (ptradd out 1) (select (syncthreads-and (vote all -1 (lt [tid.x] 9))) 1 0)))
            (store (ptradd out 2) (select (syncthreads-or (eq [tid.x] 2)) 1 0))
            """);
        var ptx = NvptxCompiler.EmitPtx(program, arch);
        foreach (var i in new[] { "activemask.b32", "bar.warp.sync", "vote.sync.uni.pred", "vote.sync.all.pred", "bar.red.and.pred", "bar.red.or.pred" })
            Assert.Contains(i, ptx);
        foreach (var amd in new[] { "gfx90a", "gfx942", "gfx1100" }) Assert.Contains("s_barrier", AmdgpuCompiler.EmitAssembly(program, amd));
    }

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("block", "atom.cta.add.s32")]
    [InlineData("system", "atom.sys.add.s32")]
    [InlineData("device", "atom.global.add.u32")] // PTX's default scope for atom is .gpu
    public void Atomics_keep_their_scope(string scope, string instruction)
    {
        var ptx = NvptxCompiler.EmitPtx(Kernel($"(atomic-rmw add out 1 {scope} relaxed)"));
        Assert.Contains(instruction, ptx);
    }

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("umax", "block", "atom.cta.cas.b32", "max.u32")]
    [InlineData("umin", "system", "atom.sys.cas.b32", "min.u32")]
    public void Unsigned_max_and_min_keep_their_scope_through_a_scoped_compare_and_swap(string op, string scope, string cas, string compare)
    {
        // NVVM's scoped max/min intrinsics are signed only; found by the fuzzer's static PTX check (a crash before).
        var ptx = NvptxCompiler.EmitPtx(Kernel($"(store (ptradd out 1) (atomic-rmw {op} out 7 {scope} relaxed))"));
        Assert.Contains(cas, ptx);
        Assert.Contains(compare, ptx);
        Assert.DoesNotContain($".{op[1..]}.s32", ptx);
    }

    [RequiresFact(Need.GpuBackends)]
    public void Thread_indices_are_special_registers()
    {
        var ptx = NvptxCompiler.EmitPtx(Kernel("(store (ptradd out (add (mul [bid.y] [bdim.y]) [tid.y])) [gdim.z])"));
        foreach (var r in new[] { "%ctaid.y", "%ntid.y", "%tid.y", "%nctaid.z" }) Assert.Contains(r, ptx);
    }

    [RequiresFact(Need.GpuBackends)]
    public void Math_the_device_library_lacks_is_refused_with_a_diagnostic()
    {
        var program = Kernel("(store out (math lgamma (load out)))", "(out (ptr float))");
        var e = Assert.Throws<DiagnosticException>(() => NvptxCompiler.EmitPtx(program));
        Assert.Equal(GpuCodes.NoDeviceMath, e.Diagnostics[0].Code);
        Assert.Contains("lgamma", e.Diagnostics[0].Message);
    }

    [RequiresFact(Need.GpuBackends)]
    public void Erfc_in_double_is_refused_because_it_would_lose_bits_and_pow_in_double_compiles()
    {
        var erfc = Kernel("(store out (math erfc (load out)))", "(out (ptr double))");
        var e = Assert.Throws<DiagnosticException>(() => NvptxCompiler.EmitPtx(erfc));
        Assert.Equal(GpuCodes.NoDeviceMath, e.Diagnostics[0].Code);
        Assert.Contains("double", e.Diagnostics[0].Message);
        // pow carries y·log x in extra precision (within 1 ulp as measured: DeviceMathAccuracyTests), with fused steps.
        Assert.Contains("fma.rn.f64", NvptxCompiler.EmitPtx(Kernel("(store out (math pow (load out) (load out)))", "(out (ptr double))")));
    }

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("float")]
    [InlineData("double")]
    public void Transcendental_math_compiles_to_our_own_device_code_on_both_targets(string type)
    {
        var program = Kernel($"""
            (declare x {type})
            (set x (load out))
            (store out (fadd (math sin x) (fadd (math exp x) (fadd (math log x) (fadd (math erf x) (math fmod x (math tanh x)))))))
            """, $"(out (ptr {type}))");
        var ptx = NvptxCompiler.EmitPtx(program);
        Assert.DoesNotContain(".extern .func", ptx);
        Assert.Contains("fma.rn.f64", ptx); // the library computes in double, with explicit fused steps
        Assert.DoesNotContain(".approx", ptx);
        var asm = AmdgpuCompiler.EmitAssembly(program, "gfx90a");
        Assert.Contains("v_fma_f64", asm);
    }

    [RequiresFact(Need.GpuBackends)]
    public void Square_root_is_exact_on_both_targets()
    {
        var program = Kernel("(store out (math sqrt (load out)))", "(out (ptr float))");
        Assert.Contains("sqrt.rn.f32", NvptxCompiler.EmitPtx(program));
        Assert.DoesNotContain("sqrt.approx", NvptxCompiler.EmitPtx(program));
    }

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("float")]
    [InlineData("double")]
    public void Exact_math_compiles_to_instructions_on_both_targets(string type)
    {
        var program = Kernel($"""
            (declare x {type})
            (set x (load out))
            (store out (math fma (math sqrt x) (math floor x) (math ceil x)))
            (store (ptradd out 1) (math fmin (math trunc x) (math round x)))
            (store (ptradd out 2) (math fmax (math rint x) (math copysign (math fabs x) x)))
            (store (ptradd out 3) (math ldexp (math rsqrt x) 3))
            """, $"(out (ptr {type}))");
        var ptx = NvptxCompiler.EmitPtx(program);
        Assert.DoesNotContain(".extern", ptx);
        Assert.DoesNotContain(".approx", ptx); // every operation here is correctly rounded (rsqrt is 1/sqrt: two roundings)
        foreach (var arch in new[] { "gfx90a", "gfx1100" })
            Assert.DoesNotContain("s_swappc", AmdgpuCompiler.EmitAssembly(program, arch)); // no call to a library
    }

    [RequiresFact(Need.GpuBackends)]
    public void A_dynamic_stack_allocation_is_refused_with_a_diagnostic_on_both_targets()
    {
        var program = Kernel("(declare p (ptr int)) (set p (alloc int [tid.x])) (store p 1) (store out (load p))");
        Assert.Equal(GpuCodes.Unsupported, Assert.Throws<DiagnosticException>(() => NvptxCompiler.EmitPtx(program)).Diagnostics[0].Code);
        Assert.Equal(GpuCodes.Unsupported, Assert.Throws<DiagnosticException>(() => AmdgpuCompiler.EmitAssembly(program, "gfx1100")).Diagnostics[0].Code);
    }

    [RequiresFact(Need.GpuBackends)]
    public void An_unknown_architecture_is_a_diagnostic()
    {
        var program = Kernel("(store out 1)");
        Assert.Equal(GpuCodes.BadArch, Assert.Throws<DiagnosticException>(() => NvptxCompiler.EmitPtx(program, "sm_35")).Diagnostics[0].Code);
        Assert.Equal(GpuCodes.BadArch, Assert.Throws<DiagnosticException>(() => AmdgpuCompiler.EmitAssembly(program, "gfx803")).Diagnostics[0].Code);
    }

    [RequiresTheory(Need.GpuBackends)]
    [InlineData("gfx1100", ".wavefront_size: 32")]
    [InlineData("gfx90a", ".wavefront_size: 64")]
    public void Amd_shuffles_are_ds_bpermute_on_either_wavefront_size(string arch, string feature)
    {
        var asm = AmdgpuCompiler.EmitAssembly(Kernel("(store (ptradd out [tid.x]) (shfl down -1 (load (ptradd out [tid.x])) 1 32))"), arch);
        Assert.Contains("ds_bpermute_b32", asm);
        Assert.Contains(feature, asm);
        Assert.Contains("v_mbcnt_lo_u32_b32", asm);
    }

    [RequiresFact(Need.GpuBackends)]
    public void Amd_barriers_are_s_barrier()
    {
        var asm = AmdgpuCompiler.EmitAssembly(Kernel("(define-shared buf (arr 64 int)) (store (aptradd buf [tid.x]) 1) [__syncthreads] (store out (load (aptradd buf 3)))"), "gfx1100");
        Assert.Contains("s_barrier", asm);
    }
    /// <summary>
    /// grid-sync as CUDA's cooperative-groups header builds it: block barrier, a fence, one atomic add per block on the
    /// module's arrival word, a spin reading it until its top bit flips, a fence, block barrier.
    /// </summary>
    [RequiresFact(Need.GpuBackends)]
    public void A_grid_barrier_is_an_arrival_word_between_two_block_barriers()
    {
        var program = Kernel("(store (ptradd out [tid.x]) 1) (grid-sync) (store (ptradd out [tid.x]) (load (ptradd out (sub 63 [tid.x]))))");
        var ptx = NvptxCompiler.EmitPtx(program);
        Assert.Contains(".global .align 4 .u32 __trg_grid_arrivals;", ptx);
        Assert.Matches(@"(?s)bar\.sync\s+0;.*membar\.gl;.*atom\.global\.add\.u32.*ld\.volatile\.global\.u32\s+%r\d+, \[__trg_grid_arrivals\];.*membar\.gl;.*bar\.sync\s+0;", ptx);
        var amd = AmdgpuCompiler.EmitAssembly(program, "gfx90a");
        Assert.Contains("__trg_grid_arrivals", amd);
        Assert.Matches(@"global_atomic_add(_u32)?\s", amd);
    }
}
