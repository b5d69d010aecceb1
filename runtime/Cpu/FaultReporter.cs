using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Cpu;

/// <summary>
/// Says what happened when code compiled for the cpu device dies of an invalid memory access (SIGSEGV). Kernels'
/// accesses are checked only when asked (<c>--check</c>, <c>TRANSLATE_CHECK=1</c>), so an index out of bounds or a bad
/// pointer, which a GPU reports as cudaErrorIllegalAddress, ended the process here with no word from us. Now a signal
/// handler — native code, JIT-compiled from the LLVM text below, since a handler may not run managed code — prints a
/// TR0320 line naming the kernel (or the host code) and the address, when the faulting thread is inside compiled code
/// (<see cref="Enter"/> marks the thread with the line to print, in a cell a pthread key points to), then hands the signal to the
/// handler installed before it: .NET's, which turns faults of managed code into exceptions and lets any other fault end
/// the process as it did before. The process still ends: unwinding from the handler could cross the runtime's own
/// frames (a callback into C# that faulted), so it reports and does not recover.
/// </summary>
internal static unsafe partial class FaultReporter
{
    private const uint NoKey = uint.MaxValue;
    private const int SigSegv = 11, SigInfo = 4, OnStack = 0x0800_0000, Restart = 0x1000_0000;
    private const int SigactionBytes = 152, SigactionFlags = 136; // glibc's struct sigaction on x86-64

    private static readonly uint Key = Install();
    private static readonly ConcurrentDictionary<string, nint> KernelMessages = new(StringComparer.Ordinal);
    private static readonly Lazy<nint> HostMessageText = new(() => Messages(
        "the program's host code, compiled for the cpu device,",
        "a bad pointer or an index out of bounds. The process cannot go on; rerun with --device interp to find the access and its line."));

    /// <summary>
    /// Marks the thread owning <paramref name="cell"/> (its <see cref="ThreadCell"/>; null: faults are not reported) as
    /// running compiled code whose faults print <paramref name="message"/> (a mark of <see cref="KernelMessage"/> or
    /// <see cref="HostMessage"/>). A store, so it may run around every chunk of blocks. Returns the mark it replaces,
    /// for <see cref="Leave"/>.
    /// </summary>
    public static nint Enter(nint* cell, nint message)
    {
        if (cell == null) return 0;
        nint previous = *cell;
        *cell = message;
        return previous;
    }

    /// <summary>Puts back the mark <see cref="Enter"/> replaced.</summary>
    public static void Leave(nint* cell, nint previous)
    {
        if (cell != null) *cell = previous;
    }

    [ThreadStatic] private static nint* _cell;

    /// <summary>
    /// The calling thread's mark: a native cell the pthread key points to, set up once per thread, so that marking is a
    /// store, not a call into libc (launches are frequent and short; callers on a hot path keep it per thread). Null
    /// when faults are not reported.
    /// </summary>
    public static nint* ThreadCell()
    {
        if (_cell != null || Key == NoKey) return _cell;
        var cell = (nint*)NativeMemory.AllocZeroed((nuint)sizeof(nint)); // libc's free, the key's destructor, frees it when the thread ends
        if (PthreadSetspecific(Key, (nint)cell) != 0)
        {
            NativeMemory.Free(cell);
            return null;
        }
        return _cell = cell;
    }

    /// <summary>The line printed for a fault in kernel <paramref name="kernel"/> (made once per name, kept for the process).</summary>
    public static nint KernelMessage(string kernel) => KernelMessages.GetOrAdd(kernel, name => Messages(
        $"kernel '{name.Replace("%", "%%")}'",
        "an index out of bounds or a bad pointer (a GPU reports it as cudaErrorIllegalAddress). The process cannot go on; rerun " +
        "with --check (build mode: TRANSLATE_CHECK=1) or --device interp to find the access and its line."));

    /// <summary>The line printed for a fault in the program's own host code (whole-program runs on cpu).</summary>
    public static nint HostMessage => HostMessageText.Value;

    /// <summary>
    /// A mark: two printf formats, with the address and without it, for a fault whose address the processor does not
    /// give (a non-canonical address, e.g. far past an array, reports 0). <paramref name="who"/> is already printf-safe.
    /// </summary>
    private static nint Messages(string who, string why)
    {
        var mark = (nint*)NativeMemory.Alloc(2, (nuint)sizeof(nint));
        string start = $"\ntranslate: error {Codes.CompiledCodeFault.Id}: {who}";
        mark[0] = Marshal.StringToCoTaskMemUTF8($"{start} accessed memory at %p, which is not mapped: {why}\n");
        mark[1] = Marshal.StringToCoTaskMemUTF8($"{start} accessed an address that is not valid on this machine: {why}\n");
        return (nint)mark;
    }

    /// <summary>
    /// The handler: the message the faulting thread is marked with, if any, to standard error (with the faulting address,
    /// from siginfo_t's si_addr, when there is one); then the action that
    /// was installed before (called as its own handler would be, or put back when it was the default, so that the
    /// access faults again and ends the process).
    /// </summary>
    private const string HandlerText = """
        @__tr_fault_previous = global [152 x i8] zeroinitializer, align 16

        declare ptr @pthread_getspecific(i32)
        declare i32 @dprintf(i32, ptr, ...)
        declare i32 @sigaction(i32, ptr, ptr)

        define void @__tr_fault_handler(i32 %sig, ptr %info, ptr %context) {
        entry:
          %cell = call ptr @pthread_getspecific(i32 KEY)
          %hasCell = icmp ne ptr %cell, null
          br i1 %hasCell, label %read, label %chain
        read:
          %message = load ptr, ptr %cell, align 8
          %marked = icmp ne ptr %message, null
          br i1 %marked, label %report, label %chain
        report:
          %field = getelementptr i8, ptr %info, i64 16
          %address = load ptr, ptr %field, align 8
          %known = icmp ne ptr %address, null
          %which = select i1 %known, i64 0, i64 8
          %formatAt = getelementptr i8, ptr %message, i64 %which
          %format = load ptr, ptr %formatAt, align 8
          %printed = call i32 (i32, ptr, ...) @dprintf(i32 2, ptr %format, ptr %address)
          br label %chain
        chain:
          %handler = load ptr, ptr @__tr_fault_previous, align 16
          %bits = ptrtoint ptr %handler to i64
          %isFunction = icmp ugt i64 %bits, 1
          br i1 %isFunction, label %call, label %restore
        call:
          %flagsAt = getelementptr i8, ptr @__tr_fault_previous, i64 136
          %flags = load i32, ptr %flagsAt, align 8
          %siginfo = and i32 %flags, 4
          %withInfo = icmp ne i32 %siginfo, 0
          br i1 %withInfo, label %callInfo, label %callPlain
        callInfo:
          call void %handler(i32 %sig, ptr %info, ptr %context)
          ret void
        callPlain:
          call void %handler(i32 %sig)
          ret void
        restore:
          %restored = call i32 @sigaction(i32 %sig, ptr @__tr_fault_previous, ptr null)
          ret void
        }
        """;

    // The handler's code lives as long as the process.
    private static LlvmJit? _jit;

    /// <summary>Compiles and installs the handler; <see cref="NoKey"/> (nothing reported, faults end the process as before) when that fails.</summary>
    private static uint Install()
    {
        try
        {
            if (LlvmAvailability.UnavailableReason is not null) return NoKey;
            // NativeMemory.AllocZeroed is calloc on Linux, so free is the cells' destructor.
            nint free = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "free");
            if (PthreadKeyCreate(out uint key, free) != 0) return NoKey;
            _jit = new LlvmJit();
            using (var machine = LlvmTargetMachine.Host())
            using (var context = new LlvmContext())
            using (var module = LlvmModule.Parse(context, HandlerText.Replace("KEY", key.ToString()), "translate-fault-handler"))
            {
                module.SetTarget(machine.Triple, machine.DataLayout);
                _jit.AddObject(machine.EmitObjectBytes(module), "translate-fault-handler");
            }
            nint handler = _jit.Lookup("__tr_fault_handler"), previous = _jit.Lookup("__tr_fault_previous");
            var action = stackalloc byte[SigactionBytes];
            new Span<byte>(action, SigactionBytes).Clear();
            *(nint*)action = handler;
            *(int*)(action + SigactionFlags) = SigInfo | OnStack | Restart;
            return Sigaction(SigSegv, action, (byte*)previous) == 0 ? key : NoKey;
        }
        catch (LlvmException)
        {
            return NoKey;
        }
    }

    [LibraryImport("libc", EntryPoint = "pthread_key_create")] private static partial int PthreadKeyCreate(out uint key, nint destructor);
    [LibraryImport("libc", EntryPoint = "pthread_setspecific")] private static partial int PthreadSetspecific(uint key, nint value);
    [LibraryImport("libc", EntryPoint = "sigaction")] private static partial int Sigaction(int signal, byte* action, byte* previous);
}
