using Translate.DeviceContract;

namespace Translate.Runtime.Native;

/// <summary>
/// The device ordinals programs see. TRANSLATE_DEVICE_COUNT=N (default 1, at most 64) presents N
/// identical devices that are all the one TRANSLATE_DEVICE selects: they share its memory, streams and
/// events (one address space, as CUDA's unified addressing lets every device reach every other's
/// memory), so multi-GPU programs run their code paths on one machine. What is per device is what
/// CUDA keeps per device and programs check: the current device of each host thread
/// (<c>cudaSetDevice</c>), the device an allocation was made on, peer access enabled per ordered pair.
/// </summary>
internal static class DeviceOrdinals
{
    public const int MaxCount = 64;

    /// <summary>How many devices there are; 0 when TRANSLATE_DEVICE_COUNT is not a valid count (<see cref="CountError"/>).</summary>
    public static readonly int Count = ReadCount(out CountError);

    /// <summary>Why TRANSLATE_DEVICE_COUNT was refused, or null.</summary>
    public static readonly string? CountError;

    [ThreadStatic] private static int _current;

    private static readonly Lock Gate = new();
    private static readonly HashSet<(int Device, int Peer)> Peers = [];
    private static readonly Dictionary<nint, int> AllocatedOn = [];

    private static int ReadCount(out string? error)
    {
        error = null;
        var text = Environment.GetEnvironmentVariable("TRANSLATE_DEVICE_COUNT");
        if (string.IsNullOrEmpty(text)) return 1;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= MaxCount)
            return n;
        error = $"TRANSLATE_DEVICE_COUNT={text}: expected a whole number of devices from 1 to {MaxCount}";
        return 0;
    }

    /// <summary>The calling host thread's current device.</summary>
    public static int Current => _current;

    public static bool IsValid(int device) => device >= 0 && device < Count;

    /// <summary>Success for a valid ordinal; cudaErrorInvalidDevice (recorded) otherwise.</summary>
    public static int Check(int device) => IsValid(device) ? CudaErrorCodes.Success : NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);

    public static int Select(int device)
    {
        if (Check(device) is var e and not 0) return e;
        _current = device;
        return CudaErrorCodes.Success;
    }

    /// <summary>Every pair of distinct devices can reach each other's memory (it is the same memory).</summary>
    public static bool CanAccessPeer(int device, int peer) => device != peer;

    /// <summary>cudaDeviceEnablePeerAccess from the current device: once per pair, never to itself.</summary>
    public static int EnablePeer(int peer)
    {
        if (!IsValid(peer) || peer == _current) return NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);
        lock (Gate)
            return Peers.Add((_current, peer)) ? CudaErrorCodes.Success : NativeRuntime.Fail(CudaErrorCodes.PeerAccessAlreadyEnabled);
    }

    public static int DisablePeer(int peer)
    {
        if (!IsValid(peer)) return NativeRuntime.Fail(CudaErrorCodes.InvalidDevice);
        lock (Gate)
            return Peers.Remove((_current, peer)) ? CudaErrorCodes.Success : NativeRuntime.Fail(CudaErrorCodes.PeerAccessNotEnabled);
    }

    /// <summary>Notes that the block at <paramref name="start"/> was allocated on the current device.</summary>
    public static void Allocated(nint start)
    {
        lock (Gate)
            if (_current != 0) AllocatedOn[start] = _current;
            else AllocatedOn.Remove(start);
    }

    /// <summary>The device the block starting at <paramref name="start"/> was allocated on.</summary>
    public static int AllocatedDevice(nint start)
    {
        lock (Gate) return AllocatedOn.GetValueOrDefault(start);
    }

    /// <summary>cudaDeviceReset forgets peer access (allocations are freed by the reset itself).</summary>
    public static void Reset()
    {
        lock (Gate)
        {
            Peers.Clear();
            AllocatedOn.Clear();
        }
    }
}
