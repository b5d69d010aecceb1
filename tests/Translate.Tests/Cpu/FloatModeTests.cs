using System.Globalization;
using Translate.Backends.Cpu;

namespace Translate.Tests.Cpu;

/// <summary>
/// Strict floating point (the default) is bit-identical to the interpreter; relaxed (<c>--fp relaxed</c>)
/// lets LLVM contract a*b+c into an FMA and reassociate, and stays within the error bound of a sum.
/// </summary>
public sealed class FloatModeTests : CpuTestBase
{
    /// <summary>256 float dot products of length 64 of values in [-1, 1); prints each and Σ|a·b| (double, on the host).</summary>
    internal const string DotProducts = """
        (c-lisp
          (define-kernel ((dot void) (a (ptr float)) (b (ptr float)) (out (ptr float)) (k int))
            (declare i int) (declare j int) (declare s float)
            (set i (add (mul [bid.x] [bdim.x]) [tid.x]))
            (set s (float 0.0))
            (for ((set j 0) (lt j k) (set j (add j 1)))
              (set s (fadd s (fmul (load (ptradd a (add (mul i k) j))) (load (ptradd b j))))))
            (store (ptradd out i) s))
          (define ((main int))
            (declare n int) (declare k int) (declare i int) (declare j int)
            (set n 256) (set k 64)
            (declare a (ptr float)) (declare b (ptr float)) (declare out (ptr float))
            (call cudaMallocManaged (bitcast (ptr-to a) (ptr (ptr int8))) (mul (int64 4) (sext (mul n k) int64)) 1)
            (call cudaMallocManaged (bitcast (ptr-to b) (ptr (ptr int8))) (mul (int64 4) (sext k int64)) 1)
            (call cudaMallocManaged (bitcast (ptr-to out) (ptr (ptr int8))) (mul (int64 4) (sext n int64)) 1)
            (call srand 11)
            (for ((set i 0) (lt i (mul n k)) (set i (add i 1)))
              (store (ptradd a i) (fsub (fdiv (sitofp (call rand) float) (float 1073741824.0)) (float 1.0))))
            (for ((set j 0) (lt j k) (set j (add j 1)))
              (store (ptradd b j) (fsub (fdiv (sitofp (call rand) float) (float 1073741824.0)) (float 1.0))))
            (launch dot (grid 4 1 1) (block 64 1 1) (shared 0) (stream (null (ptr int8))) a b out k)
            (call cudaDeviceSynchronize)
            (for ((set i 0) (lt i n) (set i (add i 1)))
              (declare m double)
              (set m (double 0.0))
              (for ((set j 0) (lt j k) (set j (add j 1)))
                (set m (fadd m (math fabs (fpext (fmul (load (ptradd a (add (mul i k) j))) (load (ptradd b j))) double)))))
              (call printf (string "%.9g %.9g\n") (fpext (load (ptradd out i)) double) m))
            (ret 0)))
        """;

    private const int Terms = 64;

    [RequiresFact(Need.Cpu)]
    public void Strict_mode_is_bit_identical_to_the_interpreter()
    {
        var interp = RunInterp(DotProducts);
        Assert.Equal(interp, RunCpu(DotProducts, new CpuCompileOptions(Float: FloatMode.Strict)));
        Assert.Equal(interp, RunCpu(DotProducts)); // strict is the default
    }

    [RequiresFact(Need.Cpu)]
    public void Relaxed_mode_stays_within_twice_the_error_bound_of_a_sum_of_products()
    {
        var interp = Rows(RunInterp(DotProducts).Stdout);
        var relaxed = Rows(RunCpu(DotProducts, new CpuCompileOptions(Float: FloatMode.Relaxed)).Stdout);
        Assert.Equal(interp.Count, relaxed.Count);
        // Any order of the K products and sums, fused or not, is within γ_K·Σ|a·b| of the exact dot
        // product (γ_K = K·u/(1 − K·u), u = 2⁻²⁴); both runs are, so they differ by at most twice that.
        double u = Math.Pow(2, -24), gamma = Terms * u / (1 - Terms * u);
        int differing = 0;
        for (int i = 0; i < interp.Count; i++)
        {
            Assert.Equal(interp[i].SumAbs, relaxed[i].SumAbs); // computed on the host in double: exact either way
            double difference = Math.Abs(interp[i].Value - relaxed[i].Value);
            Assert.True(difference <= 2 * gamma * interp[i].SumAbs, $"row {i}: {interp[i].Value} vs {relaxed[i].Value}");
            if (difference != 0) differing++;
        }
        Assert.True(differing > 0, "relaxed mode changed no result: no contraction or reassociation happened");
    }

    [RequiresFact(Need.Cpu)]
    public void Relaxed_mode_marks_float_arithmetic_contract_and_reassoc_and_strict_marks_nothing()
    {
        var program = Check(DotProducts);
        var strict = CpuCompiler.EmitLlvmText(program, optimize: false);
        var relaxed = CpuCompiler.EmitLlvmText(program, optimize: false, new CpuCompileOptions(Float: FloatMode.Relaxed));
        Assert.Contains("fmul reassoc contract float", relaxed);
        Assert.Contains("fadd reassoc contract float", relaxed);
        Assert.DoesNotContain("contract", strict);
        Assert.DoesNotContain("reassoc", strict);
    }

    private static List<(double Value, double SumAbs)> Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Select(f => (double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture)))
            .ToList();
}
