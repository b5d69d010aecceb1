using Translate.DeviceContract;
using Translate.Interpreter.Execution;
using Translate.Interpreter.Memory;

namespace Translate.Interpreter.Dispatch;

/// <summary>The heap seen through <see cref="IDeviceMemory"/>: device-reachable allocations and pointer resolution.</summary>
internal sealed class HeapDeviceMemory(LoadedProgram program) : IDeviceMemory
{
    public IReadOnlyList<DeviceAllocation> DeviceAllocations =>
        program.Heap.Live.Where(a => a.Kind is AllocationKind.Device or AllocationKind.Managed or AllocationKind.Pinned or AllocationKind.Constant)
            .Select(a => new DeviceAllocation(a.Id, a.Data)).ToList();

    public (int Id, long Offset)? Resolve(long pointer) =>
        program.Heap.Find(pointer) is { Freed: false } a ? (a.Id, Heap.OffsetOf(pointer)) : null;

    public long GlobalAddress(string name) => program.GlobalAddress(name);

    public byte[] Read(long pointer, long size)
    {
        var heap = program.Heap;
        bool host = heap.OnHost;
        heap.AllowBothSides();
        try { return heap.Bytes(pointer, size, write: false).ToArray(); }
        finally { heap.UseSide(host); }
    }
}
