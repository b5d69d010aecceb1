using System.Text;

namespace Translate.Runtime.OpenCl.Interop;

/// <summary>A built OpenCL program: its kernels can be created by name.</summary>
public sealed unsafe class ClProgram : IDisposable
{
    private readonly ClContext _context;
    private nint _program;

    internal ClProgram(ClContext context, nint program, string buildLog)
    {
        _context = context;
        _program = program;
        BuildLog = buildLog;
    }

    /// <summary>The compiler's messages for a successful build (warnings), often empty.</summary>
    public string BuildLog { get; }

    internal nint Handle => _program != 0 ? _program : throw new ObjectDisposedException(nameof(ClProgram));

    public ClKernel CreateKernel(string name)
    {
        int status;
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        nint kernel;
        fixed (byte* n = bytes) kernel = OpenClNative.clCreateKernel(Handle, n, &status);
        if (status != ClStatus.Success) throw new OpenClException("clCreateKernel", status, name);
        return new ClKernel(_context, kernel, name);
    }

    /// <summary>The device binary, for the on-disk program cache (single-device programs only).</summary>
    public byte[] Binary()
    {
        nuint size;
        OpenClException.Check(OpenClNative.clGetProgramInfo(Handle, ClConstants.ProgramBinarySizes, (nuint)sizeof(nuint), &size, null), "clGetProgramInfo");
        var binary = new byte[(int)size];
        fixed (byte* p = binary)
        {
            byte* ptr = p;
            OpenClException.Check(OpenClNative.clGetProgramInfo(Handle, ClConstants.ProgramBinaries, (nuint)sizeof(nint), &ptr, null), "clGetProgramInfo");
        }
        return binary;
    }

    public void Dispose()
    {
        if (_program != 0) OpenClNative.clReleaseProgram(_program);
        _program = 0;
    }
}
