namespace Translate.Tests;

/// <summary>
/// Something a test needs that a machine may lack. <see cref="Requirements.Missing(Need)"/> says, for each,
/// why it is missing here; <see cref="RequiresFactAttribute"/> and <see cref="RequiresTheoryAttribute"/>
/// skip with that reason.
/// </summary>
public enum Need
{
    /// <summary>The <c>cpu</c> device (libLLVM 19).</summary>
    Cpu,

    /// <summary>The <c>opencl</c> device (an OpenCL driver; PoCL here).</summary>
    OpenCl,

    /// <summary>LLVM 19's GPU targets, for the PTX and AMD backends.</summary>
    GpuBackends,

    /// <summary>LLVM 19's <c>opt</c> (Debian package llvm-19), which prints LLVM's own pass pipelines.</summary>
    LlvmOpt,

    /// <summary><c>ld.lld-19</c>, which links AMD code objects.</summary>
    Lld,

    /// <summary><c>clang++-19</c> on PATH: reference compilations, and build mode's host code.</summary>
    Clang,

    /// <summary>The <c>dotnet</c> command on PATH: <c>./translate</c> builds itself, build mode publishes its runtime library.</summary>
    Dotnet,

    /// <summary><c>translate build</c>: <see cref="Clang"/> and <see cref="Dotnet"/>.</summary>
    BuildMode,

    /// <summary><c>cmake</c> and <c>make</c> on PATH (CMake CUDA projects through <c>translate-nvcc</c>).</summary>
    CMake,

    /// <summary>NVIDIA's own CUDA samples beside the repository (<c>../shared/corpus/cuda-samples</c>).</summary>
    NvidiaSamples,

    /// <summary>llama.lisp, upstream of our IR, beside the repository (<c>../shared/corpus/llama-lisp</c>).</summary>
    LlamaLisp,

    /// <summary>What llama.lisp's own compiler and GPU test runner need: guile with guile-json, Debian's python3 with NumPy,
    /// llvmlite and munch, LLVM 19's opt and llc (scripts/setup.sh installs them).</summary>
    UpstreamCompiler,

    /// <summary><c>spirv-val</c> (SPIRV-Tools).</summary>
    SpirVValidator,

    /// <summary><c>llvm-spirv-15</c> (the Khronos LLVM translator), which reads our SPIR-V back.</summary>
    SpirVReader,

    /// <summary>Debian's spirv-headers grammar, which the writer's tables are checked against.</summary>
    SpirVGrammar,
}
