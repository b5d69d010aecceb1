using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Translate.Ir.Syntax;
using Translate.Tests.BuildMode;
using Translate.Tests.Cli;

namespace Translate.Tests.Upstream;

/// <summary>
/// <c>translate lift --dialect upstream</c> (docs/ir/upstream-dialect.md): the device code written only in forms upstream
/// llama.lisp's compiler accepts — our extensions lowered where they have an upstream spelling, TR0613 at the CUDA line
/// where they do not — and, where upstream's compiler is installed, upstream compiles what is written to PTX.
/// </summary>
public sealed class UpstreamDialectTests : IDisposable
{
    /// <summary>Shared memory, a barrier, thread indices, an unsigned comparison, a bitwise and, a 64-bit literal,
    /// an atomic and a short-circuit '&amp;&amp;' whose right side reads memory: every one an extension of ours.</summary>
    private const string Kernel = """
        __global__ void reverse(const int *in, int *out, unsigned n, long long *total, int *hits) {
            __shared__ int tile[64];
            unsigned t = threadIdx.x;
            tile[t] = in[blockIdx.x * 64 + t];
            __syncthreads();
            if (t < n && in[t] > 0) atomicAdd(hits, 1);
            out[blockIdx.x * 64 + t] = (tile[63 - t] & 0xff0) + (t & 31);
            if (t == 0) total[blockIdx.x] = 5000000000LL;
        }
        """;

    /// <summary>What upstream's c-lisp.py reads as a statement or expression head (its CodegenError otherwise), and its types.</summary>
    private static readonly HashSet<string> UpstreamHeads =
    [
        "c-lisp", "define", "define-inline", "define-struct", "define-global", "const", "addrspace",
        "declare", "set", "if", "for", "while", "ret",
        "add", "sub", "mul", "div", "rem", "udiv", "urem", "shl", "lshr", "ashr", "xor", "and", "or", "not",
        "fadd", "fsub", "fmul", "fdiv", "fneg", "eq", "ne", "lt", "gt", "le", "ge", "feq", "fne", "flt", "fgt", "fle", "fge",
        "sitofp", "fptosi", "uitofp", "fptoui", "inttoptr", "ptrtoint", "sext", "zext", "trunc", "fpext", "fptrunc",
        "bitcast", "addrspacecast", "load", "store", "ptradd", "aptradd", "sptradd", "alloc", "ptr-to", "call", "asm",
        "select", "extractvalue", "insertvalue", "ptr", "arr", "struct",
    ];

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_dialect_of_a_small_kernel_holds_only_upstream_forms()
    {
        var r = CliRunner.Run("lift", _cli.Write("reverse.cu", Kernel), "--dialect", "upstream");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("1 of 1 kernels have an upstream spelling", r.Stderr);
        var program = SExprReader.ReadAll(r.Stdout, "reverse.sexp").Single();
        var declared = DeclaredNames(program);
        foreach (var list in Lists(program))
        {
            Assert.False(list.Bracketed, $"bracketed form {SExprWriter.Flat(list)}");
            if (list.Count > 0 && list[0] is SAtom head)
                Assert.True(UpstreamHeads.Contains(head.Text) || declared.Contains(head.Text), $"'{head.Text}' is not upstream's: {SExprWriter.Flat(list)}");
        }
        Assert.Contains("(define ((reverse void)", r.Stdout);
        Assert.Contains("(define ((llvm.nvvm.read.ptx.sreg.tid.x int)))", r.Stdout);
        Assert.Contains("(call llvm.nvvm.barrier0)", r.Stdout);
        Assert.Contains("(define-global (tile (arr 64 int)) (addrspace 3))", r.Stdout);
        Assert.Contains("atom.relaxed.gpu.add.u32", r.Stdout);
        Assert.DoesNotContain("(loc ", r.Stdout);
    }

    [Fact]
    public void A_literal_upstream_would_type_as_int_is_cast_to_its_type_and_a_low_bit_mask_is_a_remainder()
    {
        var r = CliRunner.Run("lift", _cli.Write("reverse.cu", Kernel), "--dialect", "upstream");

        Assert.True(r.ExitCode == 0, r.Stderr);
        string text = Regex.Replace(r.Stdout, @"\s+", " ");
        // 5000000000 = 1·2³² + 705032704: the two halves, added.
        Assert.Contains("(add (shl (sext 1 int64) (sext 32 int64)) (zext 705032704 int64))", text);
        // t & 31 keeps the low five bits: the unsigned remainder by 32.
        Assert.Contains("(urem t 32)", text);
        // 0xff0 is not a mask of low bits: the exact arithmetic and ((a + b) − (a ^ b)) >> 1 …, written in place for a read
        // of shared memory, with no helper function.
        Assert.Contains("(lshr (sub (add (load (aptradd tile", text);
        Assert.DoesNotContain("tr_and_int", text);
    }

    [Fact]
    public void An_extension_without_an_upstream_spelling_is_TR0613_at_its_CUDA_line_and_nothing_is_written()
    {
        string source = _cli.Write("decay.cu", """
            __global__ void decay(float *x, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) x[i] = expf(-x[i]);
            }
            """);
        string output = Path.Combine(_cli.Directory, "decay.sexp");

        var r = CliRunner.Run("lift", source, "--dialect", "upstream", "-o", output);

        Assert.Equal(1, r.ExitCode);
        Assert.Matches(new Regex(@"decay\.cu:3:\d+: error TR0613: kernel 'decay': \(math exp\) on float"), r.Stderr);
        Assert.Contains("0 of 1 kernels have an upstream spelling; refused: decay", r.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Break_continue_and_switch_become_flags_that_guard_the_rest_of_the_loop()
    {
        var r = CliRunner.Run("lift", _cli.Write("early.cu", """
            __global__ void firstZero(const int *a, int n, int *where) {
                for (int i = 0; i < n; i++) {
                    if (a[i] < 0) continue;
                    switch (a[i]) { case 0: *where = i; break; default: break; }
                    if (a[i] == 0) break;
                }
            }
            """), "--dialect", "upstream");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("(break)", r.Stdout);
        Assert.DoesNotContain("(switch", r.Stdout);
        Assert.Matches(new Regex(@"\(while tr_go_\d+"), r.Stdout);
    }

    [Fact]
    public void Compile_writes_the_dialect_for_the_lisp_target_only()
    {
        string source = _cli.Write("reverse.cu", Kernel);

        var lisp = CliRunner.Run("compile", source, "--target", "lisp", "--dialect", "upstream");
        var ptx = CliRunner.Run("compile", source, "--target", "ptx", "--dialect", "upstream");
        var other = CliRunner.Run("lift", source, "--dialect", "clisp");

        Assert.True(lisp.ExitCode == 0, lisp.Stderr);
        Assert.Contains("(define ((reverse void)", lisp.Stdout);
        Assert.Equal(2, ptx.ExitCode);
        Assert.Contains("--dialect applies to --target lisp only", ptx.Stderr);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("unknown dialect 'clisp'", other.Stderr);
    }

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(Repository.Root, "cuda-samples");
        foreach (var file in Directory.GetFiles(root, "*.cu", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(root, file));
        return data;
    }

    /// <summary>Every cuda-samples file: its dialect is written and upstream's compiler (sexp-json.scm, c-lisp.py,
    /// brilisp.py, llvm.py, then llc-19 for sm_86) makes PTX with every kernel in it, or it is refused with TR0613 alone.</summary>
    [RequiresTheory(Need.LlamaLisp, Need.UpstreamCompiler)]
    [MemberData(nameof(Samples))]
    public void Upstream_compiles_the_dialect_of_every_sample_that_has_one(string sample)
    {
        string output = Path.Combine(_cli.Directory, "sample.sexp");
        var lift = CliRunner.Run("lift", Path.Combine(Repository.Root, "cuda-samples", sample), "--dialect", "upstream", "-o", output);
        if (lift.ExitCode != 0)
        {
            var errors = lift.Stderr.Split('\n').Where(l => l.Contains(": error TR")).ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Contains("error TR0613: ", e));
            if (!File.Exists(output)) return; // no kernel of the file has a spelling
        }
        var kernels = File.ReadLines(output).First().Split("kernels: ")[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        string ptx = UpstreamCompiler.CompileToPtx(output, kernels, _cli.Directory);

        foreach (var kernel in kernels) Assert.Contains($".entry {kernel}(", ptx);
    }

    /// <summary>Shapes HeCBench showed upstream's compiler rejecting: abs (LLVM's llvm.abs wants its flag as an immediate,
    /// and upstream passes every argument through a variable), a scalar __shared__ of the same name in two kernels (each
    /// renamed, and boxed in an array for its address), and a shared array named as a parameter (upstream's llvm.py
    /// stores the parameter to the global of that name).</summary>
    [RequiresFact(Need.LlamaLisp, Need.UpstreamCompiler)]
    public void Abs_scalar_shared_variables_and_a_parameter_named_as_a_shared_array_compile_upstream()
    {
        var r = CliRunner.Run("lift", _cli.Write("shapes.cu", """
            __global__ void first(int *out, const int *in) {
                __shared__ int count;
                if (threadIdx.x == 0) count = 0;
                __syncthreads();
                atomicAdd(&count, abs(in[threadIdx.x]));
                __syncthreads();
                if (threadIdx.x == 0) out[0] = count;
            }
            __global__ void second(int *out) {
                __shared__ int count;
                __shared__ float tile[4][8];
                count = threadIdx.x;
                tile[threadIdx.x % 4][threadIdx.x % 8] = count;
                out[threadIdx.x] = (int)tile[0][0];
            }
            __device__ float pick(float *tile) { return tile[1]; }
            __global__ void third(float *out, float *tile) { out[0] = pick(tile); }
            """), "--dialect", "upstream", "-o", Path.Combine(_cli.Directory, "shapes.sexp"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        string sexp = Path.Combine(_cli.Directory, "shapes.sexp");
        Assert.Contains("tr_abs_int", File.ReadAllText(sexp));
        string ptx = UpstreamCompiler.CompileToPtx(sexp, ["first", "second", "third"], _cli.Directory);
        foreach (var kernel in new[] { "first", "second", "third" }) Assert.Contains($".entry {kernel}(", ptx);
    }

    [Fact]
    public void The_kernels_that_have_a_spelling_are_written_when_another_is_refused_and_the_exit_status_says_so()
    {
        string output = Path.Combine(_cli.Directory, "mixed.sexp");
        var r = CliRunner.Run("lift", _cli.Write("mixed.cu", """
            __device__ float twice(float x) { return 2 * x; }
            __global__ void scale(float *a) { a[threadIdx.x] = twice(a[threadIdx.x]); }
            __device__ float grow(float x) { return expf(x); }
            __global__ void exponent(float *a) { a[threadIdx.x] = grow(a[threadIdx.x]); }
            """), "--dialect", "upstream", "-o", output);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("mixed.cu:3:", r.Stderr);
        Assert.Contains("error TR0613", r.Stderr);
        Assert.Contains("1 of 2 kernels have an upstream spelling; refused: exponent", r.Stderr);
        string text = File.ReadAllText(output);
        Assert.StartsWith("; upstream llama.lisp (translate --dialect upstream); kernels: scale\n", text);
        Assert.Contains("((twice float)", text);
        Assert.DoesNotContain("exponent", text);
        Assert.DoesNotContain("grow", text);
    }

    [Fact]
    public void A_struct_without_a_spelling_refuses_the_file_rather_than_write_kernels_that_could_name_it()
    {
        var r = CliRunner.Run("lift", _cli.Write("pair.cu", """
            struct Pair { float2 v; };
            __global__ void first(Pair *p) { p[threadIdx.x].v.x = 1; }
            __global__ void second(float *a) { a[threadIdx.x] = 2; }
            """), "--dialect", "upstream", "-o", Path.Combine(_cli.Directory, "pair.sexp"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error TR0613", r.Stderr);
        Assert.DoesNotContain("internal error", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_cli.Directory, "pair.sexp")));
    }

    [Fact]
    public void A_string_literal_in_device_code_is_TR0613()
    {
        var r = CliRunner.Run("lift", _cli.Write("text.cu", """
            __device__ char at(int i) { const char *s = "expand 32-byte k"; return s[i]; }
            __global__ void k(char *out) { out[threadIdx.x] = at(threadIdx.x); }
            """), "--dialect", "upstream");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("text.cu:1:", r.Stderr);
        Assert.Contains("error TR0613", r.Stderr);
        Assert.Contains("a string literal", r.Stderr);
    }

    /// <summary>The dialect is checked for meaning as well as form: upstream's PTX of it (optimized, as its runner's
    /// matmul_shared_mem spec compiles) read back by our PTX front end computes what our own kernel computes.
    /// controlFlow's kernel has break, continue, switch, do-while, comma expressions and a spin lock on atomics;
    /// histogram shared atomics; warpReduce shuffles in a device function (which the cpu device runs only inlined,
    /// so interp); scan and streamCompaction shared memory and barriers; convolution a short-circuit '&amp;&amp;'
    /// reading memory.</summary>
    [RequiresTheory(Need.LlamaLisp, Need.UpstreamCompiler, Need.LlvmOpt)]
    [InlineData("controlFlow/controlFlow.cu", "compute", "cpu", "64", "i64[128]", "i32[128]", "128")]
    [InlineData("histogram/histogram.cu", "histogram", "cpu", "256", "u8[4096]=random:7", "4096", "u32[256]")]
    [InlineData("warpReduce/warpReduce.cu", "sumKernel", "interp", "256", "f32[1000]=random:3", "1000", "f32[1]", "i32[4]")]
    [InlineData("scan/scan.cu", "scanBlocks", "cpu", "256", "i32[1000]=random:2", "i32[1000]", "i32[4]", "1000")]
    [InlineData("streamCompaction/streamCompaction.cu", "scanFlags", "cpu", "256", "i32[1000]=random:2", "1000", "i32[1000]", "i32[4]", "i32[1]")]
    [InlineData("convolution/convolution.cu", "convolve", "cpu", "128", "f32[512]=random:3", "f32[512]", "512")]
    public void Upstreams_PTX_of_the_dialect_computes_what_our_kernel_computes(string sample, string kernel, string device, string block,
        params string[] arguments)
    {
        string cu = Path.Combine(Repository.Root, "cuda-samples", sample);
        string sexp = Path.Combine(_cli.Directory, "sample.sexp");
        var lift = CliRunner.Run("lift", cu, "--dialect", "upstream", "-o", sexp);
        Assert.True(lift.ExitCode == 0, lift.Stderr);
        var kernels = File.ReadLines(sexp).First().Split("kernels: ")[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string ptx = Path.Combine(_cli.Directory, "upstream.ptx");
        File.WriteAllText(ptx, UpstreamCompiler.CompileToPtx(sexp, kernels, _cli.Directory, optimize: true));
        string[] launch = ["-k", kernel, "-d", device, "-g", "4", "-b", block, "--full", .. arguments];

        var ours = CliRunner.Run(["run-kernel", cu, .. launch]);
        var theirs = CliRunner.Run(["run-kernel", ptx, .. launch]);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.True(theirs.ExitCode == 0, theirs.Stderr);
        Assert.Equal(ours.Stdout, theirs.Stdout);
    }

    private static IEnumerable<SList> Lists(SExpr e)
    {
        if (e is not SList l) yield break;
        yield return l;
        foreach (var item in l.Items)
            foreach (var inner in Lists(item)) yield return inner;
    }

    /// <summary>Names the program defines: functions, parameters, fields, globals (their binding lists start with the name).</summary>
    private static HashSet<string> DeclaredNames(SExpr program)
    {
        var names = new HashSet<string>();
        foreach (var list in Lists(program))
            if (list.Count == 2 && list[0] is SAtom name && list[1] is SAtom or SList && !UpstreamHeads.Contains(name.Text))
                names.Add(name.Text);
        return names;
    }
}

/// <summary>Upstream llama.lisp's compiler as its kernel runner (tests/kernelprog/kernel_runner.py) drives it.</summary>
internal static class UpstreamCompiler
{
    private static string Backend => Path.Combine(UpstreamCLispTests.Corpus, "src", "compiler", "backend");

    /// <summary>The PTX of an upstream C-Lisp file, its kernels annotated as kernel_runner.py annotates its one kernel.</summary>
    /// <remarks>With <paramref name="optimize"/>, opt-19 -O3 and llc-19 -O3 (its matmul_shared_mem spec's way), whose PTX
    /// our PTX front end reads (llc -O0 leaves upstream's variable-sized allocas, which it does not).</remarks>
    public static string CompileToPtx(string sexp, IReadOnlyList<string> kernels, string scratch, bool optimize = false)
    {
        string ll = Path.Combine(scratch, "upstream.ll");
        var pipeline = Executable.RunWithin(TimeSpan.FromMinutes(3), "/bin/bash", Backend,
            new Dictionary<string, string> { ["GUILE_AUTO_COMPILE"] = "0" }, "-c",
            $"guile utils/sexp-json.scm < '{sexp}' | /usr/bin/python3 c-lisp.py | /usr/bin/python3 brilisp.py | /usr/bin/python3 llvm.py");
        Assert.True(pipeline.ExitCode == 0, pipeline.Stderr);
        var text = Regex.Replace(pipeline.Stdout, "^target datalayout.*$", "target datalayout = \"e-p:64:64:64-i1:8:8-i8:8:8-i16:16:16-"
            + "i32:32:32-i64:64:64-f32:32:32-f64:64:64-v16:16:16-v32:32:32-v64:64:64-v128:128:128-n16:32:64\"", RegexOptions.Multiline);
        text = Regex.Replace(text, "^target triple.*$", "target triple = \"nvptx64-nvidia-cuda\"", RegexOptions.Multiline);
        var ids = kernels.Select((_, i) => $"!{i + 2}").ToImmutableArray();
        text += $"\n!nvvm.annotations = !{{{string.Join(", ", ids)}}}\n"
            + string.Concat(kernels.Select((k, i) => $"{ids[i]} = !{{ptr @{k}, !\"kernel\", i32 1}}\n"));
        File.WriteAllText(ll, text);
        string ptx = Path.Combine(scratch, "upstream-out.ptx");
        if (optimize)
        {
            var opt = Executable.RunWithin(TimeSpan.FromMinutes(3), "opt-19", scratch, null, "-O3", "-S", "-o", ll, ll);
            Assert.True(opt.ExitCode == 0, opt.Stderr);
        }
        // PTX ISA 7.3 for the alloca sized by a variable that upstream returns a value through (llc -O0 needs it).
        var llc = Executable.RunWithin(TimeSpan.FromMinutes(3), "llc-19", scratch, null, "-mcpu=sm_86", "-mattr=+ptx73",
            optimize ? "-O3" : "-O0", "-o", ptx, ll);
        Assert.True(llc.ExitCode == 0, llc.Stderr);
        return File.ReadAllText(ptx);
    }
}
