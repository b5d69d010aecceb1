using Translate.DeviceContract;

namespace Translate.Runtime.Native.Graphs;

/// <summary>
/// Records an event when it runs (cudaGraphAddEventRecordNode, or cudaEventRecordWithFlags with
/// cudaEventRecordExternal in a capturing stream): the event then holds the time all work before the
/// node had completed, as an event recorded in a stream does.
/// </summary>
internal sealed class EventRecordNode(nint e) : GraphNode
{
    public nint Event { get; set; } = e;

    public override GraphNodeType Type => GraphNodeType.EventRecord;

    public override int Run()
    {
        if (NativeRuntime.State.CheckEvent(Event) is var bad and not 0) return bad;
        NativeRuntime.State.Stamp(Event);
        StreamCapture.Recorded(Event);
        return 0;
    }

    protected override GraphNode CopyOperation() => new EventRecordNode(Event);

    public override int UpdateFrom(GraphNode source)
    {
        Event = ((EventRecordNode)source).Event;
        return 0;
    }

    public override string Describe() => $"event 0x{Event:x}";
}

/// <summary>
/// Waits for an event (cudaGraphAddEventWaitNode, or cudaStreamWaitEvent with cudaEventWaitExternal
/// in a capturing stream). The work an event marks has completed when it is recorded, so the wait is
/// over at once; the event must still exist.
/// </summary>
internal sealed class EventWaitNode(nint e) : GraphNode
{
    public nint Event { get; set; } = e;

    public override GraphNodeType Type => GraphNodeType.WaitEvent;

    public override int Run() => NativeRuntime.State.CheckEvent(Event);

    protected override GraphNode CopyOperation() => new EventWaitNode(Event);

    public override int UpdateFrom(GraphNode source)
    {
        Event = ((EventWaitNode)source).Event;
        return 0;
    }

    public override string Describe() => $"event 0x{Event:x}";
}
