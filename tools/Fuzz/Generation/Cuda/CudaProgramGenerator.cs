using System.Text;

namespace Translate.Fuzz.Generation.Cuda;

/// <summary>
/// Random CUDA C++ programs (one seed, one program) whose kernel a host C++ compiler can run too: each thread computes on
/// its own locals (every arithmetic type, local arrays, a struct, references and pointers to locals, device functions,
/// if/else, for, while, switch with fall-through, break and continue) from the inputs and its index, and writes every
/// local's bits to its own slots; the host prints a checksum. Half the programs also work as a block (shared memory,
/// barriers, shared atomics: CudaProgramGenerator.Block.cs). Built with <c>-DORACLE</c> the same file is plain C++ whose
/// "launch" runs each block's threads as C++ threads meeting at a <c>std::barrier</c>, which a thread leaves when it returns
/// (NVIDIA GPUs' exited threads): the oracle the lifted program is compared with (<see cref="Differential.CudaDiffCampaign"/>).
/// </summary>
internal sealed partial class CudaProgramGenerator
{
    /// <summary>The saturating float-to-integer helper every generated program defines (NaN gives 0).</summary>
    public const string FloatToInteger = "to_integer";

    private readonly Rng _rng;
    private readonly List<CFunction> _functions = [];
    private readonly List<List<CVar>> _scopes = [[]];
    private readonly List<CVar> _outputs = [];
    private readonly List<(string Name, CType Element)> _arrays = [];
    private readonly CudaExpressions _expr;
    private readonly StringBuilder _body = new();
    private int _indent = 1, _names, _loopDepth;

    private CudaProgramGenerator(int seed)
    {
        _rng = new Rng(seed);
        _jumpRng = new Rng(unchecked(seed * 6007 + 7727));
        _expr = new CudaExpressions(_rng, () => _scopes.SelectMany(s => s).ToList(), _functions);
    }

    public static string Generate(int seed) => new CudaProgramGenerator(seed).Program(seed);

    private string Program(int seed)
    {
        var functions = new StringBuilder();
        bool tracing = StartTracing(seed);
        if (tracing) functions.Append(TracerType);
        for (int i = 0, n = _rng.Between(0, 3); i < n; i++) functions.Append(Function(i));
        if (tracing) Line($"unsigned long long *{TraceVariable} = out + (gid + 1) * $SLOTS - 1; // the thread's last slot\n    *{TraceVariable} = 0;");
        // Each thread's own values: declared first, written at the end.
        for (int i = 0, n = _rng.Between(3, 8); i < n; i++)
        {
            var t = _rng.Choose(CType.All);
            var v = new CVar($"v{i}", t);
            Line($"{t.Name} {v.Name} = {_expr.Of(t, 2)};");
            _outputs.Add(v);
            _scopes[0].Add(v);
        }
        if (_rng.Chance(0.5))
        {
            var t = _rng.Choose(CType.All);
            string a = "arr";
            Line($"{t.Name} {a}[4] = {{{string.Join(", ", Enumerable.Range(0, 4).Select(_ => $"({t.Name})({_expr.Of(t, 1)})"))}}};");
            _arrays.Add((a, t));
            _scopes[0].AddRange(Enumerable.Range(0, 4).Select(j => new CVar($"{a}[{j}]", t)));
        }
        bool record = _rng.Chance(0.5);
        if (record) Line($"Record rec = {{(int)({_expr.Of(CType.Int, 1)}), (float)({_expr.Of(CType.Float, 1)}), (unsigned char)({_expr.Of(CType.UChar, 1)})}};");
        if (record) _scopes[0].AddRange([new CVar("rec.a", CType.Int), new CVar("rec.b", CType.Float), new CVar("rec.c", CType.UChar)]);
        bool together = _rng.Chance(0.5);
        for (int i = 0, n = _rng.Between(3, 9); i < n; i++)
            if (together && _rng.Chance(0.5)) BlockStatement(2);
            else Statement(3);
        int tailAt = _body.Length;
        int slots = _outputs.Count + 4 * _arrays.Count + (record ? 3 : 0) + (tracing ? 1 : 0);
        int k = 0;
        foreach (var v in _outputs) Line($"out[gid * {slots} + {k++}] = {Bits(v.Name, v.Type)};");
        foreach (var (a, t) in _arrays)
            for (int j = 0; j < 4; j++) Line($"out[gid * {slots} + {k++}] = {Bits($"{a}[{j}]", t)};");
        if (record)
            foreach (var (f, t) in new[] { ("rec.a", CType.Int), ("rec.b", CType.Float), ("rec.c", CType.UChar) })
                Line($"out[gid * {slots} + {k++}] = {Bits(f, t)};");

        int grid = _rng.Pick(1, 2, 3), block = _rng.Pick(1, 7, 32, MaxBlock);
        // Drawn last, so the programs of earlier seeds stay as they were apart from this.
        string body = !together && _rng.Chance(0.5) ? Guarded(_body.ToString(), grid * block, slots) : _body.ToString();
        if (together && _rng.Chance(0.4)) body = body.Insert(tailAt, DivergentTail());
        return Template
            .Replace("$SEED", Text(seed))
            .Replace("$FUNCTIONS", functions.ToString())
            .Replace("$SHARED", SharedDeclarations())
            .Replace("$BODY", body)
            .Replace("$SLOTS", Text(slots))
            .Replace("$GRID", Text(grid))
            .Replace("$BLOCK", Text(block));
    }

    /// <summary>
    /// The whole body under a condition some threads fail (<c>if (gid &lt; n) { … }</c>, as most real kernels end), with an
    /// else marking the thread's first slot or none (the host zeroes the output first): what the cpu pipeline's
    /// guarded-tails pass turns into an early return. Not for block programs, whose barriers every thread must reach.
    /// </summary>
    private string Guarded(string body, int threads, int slots)
    {
        string condition = _rng.Weighted<Func<string>>(
            (3, () => $"gid < {Text(_rng.Between(1, threads))}u"),
            (1, () => $"gid % 3u != {Text(_rng.Between(0, 2))}u"),
            (1, () => $"(in[gid & 1023] & {Text(_rng.Pick(1, 3, 8))}) != 0"))();
        string indented = string.Concat(body.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"));
        string otherwise = _rng.Chance(0.5) ? $" else {{\n        out[gid * {Text(slots)}] = 7ull;\n    }}" : "";
        return $"    if ({condition}) {{\n{indented}    }}{otherwise}\n";
    }

    /// <summary>
    /// A value's bits as the 64-bit slot holds them. NaNs are made canonical (their sign and payload are left open) and
    /// zeros positive (<c>+ 0.0</c>): C leaves <c>fmin(-0, +0)</c> to the implementation, and glibc's differs from CUDA's.
    /// </summary>
    private static string Bits(string v, CType t) =>
        t == CType.Float ? $"(unsigned long long)__float_as_uint({v} == {v} ? {v} + 0.0f : 0.5f)"
        : t == CType.Double ? $"(unsigned long long)__double_as_longlong({v} == {v} ? {v} + 0.0 : 0.5)"
        : $"(unsigned long long)({v})";

    private string Function(int i)
    {
        var f = new CFunction($"f{i}", _rng.Choose(CType.All), _rng.Choose(CType.All), _rng.Choose(CType.All));
        // Device functions see their parameters only: no inputs of the kernel.
        var parameters = new List<CVar> { new("a", f.First), new("b", f.Second) };
        var expressions = new CudaExpressions(_rng, () => parameters, _functions, inKernel: false);
        string head = $"__device__ {f.Result.Name} {f.Name}({f.First.Name} a, {f.Second.Name} b)";
        if (_rng.Chance(0.5))
        {
            var e = expressions.Of(f.Result, 3);
            _functions.Add(f);
            return $"{head} {{ return {e}; }}\n";
        }
        // A loop (the cpu device inlines such functions and runs their loops across the block's threads): an
        // accumulator, a trip count from a literal or the arguments, and a way out from inside (break or return).
        string bound = _rng.Chance(0.5) ? Text(_rng.Between(1, 5)) : $"(int)(({expressions.Integer(1)}) & 7)";
        string init = expressions.Of(f.Result, 2).Text;
        parameters.Add(new CVar("acc", f.Result));
        parameters.Add(new CVar("k", CType.Int, ReadOnly: true));
        string step = expressions.Of(f.Result, 2).Text, condition = expressions.Any(2).Text;
        string exit = _rng.Chance(0.5) ? "break;" : $"return {expressions.Of(f.Result, 1)};";
        _functions.Add(f);
        return $"{head} {{\n  {f.Result.Name} acc = {init};\n  for (int k = 0; k < {bound}; k++) {{\n" +
               $"    acc = {step};\n    if ({condition}) {exit}\n  }}\n  return acc;\n}}\n";
    }

    private void Statement(int depth)
    {
        if (MaybeJump(depth)) return;
        var writable = _scopes.SelectMany(s => s).Where(v => !v.ReadOnly).ToList();
        var choice = _rng.Weighted<Action>(
            (6, () => Assign(writable)),
            (4, () => Compound(writable)),
            (2, () => Increment(writable)),
            (_arrays.Count > 0 ? 2 : 0, ArrayStore),
            (2, () => Reference(writable)),
            (depth > 0 ? 3 : 0, () => If(depth)),
            (depth > 0 ? 2 : 0, () => For(depth)),
            (depth > 0 ? 1 : 0, () => While(depth)),
            (depth > 0 ? 1 : 0, () => Switch(depth)),
            (_loopDepth > 0 ? 1 : 0, LoopExit),
            (1, Declare));
        choice();
        MaybeGoto();
        MaybeTracer();
    }

    private void Assign(List<CVar> writable)
    {
        if (writable.Count == 0) { Declare(); return; }
        var v = _rng.Choose(writable);
        Line($"{v.Name} = {_expr.Of(v.Type, 3)};");
    }

    /// <summary>
    /// <c>v op= e</c> where it stays defined: any operator on unsigned <c>v</c> (divisors or-ed with 1, counts masked);
    /// on narrow types through int with a narrow operand; on signed int and long long only the bitwise operators and
    /// <c>&gt;&gt;=</c>; on floats <c>+= -= *=</c>.
    /// </summary>
    private void Compound(List<CVar> writable)
    {
        if (writable.Count == 0) { Declare(); return; }
        var v = _rng.Choose(writable);
        var t = v.Type;
        if (t.IsFloat) { Line($"{v.Name} {_rng.Pick("+=", "-=", "*=")} {_expr.Any(2)};"); return; }
        if (t == CType.Bool) { Line($"{v.Name} {_rng.Pick("&=", "|=", "^=")} {_expr.Integer(2)};"); return; }
        var e = _expr.Integer(2);
        if (!t.Signed && !t.IsNarrow)
        {
            Line(_rng.Weighted<Func<string>>(
                (4, () => $"{v.Name} {_rng.Pick("+=", "-=", "*=", "&=", "|=", "^=")} {e};"),
                (1, () => $"{v.Name} {_rng.Pick("/=", "%=")} ({e} | 1u);"),
                (1, () => $"{v.Name} {_rng.Pick("<<=", ">>=")} ({e} & {t.Bits - 1});"))());
            return;
        }
        if (t.IsNarrow)
        {
            Line(_rng.Chance(0.7) ? $"{v.Name} {_rng.Pick("+=", "-=", "*=")} (short)({e});" : $"{v.Name} {_rng.Pick("&=", "|=", "^=")} {e};");
            return;
        }
        Line(_rng.Chance(0.8) ? $"{v.Name} {_rng.Pick("&=", "|=", "^=")} {e};" : $"{v.Name} >>= ({e} & {t.Bits - 1});");
    }

    private void Increment(List<CVar> writable)
    {
        var candidates = writable.Where(v => v.Type.IsNarrow && v.Type != CType.Bool || v.Type.IsInteger && !v.Type.Signed && v.Type != CType.Bool).ToList();
        if (candidates.Count == 0) { Assign(writable); return; }
        var v = _rng.Choose(candidates);
        Line(_rng.Pick($"{v.Name}++;", $"++{v.Name};", $"{v.Name}--;", $"--{v.Name};"));
    }

    private void ArrayStore()
    {
        var (a, t) = _rng.Choose(_arrays);
        Line($"{a}[({_expr.Integer(1)}) & 3] = {_expr.Of(t, 2)};");
    }

    /// <summary>A reference or pointer to a local passed on: what must stay the same variable in the lifted code.</summary>
    private void Reference(List<CVar> writable)
    {
        var ints = writable.Where(v => v.Type == CType.Int || v.Type == CType.UInt).ToList();
        if (ints.Count == 0) { Assign(writable); return; }
        var v = _rng.Choose(ints);
        string n = Fresh("p");
        if (_rng.Chance(0.5))
            Line($"{{ {v.Type.Name}* {n} = &{v.Name}; *{n} ^= (int)({_expr.Integer(2)}); }}");
        else
            Line($"{{ {v.Type.Name}& {n} = {v.Name}; {n} |= (int)({_expr.Integer(2)}) & 0xff; }}");
    }

    private void Declare()
    {
        var t = _rng.Choose(CType.All);
        var v = new CVar(Fresh("t"), t);
        Line($"{t.Name} {v.Name} = {_expr.Of(t, 2)};");
        _scopes[^1].Add(v);
    }

    private void If(int depth)
    {
        _scopes.Add([]);
        Line($"if ({IfInit()}{_expr.Any(2)}) {{");
        Block(depth);
        if (_rng.Chance(0.5))
        {
            Line("} else {");
            Block(depth);
        }
        Line("}");
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    private void For(int depth)
    {
        string i = Fresh("i");
        string bound = _rng.Chance(0.5) ? Text(_rng.Between(0, 4)) : $"(int)(({_expr.Integer(1)}) & 3)";
        Line($"for (int {i} = 0; {i} < {bound}; {i}++) {{");
        LoopBody(i, depth);
    }

    /// <summary>A while loop whose counter moves first, so a continue in the body cannot make it endless.</summary>
    private void While(int depth)
    {
        string w = Fresh("w");
        Line($"int {w} = 0;");
        Line($"while ({w} < {_rng.Between(1, 3)}) {{");
        _indent++;
        Line($"{w}++;");
        _indent--;
        LoopBody(w, depth);
    }

    /// <summary>A loop's body and closing brace: its counter readable, not writable; break and continue allowed.</summary>
    private void LoopBody(string counter, int depth)
    {
        _scopes.Add([new CVar(counter, CType.Int, ReadOnly: true)]);
        _loopDepth++;
        Block(depth, scoped: false);
        _loopDepth--;
        _scopes.RemoveAt(_scopes.Count - 1);
        Line("}");
    }

    private void Switch(int depth)
    {
        Line($"switch ((int)(({_expr.Integer(2)}) & 3)) {{");
        foreach (var label in new[] { "case 0:", "case 1:", "case 2:", "default:" })
        {
            if (_rng.Chance(0.2) && label != "default:") continue;
            Line(label + " {");
            int saved = _loopDepth;
            _loopDepth = 0; // a break here would leave the switch, not a loop: LoopExit stays out
            Block(depth);
            _loopDepth = saved;
            Line(_rng.Chance(0.7) ? "} break;" : "}");
        }
        Line("}");
    }

    private void LoopExit() => Line($"if ({_expr.Any(1)}) {_rng.Pick("break", "continue")};");

    private void Block(int depth, bool scoped = true)
    {
        _indent++;
        if (scoped) _scopes.Add([]);
        for (int i = 0, n = _rng.Between(1, 3); i < n; i++) Statement(depth - 1);
        if (scoped) _scopes.RemoveAt(_scopes.Count - 1);
        _indent--;
    }

    private string Fresh(string prefix) => $"{prefix}{_names++}";

    private void Line(string s) => _body.Append(' ', 4 * _indent).Append(s).Append('\n');

    private const string Template = """
        // Generated by translate-fuzz generate-cuda --seed $SEED. Built with -DORACLE it is plain C++ whose launch runs
        // each block's threads as C++ threads meeting at a barrier (a thread that returns from the kernel drops out of it, as
        // exited threads do on NVIDIA GPUs): the oracle for the lifted program.
        #include <cstdio>
        #include <cstdlib>
        #include <cstring>
        #include <cmath>
        #ifdef ORACLE
        #include <barrier>
        #include <thread>
        #include <vector>
        struct Index3 { unsigned x, y, z; };
        static thread_local Index3 threadIdx;
        static Index3 blockIdx, blockDim, gridDim;
        static std::barrier<> *oracle_block;
        #define __global__
        #define __device__
        #define __shared__ static
        static void __syncthreads() { oracle_block->arrive_and_wait(); }
        static int oracle_count;
        static int __syncthreads_count(int p) {
          __syncthreads();
          if (threadIdx.x == 0) oracle_count = 0;
          __syncthreads();
          if (p) __atomic_fetch_add(&oracle_count, 1, __ATOMIC_SEQ_CST);
          __syncthreads();
          int n = oracle_count;
          __syncthreads();
          return n;
        }
        static int __syncthreads_or(int p) { return __syncthreads_count(p) != 0; }
        static int __syncthreads_and(int p) { return __syncthreads_count(p) == (int)blockDim.x; }
        static int atomicAdd(int *a, int v) { return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST); }
        static int atomicSub(int *a, int v) { return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST); }
        static int atomicOr(int *a, int v) { return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST); }
        static int atomicXor(int *a, int v) { return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST); }
        static int atomicMax(int *a, int v) { return __atomic_fetch_max(a, v, __ATOMIC_SEQ_CST); }
        static int atomicMin(int *a, int v) { return __atomic_fetch_min(a, v, __ATOMIC_SEQ_CST); }
        static int cudaMalloc(void **p, size_t n) { *p = malloc(n); return 0; }
        enum { cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2 };
        static int cudaMemcpy(void *d, const void *s, size_t n, int) { memcpy(d, s, n); return 0; }
        static int cudaDeviceSynchronize() { return 0; }
        static int cudaFree(void *p) { free(p); return 0; }
        static unsigned __float_as_uint(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
        static long long __double_as_longlong(double d) { long long u; memcpy(&u, &d, 8); return u; }
        #define LAUNCH(G, B, ...) do { gridDim = {G, 1, 1}; blockDim = {B, 1, 1}; \
            for (blockIdx.x = 0; blockIdx.x < (G); blockIdx.x++) { \
              std::barrier<> block(B); oracle_block = &block; std::vector<std::thread> threads; \
              for (unsigned t = 0; t < (B); t++) threads.emplace_back([=] { threadIdx = {t, 0, 0}; k(__VA_ARGS__); oracle_block->arrive_and_drop(); }); \
              for (auto &thread : threads) thread.join(); } } while (0)
        #else
        #include <cuda_runtime.h>
        #define LAUNCH(G, B, ...) k<<<G, B>>>(__VA_ARGS__)
        #endif

        struct Record { int a; float b; unsigned char c; };

        __device__ long long to_integer(double x) {
          return x != x ? 0 : x >= 9.0e18 ? 9000000000000000000ll : x <= -9.0e18 ? -9000000000000000000ll : (long long)x;
        }

        $FUNCTIONS
        __global__ void k(unsigned long long *out, const int *in, const float *inf) {
        $SHARED  unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
        $BODY}

        int main() {
          const int threads = $GRID * $BLOCK, slots = $SLOTS;
          int *hin = (int *)malloc(1024 * sizeof(int));
          float *hinf = (float *)malloc(1024 * sizeof(float));
          unsigned long long *hout = (unsigned long long *)calloc(threads * slots, sizeof(unsigned long long));
          unsigned s = $SEED;
          for (int i = 0; i < 1024; i++) {
            s = s * 1103515245u + 12345u;
            hin[i] = (int)(s ^ (s >> 13));
            hinf[i] = (float)((int)(s >> 8) % 100000) / 64.0f;
          }
          int *din; float *dinf; unsigned long long *dout;
          cudaMalloc((void **)&din, 1024 * sizeof(int));
          cudaMalloc((void **)&dinf, 1024 * sizeof(float));
          cudaMalloc((void **)&dout, threads * slots * sizeof(unsigned long long));
          cudaMemcpy(din, hin, 1024 * sizeof(int), cudaMemcpyHostToDevice);
          cudaMemcpy(dinf, hinf, 1024 * sizeof(float), cudaMemcpyHostToDevice);
          cudaMemcpy(dout, hout, threads * slots * sizeof(unsigned long long), cudaMemcpyHostToDevice);
          LAUNCH($GRID, $BLOCK, dout, din, dinf);
          cudaDeviceSynchronize();
          cudaMemcpy(hout, dout, threads * slots * sizeof(unsigned long long), cudaMemcpyDeviceToHost);
          unsigned long long h = 0;
          for (int i = 0; i < threads * slots; i++) {
            h = h * 1000003ull + hout[i];
            if (i % slots == slots - 1) printf("thread %d: %llu\n", i / slots, h);
          }
          cudaFree(din); cudaFree(dinf); cudaFree(dout);
          free(hin); free(hinf); free(hout);
          return 0;
        }

        """;
}
