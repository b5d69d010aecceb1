using Translate.Frontend;
using Translate.Ir.Diagnostics;
using Translate.Tests.Cpu;
using Translate.Tests.OpenCl;

namespace Translate.Tests.Frontend;

/// <summary>
/// Inline PTX (<c>asm("…" : outputs : inputs)</c>) in device code lifts to ordinary IR: each program prints the same on
/// the interpreter, cpu and OpenCL, and the values are PTX's (checked by hand against the PTX ISA: bfe's sign
/// extension, prmt's sign-replicate nibbles, the add.cc/addc carry, lop3's truth table, shfl's CUDA encoding, vabsdiff4's bytes).
/// What is not translated is TR0410 at the statement, naming the instruction.
/// </summary>
public sealed class InlinePtxTests : FrontendTestBase
{
    private static readonly Dictionary<string, (string Cuda, string Expected)> Programs = new()
    {
        // %laneid, bfe.u32/.s32 ("n" immediate), bfi, prmt with a sign-replicating nibble, a braced block with .reg,
        // mov.b64 unpacking into an add.cc/addc chain, setp+selp and an @q-guarded add, lop3, ld.global.nc at an
        // offset, fma, shfl.sync.bfly of a float, st.global.cs with a "memory" clobber.
        ["integer_and_bits"] = ("""
            #include <cstdio>
            __device__ unsigned lane_id() { unsigned l; asm("mov.u32 %0, %%laneid;" : "=r"(l)); return l; }
            __global__ void k(unsigned *o, float *f, const float *in) {
              unsigned t = threadIdx.x;
              o[t * 8 + 0] = lane_id();
              unsigned b; asm("bfe.u32 %0, %1, 4, 8;" : "=r"(b) : "r"(0x12345678u + t));
              o[t * 8 + 1] = b;
              int sb; asm("bfe.s32 %0, %1, %2, %3;" : "=r"(sb) : "r"(0x0000F000 + (int)t), "r"(12), "n"(4));
              o[t * 8 + 2] = (unsigned)sb;
              unsigned ins; asm("bfi.b32 %0, %1, %2, 8, 8;" : "=r"(ins) : "r"(0xAB), "r"(0xFFFFFFFFu - t));
              o[t * 8 + 3] = ins;
              unsigned p; asm("prmt.b32 %0, %1, %2, 0x8140;" : "=r"(p) : "r"(0x11223344u), "r"(0x8899AABBu));
              o[t * 8 + 4] = p;
              unsigned lo, hi; unsigned long long w = 0x123456789ull * (t + 1);
              asm("{ .reg .u32 a, b; mov.b64 {a, b}, %2; add.cc.u32 %0, a, 0xFFFFFFFF; addc.u32 %1, b, 0; }" : "=r"(lo), "=r"(hi) : "l"(w));
              o[t * 8 + 5] = lo ^ hi;
              unsigned m; asm("{ .reg .pred q; setp.lt.u32 q, %1, 16; selp.u32 %0, 100, 200, q; @q add.u32 %0, %0, 1; }" : "=r"(m) : "r"(t));
              o[t * 8 + 6] = m;
              unsigned l3; asm("lop3.b32 %0, %1, %2, %3, 0x96;" : "=r"(l3) : "r"(t), "r"(0xF0F0u), "r"(0x0FF0u));
              o[t * 8 + 7] = l3;
              float x = in[t], y;
              asm volatile("ld.global.nc.f32 %0, [%1+4];" : "=f"(y) : "l"(in + t));
              float z; asm("fma.rn.f32 %0, %1, %2, %3;" : "=f"(z) : "f"(x), "f"(2.0f), "f"(y));
              float s; asm volatile("shfl.sync.bfly.b32 %0, %1, %2, 0x1f, 0xffffffff;" : "=f"(s) : "f"(z), "r"(1));
              asm volatile("st.global.cs.f32 [%0], %1;" :: "l"(f + t), "f"(s) : "memory");
            }
            int main() {
              unsigned *o; float *f, *in; float h[40];
              cudaMalloc(&o, 32 * 8 * 4); cudaMalloc(&f, 32 * 4); cudaMalloc(&in, 40 * 4);
              for (int i = 0; i < 40; i++) h[i] = i * 0.5f;
              cudaMemcpy(in, h, sizeof h, cudaMemcpyHostToDevice);
              k<<<1, 32>>>(o, f, in);
              unsigned ho[256]; float hf[32];
              cudaMemcpy(ho, o, sizeof ho, cudaMemcpyDeviceToHost);
              cudaMemcpy(hf, f, sizeof hf, cudaMemcpyDeviceToHost);
              for (int t = 0; t < 32; t += 17) { for (int j = 0; j < 8; j++) printf("%x ", ho[t * 8 + j]); printf("%g\n", hf[t]); }
              return 0;
            }
            """, "0 67 ffffffff ffffabff 33bb44 2345678a 65 ff00 2\n11 68 ffffffff ffffabee 33bb44 7ae147b4 c8 ff11 24.5\n"),

        // .approx math (ex2, lg2, rcp, tanh, rsqrt), popc, clz, brev, shf.l.wrap, mul.hi, cvt.rni, mul.wide.s32, mad.lo,
        // ld.volatile.global.v4, membar.gl, vote.sync.ballot on a local predicate, mov.b64 packing.
        ["float_memory_warp"] = ("""
            #include <cstdio>
            #include <cuda_fp16.h>
            __global__ void k(float *f, unsigned *o, unsigned long long *q, const uint4 *src) {
              unsigned t = threadIdx.x;
              float x = 0.25f * (t + 1), e, l, r, th, rs;
              asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(e) : "f"(x));
              asm("lg2.approx.f32 %0, %1;" : "=f"(l) : "f"(x));
              asm("rcp.approx.ftz.f32 %0, %1;" : "=f"(r) : "f"(x));
              asm("tanh.approx.f32 %0, %1;" : "=f"(th) : "f"(x));
              asm("rsqrt.approx.f32 %0, %1;" : "=f"(rs) : "f"(x));
              f[t * 6 + 0] = e; f[t * 6 + 1] = l; f[t * 6 + 2] = r; f[t * 6 + 3] = th; f[t * 6 + 4] = rs; f[t * 6 + 5] = 0;
              unsigned v = 0x80000001u + t * 0x01010101u, pc, cz, bv, sh, mh;
              asm("popc.b32 %0, %1;" : "=r"(pc) : "r"(v));
              asm("clz.b32 %0, %1;" : "=r"(cz) : "r"(t));
              asm("brev.b32 %0, %1;" : "=r"(bv) : "r"(v));
              asm("shf.l.wrap.b32 %0, %1, %2, %3;" : "=r"(sh) : "r"(v), "r"(0xDEADBEEFu), "r"(t));
              asm("mul.hi.u32 %0, %1, %2;" : "=r"(mh) : "r"(v), "r"(v));
              int ci; asm("cvt.rni.s32.f32 %0, %1;" : "=r"(ci) : "f"(x * 3.0f - 10.0f));
              long long wide; asm("mul.wide.s32 %0, %1, %2;" : "=l"(wide) : "r"(-(int)t - 1), "r"(0x40000000));
              unsigned mm; asm("mad.lo.u32 %0, %1, %2, %3;" : "=r"(mm) : "r"(t), "r"(t), "r"(7u));
              o[t * 8 + 0] = pc; o[t * 8 + 1] = cz; o[t * 8 + 2] = bv; o[t * 8 + 3] = sh; o[t * 8 + 4] = mh; o[t * 8 + 5] = (unsigned)ci;
              o[t * 8 + 6] = mm;
              unsigned a0, a1, a2, a3;
              asm volatile("ld.volatile.global.v4.b32 {%0, %1, %2, %3}, [%4];" : "=r"(a0), "=r"(a1), "=r"(a2), "=r"(a3) : "l"(src + t));
              asm volatile("membar.gl;" ::: "memory");
              unsigned ballot; asm volatile("{ .reg .pred p; setp.ne.u32 p, %1, 0; vote.sync.ballot.b32 %0, p, 0xffffffff; }" : "=r"(ballot) : "r"(t & 1));
              o[t * 8 + 7] = a0 + a1 + a2 + a3 + ballot;
              unsigned long long packed; asm("mov.b64 %0, {%1, %2};" : "=l"(packed) : "r"(t), "r"(0xCAFEu));
              q[t] = packed + (unsigned long long)wide;
            }
            int main() {
              float *f; unsigned *o; unsigned long long *q; uint4 *s;
              cudaMalloc(&f, 32 * 6 * 4); cudaMalloc(&o, 32 * 8 * 4); cudaMalloc(&q, 32 * 8); cudaMalloc(&s, 32 * 16);
              uint4 hs[32]; for (int i = 0; i < 32; i++) hs[i] = make_uint4(i, 2 * i, 3 * i, 4 * i);
              cudaMemcpy(s, hs, sizeof hs, cudaMemcpyHostToDevice);
              k<<<1, 32>>>(f, o, q, s);
              float hf[192]; unsigned ho[256]; unsigned long long hq[32];
              cudaMemcpy(hf, f, sizeof hf, cudaMemcpyDeviceToHost); cudaMemcpy(ho, o, sizeof ho, cudaMemcpyDeviceToHost); cudaMemcpy(hq, q, sizeof hq, cudaMemcpyDeviceToHost);
              for (int t = 0; t < 32; t += 9) {
                printf("%.5f %.5f %.5f %.5f %.5f %.4f |", hf[t*6], hf[t*6+1], hf[t*6+2], hf[t*6+3], hf[t*6+4], hf[t*6+5]);
                for (int j = 0; j < 8; j++) printf(" %x", ho[t * 8 + j]);
                printf(" | %llx\n", hq[t]);
              }
              return 0;
            }
            """, "1.18921 -2.00000 4.00000 0.24492 2.00000 0.0000 | 2 20 80000001 deadbeef 40000001 fffffff7 7 aaaaaaaa | cafdc0000000\n5.65685 1.32193 0.40000 0.98661 0.63246 0.0000 | 9 1c 50909091 5b7ddf12 495aabfe fffffffe 58 aaaaab04 | cafb80000009\n26.90869 2.24793 0.21053 0.99985 0.45883 0.0000 | a 1b c8484849 fbbe4848 53589de4 4 14b aaaaab5e | caf940000012\n128.00000 2.80735 0.14286 1.00000 0.37796 0.0000 | 10 1b 38d8d8d9 7cd8d8d8 5df9d5b2 b 2e0 aaaaabb8 | caf70000001b\n"),

        // vabsdiff4 (NVIDIA stereoDisparity's sum of absolute differences): .add accumulating into c, the per-byte form,
        // and signed bytes.
        ["simd_video"] = ("""
            #include <cstdio>
            __global__ void k(unsigned *o) {
              unsigned t = threadIdx.x, a = 0x10F08020u + t * 0x01020304u, b = 0x2080F010u + t, s, d, n;
              asm("vabsdiff4.u32.u32.u32.add %0, %1, %2, %3;" : "=r"(s) : "r"(a), "r"(b), "r"(100 + t));
              asm("vabsdiff4.u32.u32.u32 %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(b), "r"(0));
              asm("vabsdiff4.s32.s32.s32.add %0, %1, %2, %3;" : "=r"(n) : "r"(a), "r"(b), "r"(7));
              o[t * 3] = s; o[t * 3 + 1] = d; o[t * 3 + 2] = n;
            }
            int main() {
              unsigned *o; cudaMalloc(&o, 32 * 3 * 4);
              k<<<1, 32>>>(o);
              unsigned h[96]; cudaMemcpy(h, o, sizeof h, cudaMemcpyDeviceToHost);
              for (int t = 0; t < 32; t += 17) printf("%x %x %x\n", h[t * 3], h[t * 3 + 1], h[t * 3 + 2]);
              return 0;
            }
            """, "164 10707010 107\n165 26e3d43 11b\n"),
    };

    public static TheoryData<string> Names() => new(Programs.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Runs_on_the_interpreter(string name) => Assert.Equal(Programs[name].Expected, LiftAndRun(Programs[name].Cuda, "interp"));

    [RequiresTheory(Need.Cpu)]
    [MemberData(nameof(Names))]
    public void Runs_on_cpu(string name) => Assert.Equal(Programs[name].Expected, LiftAndRun(Programs[name].Cuda, "cpu"));

    [RequiresTheory(Need.OpenCl)]
    [MemberData(nameof(Names))]
    public void Runs_on_opencl(string name) => Assert.Equal(Programs[name].Expected, LiftAndRun(Programs[name].Cuda, "opencl"));

    // f16 and f16x2 forms (attentionMultiHeadKVCache's math.cuh): computed in float per half and rounded back once. They
    // use the IR's half type, which OpenCL devices without cl_khr_fp16 (PoCL's CPU device) report as TR0504.
    private const string Halves = """
            #include <cstdio>
            #include <cuda_fp16.h>
            __global__ void k(float *f) {
              float x = 0.25f * (threadIdx.x + 1);
              unsigned short hx = __half_as_ushort(__float2half(x)), hy, ht;
              asm("ex2.approx.f16 %0, %1;" : "=h"(hy) : "h"(hx));
              asm("tanh.approx.f16 %0, %1;" : "=h"(ht) : "h"(hx));
              unsigned h2 = hx | ((unsigned)__half_as_ushort(__float2half(-x)) << 16), sum, prod;
              asm("add.f16x2 %0, %1, %1;" : "=r"(sum) : "r"(h2));
              asm("mul.f16x2 %0, %1, %1;" : "=r"(prod) : "r"(h2));
              unsigned short back; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(back) : "f"(x / 3));
              float wide; asm("cvt.f32.f16 %0, %1;" : "=f"(wide) : "h"(back));
              int i = threadIdx.x * 5;
              f[i] = __half2float(__ushort_as_half(hy));
              f[i + 1] = __half2float(__ushort_as_half(ht));
              f[i + 2] = __half2float(__ushort_as_half((unsigned short)sum)) + 100 * __half2float(__ushort_as_half((unsigned short)(sum >> 16)));
              f[i + 3] = __half2float(__ushort_as_half((unsigned short)(prod >> 16)));
              f[i + 4] = wide;
            }
            int main() {
              float *d, h[20];
              cudaMalloc(&d, sizeof h);
              k<<<1, 4>>>(d);
              cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
              for (int t = 0; t < 4; t += 3) printf("%.4f %.4f %g %g %.6f\n", h[t * 5], h[t * 5 + 1], h[t * 5 + 2], h[t * 5 + 3], h[t * 5 + 4]);
              return 0;
            }
        """;
    private const string HalvesExpected = "1.1895 0.2449 -49.5 0.0625 0.083313\n2.0000 0.7617 -198 1 0.333252\n";

    [Fact]
    public void Half_forms_run_on_the_interpreter() => Assert.Equal(HalvesExpected, LiftAndRun(Halves, "interp"));

    [RequiresFact(Need.Cpu)]
    public void Half_forms_run_on_cpu() => Assert.Equal(HalvesExpected, LiftAndRun(Halves, "cpu"));

    // %globaltimer counts nanoseconds: a kernel that spins until 5 ms have passed sees at least 5 ms between its readings.
    private const string TimerWait = """
            #include <cstdio>
            __global__ void k(long long *out) {
              unsigned long long start, t;
              asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(start));
              do asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t)); while (t < start + 5000000);
              *out = t - start;
            }
            int main() {
              long long *d, h;
              cudaMalloc(&d, sizeof h);
              k<<<1, 1>>>(d);
              cudaMemcpy(&h, d, sizeof h, cudaMemcpyDeviceToHost);
              printf("%s\n", h >= 5000000 && h < 5000000000LL ? "waited" : "wrong");
              return 0;
            }
        """;

    [Fact]
    public void The_global_timer_counts_nanoseconds_on_the_interpreter() => Assert.Equal("waited\n", LiftAndRun(TimerWait, "interp"));

    [RequiresFact(Need.Cpu)]
    public void The_global_timer_counts_nanoseconds_on_cpu() => Assert.Equal("waited\n", LiftAndRun(TimerWait, "cpu"));

    private const string Main = "\nint main() { return 0; }\n";

    /// <summary>c = 0x0f: no segments, lanes up to 15 in range. Lanes 0-15 read lane ^ 1; lanes 16-31, whose partner is past
    /// the clamp, keep their own value (PTX's rule, not a width CUDA's __shfl_xor_sync encodes).</summary>
    private const string ClampedShuffle = """
            #include <cstdio>
            __global__ void k(unsigned *out) {
              unsigned v = threadIdx.x * 10, c = 0x0f, r;
              asm("shfl.sync.bfly.b32 %0, %1, 1, %2, 0xffffffff;" : "=r"(r) : "r"(v), "r"(c));
              out[threadIdx.x] = r;
            }
            int main() {
              unsigned *d, h[32];
              cudaMalloc(&d, sizeof h);
              k<<<1, 32>>>(d);
              cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
              for (int i = 0; i < 32; i += 5) printf("%u ", h[i]);
              printf("\n");
              return 0;
            }
        """;

    /// <summary>A loop written in PTX (labels, a guarded backward branch, a forward skip) counts the set bits of v.</summary>
    private const string BranchingTemplate = """
            #include <cstdio>
            __global__ void k(unsigned *out) {
              unsigned v = threadIdx.x * 2654435761u, n;
              asm("{\n\t.reg .pred p, z;\n\t.reg .b32 x, bit;\n\tmov.b32 x, %1;\n\tmov.b32 %0, 0;\n"
                  "LOOP:\n\tsetp.eq.u32 z, x, 0;\n\t@z bra DONE;\n\tand.b32 bit, x, 1;\n\tsetp.eq.u32 p, bit, 0;\n\t@p bra SKIP;\n"
                  "\tadd.u32 %0, %0, 1;\nSKIP:\n\tshr.u32 x, x, 1;\n\tbra.uni LOOP;\nDONE:\n\t}" : "=r"(n) : "r"(v));
              out[threadIdx.x] = n == __popc(v) ? n : 1000 + n;
            }
            int main() {
              unsigned *d, h[64];
              cudaMalloc(&d, sizeof h);
              k<<<1, 64>>>(d);
              cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
              int bad = 0;
              for (int i = 0; i < 64; i++) bad += h[i] >= 1000;
              printf("%u %u %u %u: %s\n", h[1], h[2], h[3], h[63], bad ? "FAILED" : "PASSED");
              return 0;
            }
        """;

    [Fact]
    public void A_template_with_branches_runs_as_structured_loops_on_the_interpreter() =>
        Assert.Equal("19 18 17 21: PASSED\n", LiftAndRun(BranchingTemplate, "interp"));

    [RequiresFact(Need.Cpu)]
    public void A_template_with_branches_runs_as_structured_loops_on_cpu() =>
        Assert.Equal("19 18 17 21: PASSED\n", LiftAndRun(BranchingTemplate, "cpu"));

    [Fact]
    public void A_shuffle_with_another_clamp_follows_PTXs_rule() => Assert.Equal("10 40 110 140 200 250 300 \n", LiftAndRun(ClampedShuffle, "interp"));

    [Theory]
    [InlineData("vabsdiff.u32.u32.u32 %0, %1, %1, %1;", "the PTX instruction 'vabsdiff.u32.u32.u32' is not translated")]
    [InlineData("add.rz.f32 %0, %1, %1;", "'add.rz.f32': the rounding modifier '.rz' is not translated")]
    [InlineData("mov.u32 %0, %%smid;", "'%smid'")]
    [InlineData("ret;", "the PTX instruction 'ret' is not translated")]
    [InlineData("bra.uni nowhere; done:", "the label 'nowhere' is not defined in the template")]
    public void What_is_not_translated_is_TR0410_naming_the_instruction(string template, string reason)
    {
        var r = Lift("__global__ void k(unsigned *p) {\n  unsigned v = *p;\n  asm(\"" + template + "\" : \"+r\"(v) : \"r\"(v));\n  *p = v;\n}" + Main);
        var d = ExpectDiagnostic(r, Codes.InlineAssembly, 3);
        Assert.Contains(reason, d.Message);
    }

    [Fact]
    public void An_operand_that_does_not_fit_its_constraint_is_TR0410()
    {
        var r = Lift("__global__ void k(float *p) {\n  unsigned v;\n  asm(\"mov.b32 %0, %1;\" : \"=r\"(v) : \"r\"(*p));\n  p[1] = v;\n}" + Main);
        Assert.Contains("does not fit the constraint", ExpectDiagnostic(r, Codes.InlineAssembly, 3).Message);
    }

    [Fact]
    public void A_read_write_operand_with_side_effects_is_TR0410_not_evaluated_twice()
    {
        var r = Lift("__global__ void k(unsigned *p) {\n  int i = 0;\n  asm(\"add.u32 %0, %0, 1;\" : \"+r\"(p[i++]));\n}" + Main);
        Assert.Contains("side effects", ExpectDiagnostic(r, Codes.InlineAssembly, 3).Message);
    }
}
