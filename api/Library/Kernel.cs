using Translate.DeviceContract;
using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Api;

/// <summary>
/// One kernel of a <see cref="CudaProgram"/>. <see cref="Launch(Dim3, Dim3, object?[])"/> runs it to completion
/// with CUDA's launch checks: arguments are buffers (as pointers), C# numbers and bools of the parameters' types,
/// <see cref="Half"/>, or <see cref="KernelArgument"/> for structs and vector types.
/// </summary>
public sealed class Kernel
{
    private readonly KernelNames _names;
    private readonly FunctionDef _definition;
    private readonly int _index;
    private readonly (long[] Offsets, long[] Sizes, long Size) _layout;

    internal Kernel(CudaProgram program, KernelNames names, FunctionDef definition)
    {
        Program = program;
        _names = names;
        _definition = definition;
        _index = program.Host.FindKernel(names.IrName);
        _layout = program.Host.ArgumentLayout(_index);
    }

    public CudaProgram Program { get; }

    /// <summary>The C++ name: <c>saxpy</c>, <c>reduceSum&lt;128, int&gt;</c>.</summary>
    public string Name => _names.CppName;

    /// <summary>The C++ signature as clang shows it.</summary>
    public string Signature => _names.Signature;

    /// <summary>The parameters' names, in order.</summary>
    public IReadOnlyList<string> Parameters => _definition.Parameters.Select(p => p.Name).ToList();

    /// <summary>Bytes of <c>__shared__</c> memory a block uses besides the dynamic part (cudaFuncAttributes.sharedSizeBytes).</summary>
    public long StaticSharedBytes => Program.Host.StaticSharedBytes(_index);

    /// <summary><c>kernel&lt;&lt;&lt;grid, block&gt;&gt;&gt;(arguments…)</c>, run to completion.</summary>
    public void Launch(Dim3 grid, Dim3 block, params object?[] arguments) => Launch(new LaunchOptions(grid, block), arguments);

    /// <summary>
    /// Launches with dynamic shared memory or cooperatively, and waits for it. Throws <see cref="TranslateException"/>:
    /// TR0906 when the arguments do not fit the parameters, TR0310 for a configuration CUDA refuses (its
    /// <c>cudaError_t</c> named), or the kernel's runtime error (TR03xx: an assertion, a memory error on <c>interp</c>).
    /// </summary>
    public unsafe void Launch(LaunchOptions options, params object?[] arguments)
    {
        byte[] record = KernelArguments.Pack(this, _definition, _layout, arguments);
        var (grid, block) = (options.Grid, options.Block);
        var host = Program.Host;
        int status;
        fixed (byte* packed = record)
            status = host.Launch(_index, (grid.X, grid.Y, grid.Z), (block.X, block.Y, block.Z), options.SharedBytes, (nint)packed, options.Cooperative);
        if (status == 0) return;
        if (status == -1 && host.Error is { } error) throw new TranslateException([error]);
        throw new TranslateException([new Diagnostic(Codes.BadLaunch, new SourceLocation(Program.Source, 0, 0),
            $"{Name}<<<{grid}, {block}, {options.SharedBytes}>>>: {CudaErrorCodes.Name(status)} ({CudaErrorCodes.Text(status)})")]);
    }

    public override string ToString() => Signature;
}
