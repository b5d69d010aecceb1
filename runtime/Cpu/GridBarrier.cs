using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Cpu;

/// <summary>
/// The grid barrier of one cooperative launch on the cpu device. Every block runs on its own OS thread
/// (the launch is limited to what could be co-resident, so there are few), and each block calls
/// <see cref="Arrive"/> once per <c>(grid-sync)</c>, between its thread loops. It returns when every block
/// arrived. A block that finished the kernel while others wait would never arrive (CUDA hangs): the
/// barrier breaks with TR0317 instead; it also breaks when a block stopped with a runtime error, so the
/// waiting blocks unwind rather than wait forever.
/// </summary>
internal sealed class GridBarrier(CpuSession session, long blocks)
{
    /// <summary>The barrier of the cooperative launch the current OS thread runs a block of; null otherwise.</summary>
    [ThreadStatic] public static GridBarrier? Current;

    private readonly object _gate = new();
    private long _arrived, _finished, _generation;
    private bool _broken;
    private Diagnostic? _waitSite;

    /// <summary>Waits for every block; false when the barrier broke (the error is recorded on the session).</summary>
    public bool Arrive(Diagnostic site)
    {
        lock (_gate)
        {
            if (_broken) return false;
            _waitSite ??= site;
            long generation = _generation;
            _arrived++;
            if (_arrived + _finished == blocks)
            {
                if (_finished > 0) return BreakIncomplete();
                _arrived = 0;
                _waitSite = null;
                _generation++;
                Monitor.PulseAll(_gate);
                return true;
            }
            while (generation == _generation && !_broken) Monitor.Wait(_gate);
            return !_broken;
        }
    }

    /// <summary>A block finished the kernel: it takes no part in later grid barriers.</summary>
    public void Finished()
    {
        lock (_gate)
        {
            _finished++;
            if (_arrived > 0 && _arrived + _finished == blocks) BreakIncomplete();
        }
    }

    /// <summary>A block stopped with a runtime error: the waiting blocks unwind.</summary>
    public void Break()
    {
        lock (_gate)
        {
            _broken = true;
            Monitor.PulseAll(_gate);
        }
    }

    private bool BreakIncomplete()
    {
        session.Fail(new Diagnostic(Codes.GridBarrierIncomplete, _waitSite!.Location,
            $"{_finished} block(s) of the grid finished without reaching this grid barrier, so it could never complete"));
        Break();
        return false;
    }
}
