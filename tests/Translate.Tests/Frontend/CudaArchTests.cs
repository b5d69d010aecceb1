using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Frontend;
using Translate.Ir.Model;
using Translate.Ir.Printing;
using Translate.Runtime.Devices;
using Translate.Tests.Cpu;

namespace Translate.Tests.Frontend;

/// <summary>
/// Device code sees <c>__CUDA_ARCH__</c> as nvcc's device pass defines it (the compute capability our devices
/// report, ×10: 700) and host code does not: kernels, device functions, the device side of
/// <c>__host__ __device__</c> functions and device variables' initializers are lifted from clang's device
/// compilation, host code from its host compilation. Each program prints the same on interp, cpu and opencl.
/// </summary>
public sealed class CudaArchTests : FrontendTestBase
{
    private static readonly Dictionary<string, (string Cuda, string Expected)> Programs = new()
    {
        // simpleAWBarrier's shape: the whole kernel body under an arch test (it used to lift as an empty kernel).
        ["kernel_body_under_an_arch_test"] = ("""
            #include <cstdio>
            __global__ void k(int *p) {
            #if __CUDA_ARCH__ >= 700
                p[threadIdx.x] = 10 + threadIdx.x;
            #endif
            #if __CUDA_ARCH__ >= 800
                p[threadIdx.x] = -1;
            #endif
            }
            int main() {
                int *d, h[4] = {0, 0, 0, 0};
                cudaMalloc(&d, sizeof h);
                cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
                k<<<1, 4>>>(d);
                cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
                printf("%d %d %d %d\n", h[0], h[1], h[2], h[3]);
                return 0;
            }
            """, "10 11 12 13\n"),

        // One function, two paths: the kernel gets the device one, main the host one; a derived struct crosses
        // between them (one IR struct, its base found from either side).
        ["a_host_device_function_takes_each_side's_path"] = ("""
            #include <cstdio>
            struct First { int a; };
            struct Pair : First { int b; };
            __host__ __device__ int side(Pair p) {
            #ifdef __CUDA_ARCH__
                return p.a + __CUDA_ARCH__;
            #else
                return p.b;
            #endif
            }
            __global__ void k(int *out, Pair p) { *out = side(p); }
            int main() {
                Pair p;
                p.a = 5;
                p.b = 7;
                int *d, h = 0;
                cudaMalloc(&d, sizeof h);
                k<<<1, 1>>>(d, p);
                cudaMemcpy(&h, d, sizeof h, cudaMemcpyDeviceToHost);
                printf("device %d host %d\n", h, side(p));
                return 0;
            }
            """, "device 705 host 7\n"),

        // A kernel template that only the host's launch instantiates is lifted in its device view.
        ["a_kernel_template_instantiated_by_a_host_launch"] = ("""
            #include <cstdio>
            template <typename T> __global__ void twice(T *x) {
            #ifdef __CUDA_ARCH__
                x[threadIdx.x] *= 2;
            #endif
            }
            int main() {
                float *d, h[2] = {1.5f, 4.0f};
                cudaMalloc(&d, sizeof h);
                cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
                twice<float><<<1, 2>>>(d);
                cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
                printf("%g %g\n", h[0], h[1]);
                return 0;
            }
            """, "3 8\n"),

        // __device__ and __constant__ variables are initialized as the device compilation sees them.
        ["device_variables_take_their_device_initializers"] = ("""
            #include <cstdio>
            #ifdef __CUDA_ARCH__
            #define ARCH __CUDA_ARCH__
            #else
            #define ARCH 0
            #endif
            __device__ int arch = ARCH;
            __constant__ int table[2] = {ARCH, ARCH + 1};
            __global__ void k(int *out) { *out = table[1] - table[0] + arch; }
            int main() {
                int *d, h = 0, v = 0;
                cudaMalloc(&d, sizeof h);
                k<<<1, 1>>>(d);
                cudaMemcpy(&h, d, sizeof h, cudaMemcpyDeviceToHost);
                cudaMemcpyFromSymbol(&v, arch, sizeof v);
                printf("%d %d %d\n", h, v, ARCH);
                return 0;
            }
            """, "701 700 0\n"),
    };

    public static TheoryData<string> Names() => new(Programs.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Runs_on_the_interpreter(string name) => Assert.Equal(Programs[name].Expected, Run(name, "interp"));

    [RequiresTheory(Need.Cpu)]
    [MemberData(nameof(Names))]
    public void Runs_on_cpu(string name) => Assert.Equal(Programs[name].Expected, Run(name, "cpu"));

    [RequiresTheory(Need.OpenCl)]
    [MemberData(nameof(Names))]
    public void Runs_on_opencl(string name) => Assert.Equal(Programs[name].Expected, Run(name, "opencl"));

    [Fact]
    public void The_arch_is_the_compute_capability_the_devices_report_times_ten()
    {
        var result = Lift("""
            #ifdef __CUDA_ARCH__
            __device__ int arch = __CUDA_ARCH__;
            #else
            __device__ int arch = 0;
            #endif
            __device__ int list = __CUDA_ARCH_LIST__; // nvcc defines the list on both sides
            __global__ void k(int *p) { *p = arch + list; }
            int main() { return __CUDA_ARCH_LIST__ - 700; }
            """);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var arch = Assert.Single(result.Module!.Globals, g => g.Name == "arch");
        var list = Assert.Single(result.Module!.Globals, g => g.Name == "list");
        int expected = CudaLimits.ComputeCapabilityMajor * 100 + CudaLimits.ComputeCapabilityMinor * 10;
        Assert.Equal(expected, (int)Assert.IsType<IntConstant>(arch.Initializer).Value);
        Assert.Equal(expected, (int)Assert.IsType<IntConstant>(list.Initializer).Value);
    }

    /// <summary>A kernel only the host compilation defines has no device code (nvcc would fail the launch at run time).</summary>
    [Fact]
    public void A_kernel_the_device_compilation_lacks_is_TR0407_at_the_kernel()
    {
        var result = Lift("""
            __global__ void k(int *p);
            #ifndef __CUDA_ARCH__
            __global__ void k(int *p) { *p = 1; }
            #endif
            int main() { int *d; cudaMalloc(&d, 4); k<<<1, 1>>>(d); return 0; }
            """);
        var d = ExpectDiagnostic(result, Codes.UndefinedFunction, 3);
        Assert.Contains("device compilation", d.Message);
    }

    /// <summary>Device-only lifting (build mode) takes kernels from the device compilation too.</summary>
    [Fact]
    public void Device_only_lifting_lifts_the_device_view()
    {
        var dir = Path.Combine(Path.GetTempPath(), "translate-frontend-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "k.cu");
        File.WriteAllText(path, "__global__ void k(int *p) {\n#ifdef __CUDA_ARCH__\n  *p = 42;\n#endif\n}\n");
        try
        {
            var result = CudaFrontend.Translate(path, new FrontendOptions { DeviceOnly = true });
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            var k = Assert.Single(result.Module!.Functions, f => f.Name == "k");
            Assert.Contains("42", IrPrinter.Print(new IrModule("k.cu", [k])));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string Run(string name, string device) => LiftAndRun(Programs[name].Cuda, device);
}
