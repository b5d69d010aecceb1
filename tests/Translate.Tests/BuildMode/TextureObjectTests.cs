using System.Globalization;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// Texture and surface objects fetch as the CUDA programming guide's "Texture Fetching" appendix
/// defines: address modes (wrap and mirror for normalized coordinates only, clamp, border), point
/// sampling, linear filtering with weights in 9-bit fixed point, normalized coordinates and reads,
/// layered and cubemap resources; surfaces read and write bytes at byte x-coordinates with the
/// boundary modes. Programs/textureFetches.cu prints what the device fetched; the expected values are
/// computed here from the documented rules. Build mode is where the texture API exists, so the
/// devices are cpu and opencl.
/// </summary>
public class TextureObjectTests
{
    /// <summary>cpu, and opencl where an OpenCL device exists.</summary>

    private static readonly Lazy<string> Built = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("textures").FullName;
        string exe = Path.Combine(dir, "textureFetches");
        var build = CliRunner.Run("build", Path.Combine(Repository.Root, "tests", "Translate.Tests", "BuildMode", "Programs", "textureFetches.cu"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        return exe;
    });

    private static readonly Dictionary<string, CliResult> Runs = [];

    private static CliResult Run(string device)
    {
        lock (Runs)
        {
            if (!Runs.TryGetValue(device, out var run))
                Runs[device] = run = Executable.Run(Built.Value, Path.GetDirectoryName(Built.Value)!, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
            return run;
        }
    }

    private static double[] Fetched(string device, string name)
    {
        var line = Run(device).Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"{device}: no line '{name}' in\n{Run(device).Stdout}\n{Run(device).Stderr}");
        return line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    private static void Expect(string device, string name, IEnumerable<double> expected)
    {
        var want = expected.ToArray();
        var got = Fetched(device, name);
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++)
            Assert.True(Math.Abs(want[i] - got[i]) <= 1e-4 * Math.Max(1, Math.Abs(want[i])), $"{name}[{i}]: expected {want[i]}, fetched {got[i]}");
    }

    // The reference: the guide's rules, written for one dimension and composed.
    private enum Mode { Wrap, Clamp, Mirror, Border }

    /// <summary>Texel index i of n after the address mode, or null outside in border mode.</summary>
    private static int? Address(int i, int n, Mode mode, bool normalized)
    {
        if (!normalized && mode is Mode.Wrap or Mode.Mirror) mode = Mode.Clamp;
        return mode switch
        {
            Mode.Wrap => ((i % n) + n) % n,
            Mode.Mirror => (((i % (2 * n)) + 2 * n) % (2 * n)) is var m && m < n ? m : 2 * n - 1 - m,
            Mode.Border when i < 0 || i >= n => null,
            _ => Math.Clamp(i, 0, n - 1),
        };
    }

    /// <summary>frac(x) in 9-bit fixed point with 8 fractional bits.</summary>
    private static double Alpha(double x) => Math.Round((x - Math.Floor(x)) * 256, MidpointRounding.AwayFromZero) / 256;

    /// <summary>A 1-, 2- or 3-D fetch from texel(x, y, z) of a size.Length-dimensional resource.</summary>
    private static double Fetch(Func<int, int, int, double> texel, int[] size, double[] at, bool linear, Mode mode, bool normalized, double border = 0)
    {
        int dims = size.Length;
        var x = at.Select((c, d) => normalized ? (double)((float)c * size[d]) : c).ToArray();
        double Texel(int[] i)
        {
            var a = i.Select((v, d) => Address(v, size[d], mode, normalized)).ToArray();
            return a.Any(v => v is null) ? border : texel(a[0]!.Value, dims > 1 ? a[1]!.Value : 0, dims > 2 ? a[2]!.Value : 0);
        }
        if (!linear) return Texel(x.Select(c => (int)Math.Floor(c)).ToArray());
        double sum = 0;
        for (int corner = 0; corner < 1 << dims; corner++)
        {
            double w = 1;
            var i = new int[dims];
            for (int d = 0; d < dims; d++)
            {
                double b = x[d] - 0.5, alpha = Alpha(b);
                bool upper = (corner >> d & 1) == 1;
                i[d] = (int)Math.Floor(b) + (upper ? 1 : 0);
                w *= upper ? alpha : 1 - alpha;
            }
            sum += w * Texel(i);
        }
        return sum;
    }

    private static readonly double[] Unnormalized = [-1.5, 0.2, 3.7, 7.9, 9.0, 0.5, 2.3, 3.5, 6.8, 8.6];
    private static readonly double[] Normalized = [-0.1, 1.3, 0.55, 1.9, 0.01, 0.99, -1.2, 2.6];

    private static IEnumerable<double> Line(double[] xs, bool linear, Mode mode, bool normalized, double border = 0) =>
        xs.Select(x => Fetch((i, _, _) => i * i + 1, [8], [(float)x], linear, mode, normalized, border));

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Point_sampling_takes_the_texel_under_the_coordinate_clamped_or_bordered(string device)
    {
        Expect(device, "point_clamp", Line(Unnormalized, false, Mode.Clamp, false));
        Expect(device, "point_border", Line(Unnormalized, false, Mode.Border, false, border: 42));
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Linear_filtering_weighs_the_two_nearest_texels_in_9_bit_fixed_point(string device)
    {
        Expect(device, "linear_clamp", Line(Unnormalized, true, Mode.Clamp, false));
        Expect(device, "linear_border", Line(Unnormalized, true, Mode.Border, false, border: 42));
        // 3.7 lies 0.2 past texel 3's centre: the weight is 51/256, not 0.2.
        Assert.Equal(10 + 7 * 51.0 / 256, Fetched(device, "linear_clamp")[2], 4);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Wrap_and_mirror_apply_to_normalized_coordinates_and_clamp_otherwise(string device)
    {
        Expect(device, "point_wrap", Line(Normalized, false, Mode.Wrap, true));
        Expect(device, "point_mirror", Line(Normalized, false, Mode.Mirror, true));
        Expect(device, "linear_wrap", Line(Normalized, true, Mode.Wrap, true));
        Expect(device, "linear_mirror", Line(Normalized, true, Mode.Mirror, true));
        Expect(device, "normalized_clamp", Line(Normalized, true, Mode.Clamp, true));
        Expect(device, "unnormalized_wrap_clamps", Line(Unnormalized, true, Mode.Clamp, false));
    }

    private static readonly double[][] Points2D = [[0.5, 0.5], [1.25, 2.75], [4.9, 0.1], [2.6, 3.3], [-0.4, 1.5], [3.5, 4.2]];

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Bilinear_and_trilinear_filtering_read_arrays_and_pitched_memory_alike(string device)
    {
        var bilinear = Points2D.Select(p => Fetch((x, y, _) => 10 * y + x * x, [5, 4], [(float)p[0], (float)p[1]], true, Mode.Clamp, false));
        Expect(device, "bilinear_array", bilinear);
        Expect(device, "bilinear_pitch2d", bilinear);
        double[][] points3 = [[0.5, 0.5, 0.5], [1.3, 1.2, 2.9], [2.7, 0.6, 3.8]];
        Expect(device, "trilinear", points3.Select(p => Fetch((x, y, z) => 100 * z + 10 * y + x, [3, 2, 4], p.Select(c => (double)(float)c).ToArray(), true, Mode.Clamp, false)));
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_layered_fetch_reads_its_layer_and_clamps_the_layer_index(string device)
    {
        double[][] points = [[0.5, 0.25, 0], [0.5, 0.25, 1], [0.9, 0.8, 1], [0.1, 0.9, 7]];
        foreach (var (name, linear) in new[] { ("layered_point", false), ("layered_linear", true) })
            Expect(device, name, points.Select(p =>
            {
                int layer = Math.Min((int)p[2], 1);
                return Fetch((x, y, _) => 100 * layer + 10 * y + x, [3, 2], [(float)p[0], (float)p[1]], linear, Mode.Clamp, true);
            }));
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_cubemap_fetch_picks_the_face_of_the_major_axis(string device)
    {
        double[][] directions = [[1, 0.5, -0.5], [-1, -0.5, 0.5], [0.2, 1, 0.6], [0.2, -1, 0.6], [-0.3, 0.4, 1], [-0.3, 0.4, -1], [2, -1.5, 0.5], [0.1, -0.2, -3]];
        Expect(device, "cubemap", directions.Select(d =>
        {
            // The guide's table: face, then the (s, t) components and the major axis m.
            int axis = Math.Abs(d[0]) >= Math.Abs(d[1]) && Math.Abs(d[0]) >= Math.Abs(d[2]) ? 0 : Math.Abs(d[1]) >= Math.Abs(d[2]) ? 1 : 2;
            bool positive = d[axis] >= 0;
            int face = 2 * axis + (positive ? 0 : 1);
            double m = Math.Abs(d[axis]);
            var (s, t) = face switch
            {
                0 => (-d[2], -d[1]), 1 => (d[2], -d[1]), 2 => (d[0], d[2]), 3 => (d[0], -d[2]), 4 => (d[0], -d[1]), _ => (-d[0], -d[1]),
            };
            return Fetch((x, y, _) => 10 * face + 2 * y + x, [2, 2], [(s / m + 1) / 2, (t / m + 1) / 2], false, Mode.Clamp, true);
        }));
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Vector_texels_read_as_elements_or_normalized_and_tex1Dfetch_reads_linear_memory(string device)
    {
        // Texel (1, 0) is (0, 51, 102, 255); read normalized it is each / 255. tex1Dfetch outside reads 0.
        Expect(device, "vectors", [0, 51, 102, 255, 0, 0.2, 0.4, 1, (float)123456789, 0]);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Surfaces_write_and_read_at_byte_coordinates_with_the_boundary_modes(string device)
    {
        var written = Fetched(device, "surface_written");
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(y => Enumerable.Range(0, 4).Select(x => (double)(x * 10 + y))), written);
        // (2, 1) written; past the row in zero mode reads 0; clamp moves (7, 5) to (3, 2) and (-2, 0) to (0, 0).
        Assert.Equal([21, 0, 32, 0], Fetched(device, "surface_read"));
        Expect(device, "surface_layered", [3, 2, 1, 0, 103, 102, 101, 100]);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void What_CUDA_refuses_is_refused_and_a_trap_mode_access_outside_stops_the_kernel(string device)
    {
        // Linear filtering of integers read as integers, a surface without cudaArraySurfaceLoadStore,
        // a second destroy: cudaErrorInvalidValue each. Outside in trap mode: cudaErrorLaunchFailure.
        Assert.Equal([1, 1, 1], Fetched(device, "refused"));
        Assert.Equal([719], Fetched(device, "trap"));
        Assert.Contains("TR0311", Run(device).Stderr);
    }
}
