using Translate.Api;
using Translate.Api.Sample;

namespace Translate.Tests.Api;

/// <summary>
/// The .NET API (api/Library): C# loads a CUDA source, allocates device buffers and launches its kernels by
/// their C++ names on any device, with no CUDA host code; what does not fit is a TranslateException with its code.
/// </summary>
public class DotNetApiTests
{
    private static string Samples => Path.Combine(Repository.Root, "cuda-samples");

    [Theory]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void The_sample_app_runs_every_kernel_of_vectorAdd_matrixMul_reduction_and_scan_and_checks_them(string device)
    {
        var log = new StringWriter();
        Assert.True(SampleKernels.RunAll(Samples, device, log), log.ToString());
        Assert.Equal(new[] { "vectorAdd", "matrixMul", "reduction", "scan" }.Select(s => $"{s} on {device}: ok"),
            log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    private const string Saxpy = """
        #include <cassert>
        #include <cstdio>
        __constant__ float scaleBy[2];
        __device__ int launches;
        __global__ void saxpy(int n, float a, const float *x, float *y)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) y[i] = a * x[i] + y[i] * scaleBy[0];
            if (i == 0) { launches += 1; printf("saxpy n=%d\n", n); }
        }
        template <typename T> __global__ void fill(T *out, T value, unsigned long long n)
        {
            for (unsigned long long i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) out[i] = value;
        }
        template __global__ void fill<double>(double *, double, unsigned long long);
        template __global__ void fill<short>(short *, short, unsigned long long);
        struct Pair { int first; float second; };
        __global__ void unpack(Pair p, float4 v, int *i, float *f) { *i = p.first; *f = p.second + v.x + v.y + v.z + v.w; }
        __global__ void check(const int *p) { assert(p[0] == 1); }
        """;

    [Theory]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Kernels_take_buffers_numbers_structs_and_device_variables_and_print(string device)
    {
        using var program = CudaProgram.FromSource(Saxpy, device, "saxpy.cu");
        Assert.Equal(["saxpy", "fill<double>", "fill<short>", "unpack", "check"], program.Kernels);

        const int n = 1000;
        using var x = program.Device.Allocate<float>(Enumerable.Range(0, n).Select(i => (float)i).ToArray());
        using var y = program.Device.Allocate<float>(Enumerable.Repeat(1f, n).ToArray());
        program.Symbol<float>("scaleBy")[0] = 3f;
        program.Kernel("saxpy").Launch((n + 127) / 128, 128, n, 2f, x, y);
        program.Kernel("saxpy").Launch(1, 32, 0, 0f, x, y);
        Assert.Equal(Enumerable.Range(0, n).Select(i => 2f * i + 3f), y.ToArray());
        Assert.Equal(2, program.Symbol<int>("launches")[0]);

        using var doubles = program.Device.Allocate<double>(5000);
        program.Kernel("fill< double >").Launch(4, 64, doubles, 0.5, 5000); // an int for an unsigned long long: it fits
        Assert.All(doubles.ToArray(), v => Assert.Equal(0.5, v));
        using var shorts = program.Device.Allocate<short>(10);
        program.Kernel("fill<short>").Launch(1, 32, shorts.Slice(2, 8), (short)-7, 8UL);
        Assert.Equal(new short[] { 0, 0, -7, -7, -7, -7, -7, -7, -7, -7 }, shorts.ToArray());

        using var i = program.Device.Allocate<int>(1);
        using var f = program.Device.Allocate<float>(1);
        program.Kernel("unpack").Launch(1, 1, KernelArgument.Of(new PairOfIntAndFloat(42, 0.5f)), KernelArgument.Of(1f, 2f, 3f, 4f), i, f);
        Assert.Equal(42, i.ToArray()[0]);
        Assert.Equal(10.5f, f.ToArray()[0]);
    }

    private readonly record struct PairOfIntAndFloat(int First, float Second);

    [Theory]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Printf_in_kernels_goes_to_the_devices_output(string device)
    {
        if (device.StartsWith("opencl", StringComparison.Ordinal)) return; // the OpenCL driver writes to the process's stdout itself
        using var gpu = ComputeDevice.Open(device);
        var printed = new StringWriter();
        gpu.Output = printed;
        using var program = gpu.LoadSource(Saxpy, "saxpy.cu");
        using var x = gpu.Allocate<float>(1);
        program.Kernel("saxpy").Launch(1, 1, 1, 1f, x, x);
        printed.Flush();
        Assert.Equal("saxpy n=1\n", printed.ToString());
    }

    [Fact]
    public void Arguments_that_do_not_fit_the_parameters_are_TR0906_naming_the_argument()
    {
        using var program = CudaProgram.FromSource(Saxpy, "cpu", "saxpy.cu");
        using var x = program.Device.Allocate<float>(4);
        using var d = program.Device.Allocate<double>(4);
        var saxpy = program.Kernel("saxpy");
        string Refusal(params object?[] arguments) =>
            Assert.Throws<TranslateException>(() => saxpy.Launch(1, 4, arguments)) is { Code: "TR0906" } e ? e.Message : "another code";

        Assert.Contains("takes 4 arguments (n, a, x, y); 3 given", Refusal(4, 2f, x));
        Assert.Contains("argument 2 (a, float) is a double; the parameter is float (pass a float", Refusal(4, 2.0, x, x));
        Assert.Contains("argument 4 (y, (ptr float)) is a buffer of Double; the parameter points to float", Refusal(4, 2f, x, d));
        Assert.Contains("argument 1 (n, int) is 4294967296, which a 32-bit parameter cannot hold", Refusal(1L << 32, 2f, x, x));
        Assert.Contains("argument 1 (n, int) is a bool", Refusal(true, 2f, x, x));
        Assert.Contains("argument 1 (n, int) is null", Refusal(null, 2f, x, x));
        Assert.StartsWith("saxpy.cu: error TR0906: saxpy(int, float, const float *, float *)", Refusal(4, 2f, x));

        using var other = ComputeDevice.Open("cpu");
        using var foreign = other.Allocate<float>(4);
        Assert.Contains("is a buffer of another device", Refusal(4, 2f, x, foreign));
        Assert.Contains("argument 1 (p, (struct Pair)) is 4 bytes (Int32); the parameter is 8",
            Assert.Throws<TranslateException>(() => program.Kernel("unpack").Launch(1, 1, KernelArgument.Of(1), KernelArgument.Of(1f, 2f, 3f, 4f), x, x)).Message);
    }

    [Fact]
    public void Unknown_and_ambiguous_kernel_names_are_TR0905_listing_the_kernels()
    {
        using var program = CudaProgram.FromSource(Saxpy, "interp", "saxpy.cu");
        var unknown = Assert.Throws<TranslateException>(() => program.Kernel("saxpi"));
        Assert.Equal("TR0905", unknown.Code);
        Assert.Contains("no kernel 'saxpi' in saxpy.cu: its kernels are saxpy, fill<double>, fill<short>, unpack, check", unknown.Message);
        var ambiguous = Assert.Throws<TranslateException>(() => program.Kernel("fill"));
        Assert.Contains("'fill' names 2 kernels", ambiguous.Message);
        Assert.Equal("fill<short>", program.Kernel("fill<short>(short *, short, unsigned long long)").Name);
        Assert.Same(program.Kernel("saxpy"), program.Kernel("saxpy"));
        using var one = CudaProgram.FromSource("template <int N> __global__ void k(int *p) { *p = N; }\ntemplate __global__ void k<3>(int *);", "interp");
        Assert.Equal("k<3>", one.Kernel("k").Name); // a template's only instantiation answers to the template's name
    }

    [Fact]
    public void A_source_that_does_not_translate_is_a_TranslateException_with_the_lifters_diagnostics()
    {
        var broken = Assert.Throws<TranslateException>(() => CudaProgram.FromSource("__global__ void k(int *p) { *p = undeclared; }", "cpu", "broken.cu"));
        Assert.Contains(broken.Diagnostics, d => d.Location.File.EndsWith("broken.cu", StringComparison.Ordinal) && d.Location.Line == 1);
        Assert.Matches(@"^TR04\d\d$", broken.Code);
        var missing = Assert.Throws<TranslateException>(() => CudaProgram.FromFile("no-such-file.cu"));
        Assert.Equal("TR0901", missing.Code);
        var device = Assert.Throws<TranslateException>(() => ComputeDevice.Open("tpu"));
        Assert.Equal("TR0903", device.Code);
        Assert.Contains("cpu, interp or opencl", device.Message);
    }

    [Theory]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_failed_device_assertion_and_a_refused_configuration_are_exceptions_with_their_codes(string device)
    {
        using var program = CudaProgram.FromSource(Saxpy, device, "saxpy.cu");
        using var x = program.Device.Allocate<float>(4);
        var tooLarge = Assert.Throws<TranslateException>(() => program.Kernel("saxpy").Launch(1, 2048, 4, 1f, x, x));
        Assert.Equal("TR0310", tooLarge.Code);
        Assert.Contains("cudaErrorInvalidConfiguration", tooLarge.Message);
        using var zero = program.Device.Allocate<int>(1);
        var failed = Assert.Throws<TranslateException>(() => program.Kernel("check").Launch(1, 1, zero));
        Assert.Equal("TR0316", failed.Code);
    }
}
