using Translate.DeviceContract;

namespace Translate.Cli.Nvcc;

/// <summary>
/// What build systems that inspect nvcc (CMake's CUDA language support, FindCUDAToolkit) are shown: a CUDA toolkit
/// layout (<c>scripts/cuda-toolkit.sh</c> writes it under <c>.build/cuda-toolkit</c>: our headers as <c>include/</c>, our
/// runtime library as <c>lib64/libcudart.so</c>), which <c>translate-nvcc</c> names in <see cref="Variable"/>, nvcc's
/// version banner, and the <c>#$ NAME=VALUE</c> lines nvcc's <c>-v</c> prints before its commands.
/// </summary>
internal static class NvccToolkit
{
    public const string Variable = "TRANSLATE_CUDA_TOOLKIT";

    /// <summary>What starts each line nvcc's <c>-v</c> prints: its settings and the commands it runs.</summary>
    public const string VerbosePrefix = "#$ ";

    /// <summary>The toolkit layout this run presents, or null (a plain <c>translate nvcc</c>).</summary>
    public static string? Root => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root && Directory.Exists(root)
        ? Path.GetFullPath(root) : null;

    public static string LibraryDirectory(string root) => Path.Combine(root, "lib64");

    private static string Version => $"{CudaLimits.RuntimeVersion / 1000}.{CudaLimits.RuntimeVersion % 1000 / 10}";

    /// <summary>
    /// <c>--version</c>. CMake takes a CUDA compiler for nvcc-compatible only when the first line matches nvcc's (and reads
    /// the toolkit version from <c>V12.4.0</c>), so the first line is nvcc's; the rest says whose driver this is.
    /// </summary>
    public static string Banner =>
        $"""
        nvcc: NVIDIA (R) Cuda compiler driver
        (compatible: this is Translate's nvcc-compatible driver, translate nvcc, not NVIDIA's; CUDA through the llama.lisp IR, native build mode)
        Cuda compilation tools, release {Version}, V{Version}.0

        """;

    /// <summary>The lines nvcc's <c>-v</c> starts with: where its toolkit is, and how host code is linked against the runtime.</summary>
    public static IEnumerable<string> VerboseEnvironment(string root)
    {
        yield return VerbosePrefix + "_NVVM_BRANCH_=nvvm";
        yield return VerbosePrefix + "_CUDART_=cudart";
        yield return VerbosePrefix + $"_HERE_={Path.Combine(root, "bin")}";
        yield return VerbosePrefix + $"_THERE_={Path.Combine(root, "bin")}";
        yield return VerbosePrefix + "_TARGET_SIZE_=64";
        yield return VerbosePrefix + $"TOP={root}";
        yield return VerbosePrefix + $"NVVMIR_LIBRARY_DIR={Path.Combine(root, "nvvm", "libdevice")}";
        yield return VerbosePrefix + $"PATH={Path.Combine(root, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        yield return VerbosePrefix + $"INCLUDES=\"-I{Path.Combine(root, "include")}\"";
        // The link line (echoed as "#$ clang++ … -L<lib64> -lcudart") contains this text, which is how CMake finds it.
        yield return VerbosePrefix + $"LIBRARIES=-L{LibraryDirectory(root)}";
    }
}
