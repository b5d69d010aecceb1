using Translate.Backends.Llvm.GpuMath;
using Xunit.Abstractions;

namespace Translate.Tests.Gpu.Math;

/// <summary>
/// The GPU math library, run on this machine through LLVM's JIT, against the host's double-precision
/// math (.NET Math, and glibc's libm for what Math lacks): for each function, ~100 000 inputs — random
/// bit patterns over the whole range, a dense uniform sweep of the usual domain, and the special
/// values (±0, ±∞, NaN, the edges). Float results are measured in float ulps against the double
/// reference (so 0.5 is correct rounding); double results in double ulps against glibc (itself
/// within about half an ulp). The bounds below are the ones backends/Nvptx/README.md publishes.
/// </summary>
public class DeviceMathAccuracyTests(ITestOutputHelper output, DeviceMathAccuracyTests.Library library) : IClassFixture<DeviceMathAccuracyTests.Library>
{
    public sealed class Library : IDisposable
    {
        public HostDeviceMath Math { get; } = new();
        public void Dispose() => Math.Dispose();
    }

    private sealed record Function(Func<double, double, double> Reference, double Lo, double Hi, double YLo = 0, double YHi = 0, bool Binary = false);

    private static Function U(Func<double, double> f, double lo, double hi) => new((x, _) => f(x), lo, hi);
    private static Function B(Func<double, double, double> f, double lo, double hi, double ylo, double yhi) => new(f, lo, hi, ylo, yhi, true);

    private static readonly Dictionary<string, Function> Functions = new()
    {
        ["exp"] = U(System.Math.Exp, -750, 710),
        ["exp2"] = U(Libm.Exp2, -1080, 1030),
        ["exp10"] = U(Libm.Exp10, -330, 310),
        ["expm1"] = U(Libm.Expm1, -40, 710),
        ["log"] = U(System.Math.Log, 0, 1e6),
        ["log2"] = U(System.Math.Log2, 0, 1e6),
        ["log10"] = U(System.Math.Log10, 0, 1e6),
        ["log1p"] = U(Libm.Log1p, -1, 100),
        ["sin"] = U(System.Math.Sin, -1e6, 1e6),
        ["cos"] = U(System.Math.Cos, -1e6, 1e6),
        ["tan"] = U(System.Math.Tan, -10, 10),
        ["atan"] = U(System.Math.Atan, -10, 10),
        ["asin"] = U(System.Math.Asin, -1, 1),
        ["acos"] = U(System.Math.Acos, -1, 1),
        ["sinh"] = U(System.Math.Sinh, -720, 720),
        ["cosh"] = U(System.Math.Cosh, -720, 720),
        ["tanh"] = U(System.Math.Tanh, -20, 20),
        ["asinh"] = U(System.Math.Asinh, -1e3, 1e3),
        ["acosh"] = U(System.Math.Acosh, 1, 1e3),
        ["atanh"] = U(System.Math.Atanh, -1, 1),
        ["erf"] = U(Libm.Erf, -6, 6),
        ["erfc"] = U(Libm.Erfc, -6, 27),
        ["cbrt"] = U(System.Math.Cbrt, -1e3, 1e3),
        ["atan2"] = B(System.Math.Atan2, -10, 10, -10, 10),
        ["pow"] = B(System.Math.Pow, 0, 10, -300, 300), // |y·log x| up to 690: where y·log x must be carried in extra precision
        ["hypot"] = B(double.Hypot, -1e3, 1e3, -1e3, 1e3),
        ["fdim"] = B(Libm.Fdim, -10, 10, -10, 10),
        ["fmod"] = B((x, y) => x % y, -1e6, 1e6, -10, 10),
        ["remainder"] = B(Libm.Remainder, -1e6, 1e6, -10, 10),
    };

    /// <summary>The published bounds, in ulps: every float function within one (measured: just above ½).</summary>
    public const double FloatBound = 0.51;

    /// <summary>The published double bounds, in ulps against glibc.</summary>
    public static readonly IReadOnlyDictionary<string, double> DoubleBounds = new Dictionary<string, double>
    {
        ["exp"] = 1, ["exp2"] = 1, ["exp10"] = 2, ["expm1"] = 2, ["log"] = 1, ["log2"] = 1, ["log10"] = 2, ["log1p"] = 1,
        ["sin"] = 1, ["cos"] = 1, ["tan"] = 2, ["atan"] = 2, ["asin"] = 3, ["acos"] = 3, ["atan2"] = 2,
        ["sinh"] = 3, ["cosh"] = 3, ["tanh"] = 3, ["asinh"] = 1, ["acosh"] = 1, ["atanh"] = 1,
        ["erf"] = 5, ["cbrt"] = 3, ["pow"] = 2, ["hypot"] = 2, ["fdim"] = 0, ["fmod"] = 0, ["remainder"] = 0,
    };

    private readonly HostDeviceMath _math = library.Math;

    public static TheoryData<string> FloatNames() => new(DeviceMath.FloatFunctions);
    public static TheoryData<string> DoubleNames() => new(DeviceMath.DoubleFunctions);

    private static readonly double[] Specials =
        [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1, -1, 0.5, -0.5, 2, -2, 3, 1e-30, -1e-30,
         float.Epsilon, float.MaxValue, -float.MaxValue, double.Epsilon, double.MaxValue, System.Math.PI, System.Math.PI / 2];

    /// <summary>Inputs: the specials (and their pairs), random bit patterns, and a uniform sweep of the domain.</summary>
    private static IEnumerable<(double X, double Y)> Inputs(Function f, bool isDouble, int seed)
    {
        var random = new Random(seed);
        double RandomBits() => isDouble ? BitConverter.Int64BitsToDouble(random.NextInt64()) : BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
        double Between(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        foreach (var x in Specials)
        {
            if (!f.Binary) yield return (x, 0);
            else foreach (var y in Specials) yield return (x, y);
        }
        for (int i = 0; i < 30_000; i++) yield return (RandomBits(), RandomBits());
        for (int i = 0; i < 70_000; i++) yield return (Between(f.Lo, f.Hi), f.Binary ? Between(f.YLo, f.YHi) : 0);
    }

    private static double Ulp(double v, bool isDouble)
    {
        v = System.Math.Abs(v);
        if (isDouble) return v < double.Epsilon * (1L << 52) ? double.Epsilon : System.Math.ScaleB(1, System.Math.ILogB(v) - 52);
        v = System.Math.Min(v, float.MaxValue);
        return v < System.Math.ScaleB(1, -126) ? System.Math.ScaleB(1, -149) : System.Math.ScaleB(1, System.Math.ILogB(v) - 23);
    }

    /// <summary>How far <paramref name="ours"/> is from <paramref name="reference"/>, in ulps of the result type (∞ for a wrong NaN, infinity or zero sign).</summary>
    private static double Error(double ours, double reference, bool isDouble)
    {
        if (double.IsNaN(reference) || double.IsNaN(ours)) return double.IsNaN(reference) && double.IsNaN(ours) ? 0 : double.PositiveInfinity;
        double rounded = isDouble ? reference : (float)reference;
        if (double.IsInfinity(rounded) || double.IsInfinity(ours)) return ours == rounded ? 0 : double.PositiveInfinity;
        if (reference == 0 || ours == 0)
            return ours == rounded && double.IsNegative(ours) == double.IsNegative(rounded) ? 0 : System.Math.Abs(ours - reference) / Ulp(reference, isDouble);
        return System.Math.Abs(ours - reference) / Ulp(reference, isDouble);
    }

    private (double Max, double X, double Y) Measure(string name, bool isDouble)
    {
        var f = Functions[name];
        Func<double, double, double> ours = (isDouble, f.Binary) switch
        {
            (true, false) => _math.Get<DoubleUnary>(name, true) is var d1 ? (x, _) => d1(x) : null!,
            (true, true) => _math.Get<DoubleBinary>(name, true) is var d2 ? (x, y) => d2(x, y) : null!,
            (false, false) => _math.Get<FloatUnary>(name, false) is var f1 ? (x, _) => f1((float)x) : null!,
            (false, true) => _math.Get<FloatBinary>(name, false) is var f2 ? (x, y) => f2((float)x, (float)y) : null!,
        };
        (double Max, double X, double Y) worst = (0, 0, 0);
        foreach (var (x0, y0) in Inputs(f, isDouble, name.Sum(c => c)))
        {
            double x = isDouble ? x0 : (float)x0, y = isDouble ? y0 : (float)y0;
            double err = Error(ours(x, y), f.Reference(x, y), isDouble);
            if (err > worst.Max || double.IsNaN(err)) worst = (err, x, y);
        }
        return worst;
    }

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(FloatNames))]
    public void Float_functions_are_within_their_published_bound(string name)
    {
        var (max, x, y) = Measure(name, false);
        output.WriteLine($"{name}f: max {max:F3} ulp at ({x:R}, {y:R})");
        Assert.True(max <= FloatBound, $"{name}f: {max} ulp at ({x:R}, {y:R}) exceeds {FloatBound}");
    }

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(DoubleNames))]
    public void Double_functions_are_within_their_published_bound(string name)
    {
        var (max, x, y) = Measure(name, true);
        output.WriteLine($"{name}: max {max:F3} ulp at ({x:R}, {y:R})");
        Assert.True(max <= DoubleBounds[name], $"{name}: {max} ulp at ({x:R}, {y:R}) exceeds {DoubleBounds[name]}");
    }
}
