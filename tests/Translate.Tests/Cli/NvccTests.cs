using Translate.Tests.BuildMode;

namespace Translate.Tests.Cli;

/// <summary>
/// <c>translate nvcc</c>: nvcc's flags accepted; -c writes a native object with the device code embedded;
/// linking makes a native executable; a Makefile written for nvcc builds unchanged.
/// </summary>
public sealed class NvccTests : IDisposable
{
    private const string Program = """
        #include <cstdio>
        __global__ void k(int *p) { p[0] = VALUE; }
        int main() {
            int *d, h = 0;
            cudaMalloc((void **)&d, sizeof(int));
            k<<<1, 1>>>(d);
            cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);
            printf("%d\n", h);
            return 0;
        }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [RequiresFact(Need.BuildMode)]
    public void Compile_only_writes_a_native_object_with_the_device_code_embedded()
    {
        string source = _cli.Write("k.cu", Program);
        string obj = Path.Combine(_cli.Directory, "k.o");
        var r = CliRunner.Run("nvcc", "-c", "-O2", "-g", "-std=c++17", "-x", "cu", "-arch=sm_80", "-gencode", "arch=compute_80,code=sm_80",
            "-Xcompiler", "-fPIC", "-DVALUE=42", source, "-o", obj);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var bytes = File.ReadAllBytes(obj);
        Assert.Equal("\u007fELF"u8.ToArray(), bytes[..4]);
        Assert.Contains("translate-device-image", System.Text.Encoding.Latin1.GetString(bytes));
    }

    /// <summary>
    /// Makefiles link NVIDIA's libraries by name; the runtime and NVTX are ours (NVTX header-only, with no
    /// profiler attached its calls do nothing), so those names link, and a program annotated with NVTX runs.
    /// </summary>
    [RequiresFact(Need.BuildMode)]
    public void The_runtime_and_NVTX_libraries_a_Makefile_names_link_and_NVTX_annotations_compile()
    {
        string source = _cli.Write("nvtx.cu", """
            #include <cstdio>
            #include <nvtx3/nvToolsExt.h>
            #include <nvtx3/nvtx3.hpp>
            #include <nvToolsExtCudaRt.h>
            __global__ void k(int *p) { p[0] = 5; }
            int main() {
                NVTX3_FUNC_RANGE();
                nvtx3::scoped_range outer{"outer", nvtx3::rgb{1, 2, 3}};
                nvtxEventAttributes_t a = {};
                a.version = NVTX_VERSION; a.size = NVTX_EVENT_ATTRIB_STRUCT_SIZE;
                a.messageType = NVTX_MESSAGE_TYPE_ASCII; a.message.ascii = "copy";
                int pushed = nvtxRangePushEx(&a);
                int *d, h = 0;
                cudaMalloc((void **)&d, sizeof(int));
                nvtxNameCudaDeviceA(0, "device");
                k<<<1, 1>>>(d);
                cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);
                printf("%d %d %d\n", h, pushed, nvtxRangePop());
                return 0;
            }
            """);
        string exe = Path.Combine(_cli.Directory, "nvtx");
        var r = CliRunner.Run("nvcc", source, "-o", exe, "-lcudart", "-lcuda", "-lnvToolsExt");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("5 -2 -2\n", Executable.Run(exe, _cli.Directory).Stdout); // -2: NVTX_NO_PUSH_POP_TRACKING, no tool attached
    }

    [RequiresFact(Need.BuildMode)]
    public void Objects_compiled_separately_link_into_an_executable()
    {
        string obj = Path.Combine(_cli.Directory, "k.o");
        Assert.Equal(0, CliRunner.Run("nvcc", "-c", "-DVALUE=7", _cli.Write("k.cu", Program), "-o", obj).ExitCode);
        string exe = Path.Combine(_cli.Directory, "app");
        var r = CliRunner.Run("nvcc", obj, "-o", exe, "-arch", "sm_70");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("7\n", Executable.Run(exe, _cli.Directory).Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void A_Makefile_written_for_nvcc_builds_and_runs_with_translate_nvcc()
    {
        string project = Path.Combine(_cli.Directory, "project");
        Directory.CreateDirectory(project);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "cuda-samples", "makefile-project")))
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        var make = Executable.Run("make", project, null, $"NVCC={Path.Combine(Repository.Root, "translate")} nvcc");
        Assert.True(make.ExitCode == 0, make.Stdout + make.Stderr);
        var run = Executable.Run(Path.Combine(project, "app"), _cli.Directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Test PASSED", run.Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void The_flags_HeCBench_Makefiles_pass_are_accepted_and_the_GPU_only_ones_named_under_v()
    {
        string exe = Path.Combine(_cli.Directory, "app");
        var r = CliRunner.Run("nvcc", "-std=c++17", "-Xcompiler", "-Wall", "-arch=sm_60", "-O3", "--use_fast_math", "-use_fast_math",
            "--extended-lambda", "--expt-relaxed-constexpr", "-lineinfo", "-Xptxas", "-v", "--ptxas-options=-O3", "-maxrregcount=32",
            "-Xcudafe", "--diag_suppress=177", "-gencode=arch=compute_60,code=sm_60", "-v", "-DVALUE=5",
            _cli.Write("k.cu", Program), "-o", exe);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("note: ignored", r.Stderr);
        Assert.Contains("-maxrregcount 32", r.Stderr);
        Assert.Contains("-Xptxas -v", r.Stderr);
        Assert.Equal("5\n", Executable.Run(exe, _cli.Directory).Stdout);
    }

    [RequiresFact(Need.BuildMode)]
    public void OpenMP_host_code_compiles_and_links_with_Xcompiler_fopenmp()
    {
        const string openmp = """
            #include <cstdio>
            #include <omp.h>
            __global__ void twice(int *p, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] *= 2; }
            int main() {
                const int n = 1000;
                int h[n], ref[n];
                #pragma omp parallel for
                for (int i = 0; i < n; i++) { h[i] = i; ref[i] = 2 * i; }
                int *d;
                cudaMalloc((void **)&d, sizeof h);
                cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
                twice<<<(n + 255) / 256, 256>>>(d, n);
                cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
                int bad = 0;
                #pragma omp parallel for reduction(+ : bad)
                for (int i = 0; i < n; i++) bad += h[i] != ref[i];
                printf("%s %d\n", bad ? "FAIL" : "PASS", omp_get_max_threads() > 0);
                return 0;
            }
            """;
        string source = _cli.Write("omp.cu", openmp);
        string obj = Path.Combine(_cli.Directory, "omp.o"), exe = Path.Combine(_cli.Directory, "omp");
        var c = CliRunner.Run("nvcc", "-std=c++17", "-Xcompiler", "-fopenmp", "-c", source, "-o", obj);
        Assert.True(c.ExitCode == 0, c.Stderr);
        var l = CliRunner.Run("nvcc", "-std=c++17", "-Xcompiler", "-fopenmp", obj, "-o", exe);
        Assert.True(l.ExitCode == 0, l.Stderr);
        Assert.Equal("PASS 1\n", Executable.Run(exe, _cli.Directory).Stdout);
    }

    /// <summary>
    /// Relocatable device code compiles file by file, and the device-link step makes an empty object: projects that ask for
    /// it without calling device code across files build (CMake's CUDA_SEPARABLE_COMPILATION does so).
    /// </summary>
    [RequiresFact(Need.BuildMode)]
    public void Relocatable_device_code_without_calls_across_files_compiles_device_links_and_runs()
    {
        string obj = Path.Combine(_cli.Directory, "k.o"), dlink = Path.Combine(_cli.Directory, "dlink.o"), exe = Path.Combine(_cli.Directory, "app");
        var compile = CliRunner.Run("nvcc", "-dc", "-DVALUE=3", _cli.Write("k.cu", Program), "-o", obj);
        Assert.True(compile.ExitCode == 0, compile.Stderr);
        var deviceLink = CliRunner.Run("nvcc", "-shared", "-dlink", obj, "-o", dlink);
        Assert.True(deviceLink.ExitCode == 0, deviceLink.Stderr);
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(dlink)[..4]);
        var link = CliRunner.Run("nvcc", "-rdc=true", obj, dlink, "-o", exe);
        Assert.True(link.ExitCode == 0, link.Stderr);
        Assert.Equal("3\n", Executable.Run(exe, _cli.Directory).Stdout);
    }

    [Fact]
    public void A_device_function_of_another_file_is_not_linked_TR0407_at_the_call_and_TR0604_saying_why()
    {
        string caller = _cli.Write("a.cu", "extern __device__ int twice(int x);\n__global__ void k(int *p) { p[0] = twice(21); }\n");
        var r = CliRunner.Run("nvcc", "-dc", caller);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("a.cu:1:23: error TR0407: 'twice(int)' has no body", r.Stderr);
        Assert.Contains("error TR0604: relocatable device code (-rdc=true / -dc) is compiled file by file", r.Stderr);
    }

    [Fact]
    public void Unknown_flag_is_a_usage_error()
    {
        var r = CliRunner.Run("nvcc", "--frobnicate", "k.cu");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'--frobnicate'", r.Stderr);
    }

    /// <summary>What CMake passes: include directories in an options file, forwarded host options, dependency files.</summary>
    [RequiresFact(Need.BuildMode)]
    public void Options_files_forwarded_host_options_and_dependency_files_work_as_with_nvcc()
    {
        string include = Path.Combine(_cli.Directory, "my include");
        Directory.CreateDirectory(include);
        File.WriteAllText(Path.Combine(include, "value.h"), "#define VALUE 9\n");
        string source = _cli.Write("k.cu", "#include \"value.h\"\n" + Program);
        string options = _cli.Write("includes.rsp", $"-I\"{include}\"\n");
        string obj = Path.Combine(_cli.Directory, "k.o"), deps = Path.Combine(_cli.Directory, "k.o.d");
        var r = CliRunner.Run("nvcc", "-forward-unknown-to-host-compiler", "--options-file", options, "-fno-strict-aliasing",
            "-MD", "-MT", obj, "-MF", deps, "-x", "cu", "-c", source, "-o", obj);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("value.h", File.ReadAllText(deps));
        Assert.StartsWith(obj + ":", File.ReadAllText(deps));
        string exe = Path.Combine(_cli.Directory, "app");
        Assert.Equal(0, CliRunner.Run("nvcc", obj, "-o", exe).ExitCode);
        Assert.Equal("9\n", Executable.Run(exe, _cli.Directory).Stdout);

        var unknown = CliRunner.Run("nvcc", "-fno-strict-aliasing", "-c", source);
        Assert.Equal(2, unknown.ExitCode); // without forwarding, an option nvcc does not know is a usage error, as with nvcc
        Assert.Contains("'-fno-strict-aliasing' is not supported", unknown.Stderr);
    }

    /// <summary>nvcc's -include (--pre-include): a file included before the source, seen by device and host code alike
    /// (held-out HeCBench softmax-online relies on a header it never includes).</summary>
    [RequiresFact(Need.BuildMode)]
    public void Pre_included_files_reach_device_and_host_code()
    {
        string header = _cli.Write("value.h", "#define VALUE 11\nconstexpr int Twice = 2 * VALUE;\n");
        string source = _cli.Write("k.cu", Program.Replace("printf(\"%d\\n\", h);", "printf(\"%d %d\\n\", h, Twice);"));
        string exe = Path.Combine(_cli.Directory, "app");
        var r = CliRunner.Run("nvcc", "-include", header, source, "-o", exe);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("11 22\n", Executable.Run(exe, _cli.Directory).Stdout);
        string obj = Path.Combine(_cli.Directory, "k.o");
        Assert.True(CliRunner.Run("nvcc", $"--pre-include={header}", "-c", source, "-o", obj).ExitCode == 0);
        Assert.NotEqual(0, CliRunner.Run("nvcc", "-c", source, "-o", obj).ExitCode); // without it, VALUE is undeclared
    }

    [Fact]
    public void The_version_banner_is_nvccs_so_build_systems_accept_the_driver_and_says_whose_it_is()
    {
        var r = CliRunner.Run("nvcc", "--version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("nvcc: NVIDIA (R) Cuda compiler driver\n", r.Stdout); // what CMake's CUDA compiler check matches
        Assert.Contains("not NVIDIA's", r.Stdout);
        Assert.Contains("Cuda compilation tools, release 12.4, V12.4.0", r.Stdout);
    }
}
