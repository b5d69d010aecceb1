namespace Translate.Fuzz.Generation.Cuda;

/// <summary>
/// Local objects with destructors: in some programs, blocks declare <c>Tracer</c> objects whose constructor and
/// destructor fold their number into the thread's <c>trace</c>, its last output slot (global memory: a pointer to a
/// local kept in an object is refused by OpenCL, TR0502), so the order in which
/// C++ destroys them — at the end of a block, on <c>break</c> and <c>continue</c>, each loop round — is compared with
/// clang's. Drawn from a generator of its own, so programs without tracers stay what their seed gave before.
/// </summary>
internal sealed partial class CudaProgramGenerator
{
    private const string TracerType = """
        struct Tracer {
          unsigned long long *acc;
          unsigned id;
          __device__ Tracer(unsigned long long *a, unsigned i) : acc(a), id(i) { *acc = *acc * 31u + i; }
          __device__ ~Tracer() { *acc = *acc * 37u + id + 1000u; }
        };

        """;

    private const string TraceVariable = "trace";

    private Rng? _traceRng;
    private int _tracers;

    /// <summary>Whether this program traces (decided from the seed alone).</summary>
    private bool StartTracing(int seed)
    {
        var rng = new Rng(unchecked(seed * 7919 + 104729));
        if (!rng.Chance(0.4)) return false;
        _traceRng = rng;
        return true;
    }

    /// <summary>Sometimes, a tracer declared in the current block.</summary>
    private void MaybeTracer()
    {
        if (_traceRng is { } rng && rng.Chance(0.3))
            Line($"Tracer tracer{_tracers}({TraceVariable}, {_tracers++}u);");
    }
}
