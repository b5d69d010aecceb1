using System.Runtime.InteropServices;

namespace Translate.Runtime.Native.Exports;

/// <summary>
/// The profiler control API. No profiling tool is ever attached, so starting and stopping collection
/// succeed and do nothing, as they do under CUDA without a profiler.
/// </summary>
internal static class Profiler
{
    [UnmanagedCallersOnly(EntryPoint = "cudaProfilerStart")]
    public static int ProfilerStart() => NativeRuntime.Precondition();

    [UnmanagedCallersOnly(EntryPoint = "cudaProfilerStop")]
    public static int ProfilerStop() => NativeRuntime.Precondition();
}
