using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// The CUDA runtime library of build-mode executables keeps CUDA's semantics: a kernel's runtime
/// error is reported with its location and becomes a sticky cudaErrorLaunchFailure; kernel printf
/// interleaves with the host's output in program order; an unsupported TRANSLATE_DEVICE is refused
/// with a coded message and cudaErrorNoDevice.
/// </summary>
public class RuntimeSemanticsTests
{
    private const string Program = """
        #include <cstdio>
        #include <cuda_runtime.h>

        __global__ void divide(int *out, int by) { out[threadIdx.x] = 100 / (by - (int)threadIdx.x); }
        __global__ void hello(int tag) { if (threadIdx.x == 0) printf("kernel %d\n", tag); }

        int main()
        {
            int count = -1;
            printf("count %d %d\n", (int)cudaGetDeviceCount(&count), count);
            if (count < 1) return 3;
            printf("host before\n");
            hello<<<1, 32>>>(7);
            cudaDeviceSynchronize();
            printf("host after\n");
            int *d;
            cudaMalloc(&d, 64 * sizeof(int));
            divide<<<1, 8>>>(d, 4);
            printf("sync %d\n", (int)cudaDeviceSynchronize());
            printf("last %d\n", (int)cudaGetLastError());
            int *e;
            printf("malloc after %d\n", (int)cudaMalloc(&e, 4));
            return 0;
        }
        """;

    private static (CliResult Run, string Exe) BuildAndRun(CliRunner dir, IReadOnlyDictionary<string, string>? environment = null)
    {
        string source = dir.Write("semantics.cu", Program);
        string exe = Path.Combine(dir.Directory, "semantics");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        return (Executable.Run(exe, dir.Directory, environment), exe);
    }

    /// <summary>tests/programs/runtimeErrorModel.cu, which whole-program runs pass on every device (RegressionProgramTests).</summary>
    [RequiresFact(Need.BuildMode)]
    public void Streams_events_and_errors_answer_as_they_do_in_whole_program_runs()
    {
        using var dir = new CliRunner();
        string exe = Path.Combine(dir.Directory, "errorModel");
        var build = CliRunner.Run("build", Path.Combine(Repository.Root, "tests", "programs", "runtimeErrorModel.cu"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory);
        Assert.Equal((0, "PASSED\n"), (run.ExitCode, run.Stdout));
    }

    [RequiresFact(Need.BuildMode)]
    public void A_kernel_error_is_reported_with_its_location_and_is_sticky()
    {
        using var dir = new CliRunner();
        var (run, _) = BuildAndRun(dir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("semantics.cu:4:", run.Stderr);
        Assert.Contains("TR0306", run.Stderr);
        Assert.Contains("sync 719\n", run.Stdout);
        Assert.Contains("last 719\n", run.Stdout);
        Assert.Contains("malloc after 719\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void Kernel_printf_appears_between_the_host_lines_around_the_launch()
    {
        using var dir = new CliRunner();
        var (run, _) = BuildAndRun(dir);
        Assert.Contains("host before\nkernel 7\nhost after\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void With_TRANSLATE_CHECK_an_out_of_bounds_write_in_a_kernel_is_located_and_is_an_illegal_address()
    {
        using var dir = new CliRunner();
        string source = dir.Write("oob.cu", """
            #include <cstdio>
            #include <cuda_runtime.h>
            __global__ void write(int *p, int n) { p[threadIdx.x] = n; }
            int main()
            {
                int *d;
                cudaMalloc(&d, 30 * sizeof(int));
                write<<<1, 32>>>(d, 5);
                printf("sync %d\n", (int)cudaDeviceSynchronize());
                return 0;
            }
            """);
        string exe = Path.Combine(dir.Directory, "oob");
        Assert.Equal(0, CliRunner.Run("build", source, "-o", exe).ExitCode);
        var run = Executable.Run(exe, dir.Directory, new Dictionary<string, string> { ["TRANSLATE_CHECK"] = "1" });
        Assert.Contains("oob.cu:3:", run.Stderr);
        Assert.Contains("TR0301", run.Stderr);
        Assert.Contains("sync 700\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void Pitched_memory_is_padded_copied_by_rows_and_checked()
    {
        using var dir = new CliRunner();
        string source = dir.Write("pitch.cu", """
            #include <cstdio>
            #include <cuda_runtime.h>
            __global__ void addRow(float *m, size_t pitch, int w)
            {
                float *row = (float *)((char *)m + blockIdx.x * pitch);
                if (threadIdx.x < w) row[threadIdx.x] += blockIdx.x;
            }
            int main()
            {
                const int w = 100, h = 7;
                float host[h][w];
                for (int r = 0; r < h; ++r) for (int c = 0; c < w; ++c) host[r][c] = c;
                float *d; size_t pitch = 0;
                printf("alloc %d\n", (int)cudaMallocPitch(&d, &pitch, w * sizeof(float), h));
                printf("pitch %zu\n", pitch);
                printf("in %d\n", (int)cudaMemcpy2D(d, pitch, host, w * sizeof(float), w * sizeof(float), h, cudaMemcpyHostToDevice));
                addRow<<<h, 128>>>(d, pitch, w);
                printf("out %d\n", (int)cudaMemcpy2D(host, w * sizeof(float), d, pitch, w * sizeof(float), h, cudaMemcpyDeviceToHost));
                int bad = 0;
                for (int r = 0; r < h; ++r) for (int c = 0; c < w; ++c) bad += host[r][c] != c + r;
                printf("bad %d\n", bad);
                printf("too tall %d\n", (int)cudaMemcpy2D(host, w * sizeof(float), d, pitch, w * sizeof(float), h + 1, cudaMemcpyDeviceToHost));
                printf("wide %d\n", (int)cudaMemset2D(d, pitch, 0, pitch + 1, 1));
                return 0;
            }
            """);
        string exe = Path.Combine(dir.Directory, "pitch");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory);
        Assert.Equal("alloc 0\npitch 512\nin 0\nout 0\nbad 0\ntoo tall 1\nwide 12\n", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void Managed_memory_takes_prefetch_and_advice_by_location_in_the_CUDA_12_and_13_spellings()
    {
        using var dir = new CliRunner();
        string source = dir.Write("prefetch.cu", """
            #include <cstdio>
            __global__ void twice(float *a) { a[threadIdx.x] *= 2; }
            int main()
            {
                float *a;
                cudaMallocManaged(&a, 64 * sizeof(float));
                for (int i = 0; i < 64; i++) a[i] = i;
                cudaMemLocation loc; loc.type = cudaMemLocationTypeDevice; loc.id = 0;
                printf("%d ", (int)cudaMemPrefetchAsync(a, 64 * sizeof(float), loc, 0));
                printf("%d ", (int)cudaMemAdvise(a, 64 * sizeof(float), cudaMemAdviseSetReadMostly, loc));
                loc.id = 3;
                printf("%d ", (int)cudaMemPrefetchAsync_v2(a, 64 * sizeof(float), loc, 0, 0));
                cudaGetLastError();
                float local[4];
                printf("%d ", (int)cudaMemPrefetchAsync(local, sizeof local, 0));
                cudaGetLastError();
                printf("%d ", (int)cudaMemPrefetchAsync(a, 64 * sizeof(float), cudaCpuDeviceId));
                twice<<<1, 64>>>(a);
                cudaDeviceSynchronize();
                printf("%g\n", a[63]);
                return 0;
            }
            """);
        string exe = Path.Combine(dir.Directory, "prefetch");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        // invalid device ordinal 101 for device 3; invalid value 1 for memory that is not managed
        Assert.Equal("0 0 101 1 0 126\n", Executable.Run(exe, dir.Directory).Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void An_unsupported_device_is_refused_with_a_code_and_no_device()
    {
        using var dir = new CliRunner();
        var (run, _) = BuildAndRun(dir, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "hip" });
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("TR0610", run.Stderr);
        Assert.Contains("count 100 0\n", run.Stdout);
    }
}
