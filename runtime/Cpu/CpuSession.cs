using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Translate.Backends.Cpu.Execution;
using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Cpu;

/// <summary>
/// The state of one program run on the cpu device: its output, CUDA's last error, streams and
/// events, the C library's random generator, and how the run stopped (exit status or runtime error).
/// Compiled code reaches it through the session handle passed to every runtime entry point.
/// </summary>
internal sealed unsafe class CpuSession
{
    private readonly Lock _outputGate = new();
    private readonly Dictionary<nint, long> _events = [];
    private readonly Lock _gate = new();
    private nint _nextHandle = 0x1000;

    public CpuSession(CpuProgram program, TextWriter stdout)
    {
        Program = program;
        Stdout = stdout;
    }

    public CpuProgram Program { get; }
    public TextWriter Stdout { get; }
    public GlibcRand Random { get; } = new();

    /// <summary>CUDA's last error (cudaGetLastError resets it).</summary>
    public int LastError { get; set; }

    /// <summary>The first runtime error of the run, if any.</summary>
    public Diagnostic? Error { get; private set; }

    /// <summary>The status passed to exit(), once called.</summary>
    public int? ExitStatus { get; set; }

    /// <summary>Where the current OS thread unwinds to (main's or a block's jmp_buf).</summary>
    [ThreadStatic] public static nint CurrentJmpBuf;

    public void Fail(Diagnostic d)
    {
        lock (_gate) Error ??= d;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        lock (_outputGate) Stdout.Write(text);
    }

    public nint NewHandle()
    {
        lock (_gate) return _nextHandle += 16;
    }

    public void RecordEvent(nint e)
    {
        lock (_gate) _events[e] = Stopwatch.GetTimestamp();
    }

    public float ElapsedMilliseconds(nint start, nint end)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(start, out var a) || !_events.TryGetValue(end, out var b)) return float.NaN;
            return (float)((b - a) * 1000.0 / Stopwatch.Frequency);
        }
    }

    // ---- native strings for cudaGetErrorString / Name (kept for the process lifetime) ----
    private static readonly Dictionary<string, nint> Strings = [];

    public static nint NativeString(string s)
    {
        lock (Strings)
        {
            if (!Strings.TryGetValue(s, out var p)) Strings[s] = p = Marshal.StringToCoTaskMemUTF8(s);
            return p;
        }
    }
}

/// <summary>glibc's rand()/srand() (the TYPE_3 additive feedback generator), so values match native programs.</summary>
internal sealed class GlibcRand
{
    private int[] _state = new int[31];
    private int _front, _rear;
    private readonly Lock _gate = new();

    public GlibcRand() => Seed(1);

    public void Seed(uint seed)
    {
        lock (_gate)
        {
            if (seed == 0) seed = 1;
            var s = new int[31];
            s[0] = (int)seed;
            for (int i = 1; i < 31; i++)
            {
                long hi = s[i - 1] / 127773, lo = s[i - 1] % 127773;
                long word = 16807 * lo - 2836 * hi;
                if (word < 0) word += 2147483647;
                s[i] = (int)word;
            }
            _state = s;
            _front = 3;
            _rear = 0;
            for (int i = 0; i < 310; i++) NextLocked();
        }
    }

    public int Next()
    {
        lock (_gate) return NextLocked();
    }

    private int NextLocked()
    {
        unchecked
        {
            _state[_front] += _state[_rear];
            int result = (int)((uint)_state[_front] >> 1);
            if (++_front >= 31) _front = 0;
            if (++_rear >= 31) _rear = 0;
            return result;
        }
    }
}
