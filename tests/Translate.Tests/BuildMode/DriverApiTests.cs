using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// The CUDA driver API (runtime/Native/Driver: the runtime library is libcuda.so.1 too): a plain C program loads PTX
/// text, launches its kernels with arguments as pointers, as one buffer and through the pre-4.0 launch API, reads a module variable back and sees
/// untranslatable PTX refused with the reason in its JIT log; NVIDIA's driver-API samples build as their CMakeLists.txt
/// do (the kernel .cu to a fat binary holding PTX, `nvcc -fatbin`) and pass their own checks.
/// </summary>
public class DriverApiTests
{
    private static string Tests => Path.Combine(Repository.Root, "tests");

    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu")]
    [InlineData("interp")]
    public void A_C_program_runs_PTX_kernels_through_the_driver_API(string device)
    {
        using var work = new CliRunner();
        string exe = Path.Combine(work.Directory, "driverApi");
        var build = CliRunner.Run("build", Path.Combine(Tests, "driver", "driverApi.c"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, work.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device },
            Path.Combine(Tests, "ptx", "handWritten.ptx"));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("counter: 197 (4 bytes)", run.Stdout);
        Assert.Contains("legacy launch: 1 576 ... 0", run.Stdout);
        Assert.Contains("info log: translate: 1 kernel(s) of the PTX lifted to the IR: bump", run.Stdout);
        Assert.Contains("untranslatable PTX: CUDA_ERROR_INVALID_PTX", run.Stdout);
        Assert.Contains("Test PASSED", run.Stdout);
        // The refusal is also printed, located in the PTX text and naming the instruction.
        Assert.Contains("<cuModuleLoadDataEx>:7:2: error TR0418", run.Stderr);
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void PTX_compiled_without_optimization_keeps_its_locals_in_a_frame_and_runs(string device)
    {
        // clang -O0's PTX keeps every local in the .local frame, warpSums's loop counter and shuffle distance too: split
        // into variables, the loop is seen to be the same in every thread (OpenCL runs its shuffles); rowSums passes a
        // frame address to a function, so its frame stays memory.
        using var work = new CliRunner();
        string exe = Path.Combine(work.Directory, "frameSlots");
        var build = CliRunner.Run("build", Path.Combine(Tests, "driver", "frameSlots.c"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, work.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device },
            Path.Combine(Tests, "ptx", "unoptimizedFrame.ptx"));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Test PASSED", run.Stdout);
    }

    [RequiresTheory(Need.BuildMode)]
    [InlineData("cpu")]
    [InlineData("interp")]
    public void Arrays_copies_fills_textures_and_surfaces_work_through_the_driver_API(string device) => RunTextureProgram(device);

    [RequiresFact(Need.BuildMode, Need.OpenCl)]
    public void Arrays_copies_fills_textures_and_surfaces_work_through_the_driver_API_on_opencl() => RunTextureProgram("opencl");

    private static void RunTextureProgram(string device)
    {
        using var work = new CliRunner();
        string module = Path.Combine(work.Directory, "textureKernels.fatbin");
        var kernels = CliRunner.Run("nvcc", "-fatbin", "-arch=sm_70", "-o", module, Path.Combine(Tests, "driver", "textureKernels.cu"));
        Assert.True(kernels.ExitCode == 0, kernels.Stderr);
        string exe = Path.Combine(work.Directory, "driverTextures");
        var build = CliRunner.Run("build", Path.Combine(Tests, "driver", "driverTextures.c"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, work.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device }, module);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Test PASSED", run.Stdout);
    }

    [RequiresTheory(Need.BuildMode, Need.NvidiaSamples)]
    [InlineData("vectorAddDrv")]
    [InlineData("matrixMulDrv")]
    [InlineData("simpleDrvRuntime")]
    public void An_unchanged_nvidia_driver_sample_passes_on_cpu_and_opencl(string sample)
    {
        string dir = Path.Combine(NvidiaSamplesTests.Corpus, "Samples", "0_Introduction", sample);
        using var work = new CliRunner();
        string kernel = Directory.EnumerateFiles(dir, "*.cu").Single();
        string host = Directory.EnumerateFiles(dir, "*.cpp").Single();
        string fatbin = File.ReadLines(host).Select(l => System.Text.RegularExpressions.Regex.Match(l, "#define\\s+FATBIN_FILE\\s+\"([^\"]+)\""))
            .First(m => m.Success).Groups[1].Value;
        var ptx = CliRunner.Run("nvcc", "-fatbin", "-arch=sm_70", "-o", Path.Combine(work.Directory, fatbin), kernel);
        Assert.True(ptx.ExitCode == 0, ptx.Stderr);
        string exe = Path.Combine(work.Directory, sample);
        var build = CliRunner.Run("build", host, "-I", Path.Combine(NvidiaSamplesTests.Corpus, "Common"), "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        foreach (var device in Requirements.Missing(Need.OpenCl) is null ? new[] { "cpu", "opencl" } : ["cpu"])
        {
            var run = Executable.Run(exe, work.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
            Assert.True(run.ExitCode == 0, device + ": " + run.Stdout + run.Stderr);
            Assert.Contains("Result = PASS", run.Stdout);
            Assert.DoesNotMatch(@"error TR\d{4}", run.Stderr);
        }
    }

    /// <summary>
    /// matrixMulDynlinkJIT finds libcuda.so.1 with dlopen and looks up some 150 driver functions by name (the ones it
    /// does not call only need to exist), then JIT-loads PTX that NVIDIA's compiler emitted for CUDA 4.0 (PTX ISA 1.4,
    /// with its 16-bit reads of %tid and %ctaid) and checks the product against the host's.
    /// </summary>
    [RequiresFact(Need.BuildMode, Need.NvidiaSamples)]
    public void The_dynamically_loading_JIT_sample_runs_nvidia_compiled_PTX_on_cpu_and_opencl()
    {
        string dir = Path.Combine(NvidiaSamplesTests.Corpus, "Samples", "0_Introduction", "matrixMulDynlinkJIT");
        using var work = new CliRunner();
        string exe = Path.Combine(work.Directory, "matrixMulDynlinkJIT");
        string[] sources = ["matrixMulDynlinkJIT.cpp", "matrixMul_gold.cpp", "cuda_drvapi_dynlink.c", "matrixMul_kernel_32_ptxdump.c", "matrixMul_kernel_64_ptxdump.c"];
        var build = CliRunner.Run(["build", .. sources.Select(f => Path.Combine(dir, f)), "-I", Path.Combine(NvidiaSamplesTests.Corpus, "Common"), "-ldl", "-o", exe]);
        Assert.True(build.ExitCode == 0, build.Stderr);
        foreach (var device in Requirements.Missing(Need.OpenCl) is null ? new[] { "cpu", "opencl" } : ["cpu"])
        {
            var run = Executable.Run(exe, work.Directory, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
            Assert.True(run.ExitCode == 0, device + ": " + run.Stdout + run.Stderr);
            Assert.Contains($"Translate {device} device", run.Stdout);
            Assert.Contains("4 kernel(s) of the PTX lifted to the IR", run.Stdout);
            Assert.Contains("Test run success!", run.Stdout);
        }
    }
}
