using System.Text;

namespace Translate.Runtime.OpenCl.Interop;

/// <summary>An OpenCL context on one device, with one in-order profiling command queue.</summary>
public sealed unsafe class ClContext : IDisposable
{
    private nint _context;
    private nint _queue;

    public ClContext(ClDevice device)
    {
        Device = device;
        int status;
        nint d = device.Handle;
        _context = OpenClNative.clCreateContext(null, 1, &d, 0, 0, &status);
        OpenClException.Check(status, "clCreateContext");
        _queue = OpenClNative.clCreateCommandQueue(_context, d, ClConstants.QueueProfilingEnable, &status);
        if (status != ClStatus.Success)
        {
            OpenClNative.clReleaseContext(_context);
            throw new OpenClException("clCreateCommandQueue", status);
        }
    }

    public ClDevice Device { get; }

    internal nint Queue => _queue != 0 ? _queue : throw new ObjectDisposedException(nameof(ClContext));
    internal nint Handle => _context != 0 ? _context : throw new ObjectDisposedException(nameof(ClContext));

    /// <summary>A device buffer of <paramref name="bytes"/> bytes (at least 1: OpenCL rejects empty buffers).</summary>
    public ClBuffer CreateBuffer(long bytes)
    {
        int status;
        nint mem = OpenClNative.clCreateBuffer(Handle, ClConstants.MemReadWrite, (nuint)Math.Max(1, bytes), null, &status);
        OpenClException.Check(status, "clCreateBuffer");
        return new ClBuffer(this, mem, bytes);
    }

    /// <summary>
    /// Builds OpenCL C source. A failed build throws <see cref="ClBuildException"/> with the compiler's log;
    /// on success the (possibly empty) log is in <see cref="ClProgram.BuildLog"/>.
    /// </summary>
    public ClProgram BuildFromSource(string source, string options)
    {
        int status;
        var bytes = Encoding.UTF8.GetBytes(source);
        nint program;
        fixed (byte* p = bytes)
        {
            byte* s = p;
            nuint length = (nuint)bytes.Length;
            program = OpenClNative.clCreateProgramWithSource(Handle, 1, &s, &length, &status);
        }
        OpenClException.Check(status, "clCreateProgramWithSource");
        return Build(program, options);
    }

    /// <summary>
    /// Builds a SPIR-V module with <c>clCreateProgramWithIL</c>. Only for devices whose
    /// <see cref="ClDevice.AcceptsSpirv"/> holds; a failed build throws <see cref="ClBuildException"/>.
    /// </summary>
    public ClProgram BuildFromSpirv(ReadOnlySpan<byte> spirv, string options)
    {
        int status;
        nint program;
        fixed (byte* p = spirv) program = OpenClNative.clCreateProgramWithIL(Handle, p, (nuint)spirv.Length, &status);
        OpenClException.Check(status, "clCreateProgramWithIL");
        return Build(program, options);
    }

    /// <summary>Loads a program binary this device produced earlier (see <see cref="ClProgram.Binary"/>); null if it is refused.</summary>
    public ClProgram? TryBuildFromBinary(byte[] binary, string options)
    {
        int status, binaryStatus;
        nint program;
        nint d = Device.Handle;
        fixed (byte* p = binary)
        {
            byte* b = p;
            nuint length = (nuint)binary.Length;
            program = OpenClNative.clCreateProgramWithBinary(Handle, 1, &d, &length, &b, &binaryStatus, &status);
        }
        if (status != ClStatus.Success || binaryStatus != ClStatus.Success) return null;
        try { return Build(program, options); }
        catch (ClBuildException) { return null; }
    }

    private ClProgram Build(nint program, string options)
    {
        int status;
        var opts = Encoding.UTF8.GetBytes(options + "\0");
        nint device = Device.Handle;
        fixed (byte* o = opts) status = OpenClNative.clBuildProgram(program, 1, &device, o, 0, 0);
        nint d = device;
        string log = ClInfo.String((size, value, ret) =>
            OpenClNative.clGetProgramBuildInfo(program, d, ClConstants.ProgramBuildLog, size, value, ret), "clGetProgramBuildInfo");
        if (status != ClStatus.Success)
        {
            OpenClNative.clReleaseProgram(program);
            throw new ClBuildException(status, log);
        }
        return new ClProgram(this, program, log);
    }

    /// <summary>Waits until every command queued so far has finished.</summary>
    public void Finish() => OpenClException.Check(OpenClNative.clFinish(Queue), "clFinish");

    public void Dispose()
    {
        if (_queue != 0) OpenClNative.clReleaseCommandQueue(_queue);
        if (_context != 0) OpenClNative.clReleaseContext(_context);
        _queue = _context = 0;
    }
}

/// <summary><c>clBuildProgram</c> failed; <see cref="Log"/> is the device compiler's message.</summary>
public sealed class ClBuildException(int status, string log) : Exception($"clBuildProgram failed ({ClStatus.Name(status)}):\n{log}")
{
    public string Log { get; } = log;
}
