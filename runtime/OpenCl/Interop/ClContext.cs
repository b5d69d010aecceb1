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
    /// A buffer over <paramref name="bytes"/> bytes of host memory at <paramref name="host"/> (CL_MEM_USE_HOST_PTR), which
    /// must stay put while the buffer lives. It starts mapped, so the host may use the memory; see <see cref="ClBuffer.Unmap"/>.
    /// </summary>
    public ClBuffer CreateHostBuffer(nint host, long bytes)
    {
        int status;
        nint mem = OpenClNative.clCreateBuffer(Handle, ClConstants.MemReadWrite | ClConstants.MemUseHostPtr, (nuint)bytes, (void*)host, &status);
        OpenClException.Check(status, "clCreateBuffer");
        var buffer = new ClBuffer(this, mem, bytes);
        buffer.Map();
        return buffer;
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

    /// <summary>How long a device compiler may take over one program (<c>TRANSLATE_OPENCL_BUILD_TIMEOUT</c>, seconds;
    /// 300 by default): PoCL 3.1's kernel compiler runs without end on some kernels with many barrier loops (NVIDIA
    /// eigenvalues), and a build script wants an error, not a process that never ends.</summary>
    public static TimeSpan DefaultBuildTimeout { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("TRANSLATE_OPENCL_BUILD_TIMEOUT"), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(300);

    /// <summary>This context's limit, <see cref="DefaultBuildTimeout"/> unless set.</summary>
    public TimeSpan BuildTimeout { get; set; } = DefaultBuildTimeout;

    private ClProgram Build(nint program, string options)
    {
        int status = ClStatus.BuildProgramFailure;
        var opts = Encoding.UTF8.GetBytes(options + "\0");
        nint device = Device.Handle;
        // On a thread of its own, so a compiler that does not finish becomes an error; the thread (a native call
        // that cannot be taken back) is left to the process's end, the program handle with it.
        var build = new Thread(() =>
        {
            nint dev = device;
            fixed (byte* o = opts) status = OpenClNative.clBuildProgram(program, 1, &dev, o, 0, 0);
        }) { IsBackground = true, Name = "OpenCL program build" };
        build.Start();
        if (!build.Join(BuildTimeout))
            throw new ClBuildException(ClStatus.BuildProgramFailure,
                $"the device compiler did not finish within {BuildTimeout.TotalSeconds:0.###} s (TRANSLATE_OPENCL_BUILD_TIMEOUT sets the limit in seconds)");
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
