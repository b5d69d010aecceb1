using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Runtime.BuildMode;

/// <summary>
/// How a kernel's arguments are packed in one record: like a struct of its parameters, each at its
/// natural alignment (CUDA's layout, <see cref="Ir.Types.TypeLayout"/>), as every device's launch takes them.
/// </summary>
public static class KernelArgumentLayout
{
    public static (long[] Offsets, long[] Sizes, long Size) Of(CheckedModule program, FunctionDef kernel)
    {
        var parameters = kernel.Parameters;
        var offsets = new long[parameters.Count];
        var sizes = new long[parameters.Count];
        long at = 0;
        for (int k = 0; k < parameters.Count; k++)
        {
            int align = program.Layout.AlignOf(parameters[k].Type);
            at = (at + align - 1) / align * align;
            offsets[k] = at;
            sizes[k] = program.Layout.SizeOf(parameters[k].Type);
            at += sizes[k];
        }
        return (offsets, sizes, at);
    }
}
