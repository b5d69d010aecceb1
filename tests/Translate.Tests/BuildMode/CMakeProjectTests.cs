using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// A CMake CUDA project (cuda-samples/cmake-project: a static library of .cu files, a C++ program linking it with
/// CUDA::cudart from find_package(CUDAToolkit), a CUDA program, CTest) configures, builds and passes its tests with
/// <c>-DCMAKE_CUDA_COMPILER=translate-nvcc</c>, from a build folder outside the repository.
/// </summary>
public class CMakeProjectTests
{
    [RequiresFact(Need.BuildMode, Need.CMake)]
    public void The_CMake_sample_configures_builds_and_passes_ctest_with_translate_nvcc_as_the_CUDA_compiler()
    {
        using var dir = new CliRunner();
        string build = Path.Combine(dir.Directory, "build"), nvcc = Path.Combine(Repository.Root, "translate-nvcc");
        // CMake gives `nvcc --version` 10 seconds; the first use of translate-nvcc builds translate and the runtime library first.
        Assert.Equal(0, Executable.RunWithin(TimeSpan.FromMinutes(10), nvcc, dir.Directory, null, "--version").ExitCode);
        var configure = Executable.Run("cmake", dir.Directory, null, "-S", Path.Combine(Repository.Root, "cuda-samples", "cmake-project"), "-B", build,
            "-DCMAKE_CUDA_COMPILER=" + nvcc);
        Assert.True(configure.ExitCode == 0, configure.Stdout + configure.Stderr);
        Assert.Contains("The CUDA compiler identification is NVIDIA 12.4.0", configure.Stdout);
        Assert.Contains("Found CUDAToolkit", configure.Stdout);

        var compile = Executable.Run("cmake", dir.Directory, null, "--build", build);
        Assert.True(compile.ExitCode == 0, compile.Stdout + compile.Stderr);
        var ctest = Executable.Run("ctest", build, null, "--output-on-failure");
        Assert.True(ctest.ExitCode == 0, ctest.Stdout + ctest.Stderr);
        Assert.Contains("100% tests passed, 0 tests failed out of 2", ctest.Stdout);
        // The executables run their kernels on the device TRANSLATE_DEVICE names, as translate build's do.
        var onInterp = Executable.Run(Path.Combine(build, "imagestats"), build, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = "interp" });
        Assert.Contains("Test PASSED", onInterp.Stdout);
    }
}
