using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Translate.Backends.Llvm.Api;
using Translate.Ir.Diagnostics;

namespace Translate.Runtime.Cpu;

/// <summary>
/// What happens when code compiled for the cpu device makes an invalid memory access (SIGSEGV). Kernels' accesses are
/// checked only when asked (<c>--check</c>, <c>TRANSLATE_CHECK=1</c>), so an index out of bounds or a bad pointer, which
/// a GPU reports as cudaErrorIllegalAddress, would end the process with no word from us. A signal handler — native code,
/// JIT-compiled from the LLVM text below, since a handler may not run managed code — looks at the faulting thread's
/// cell (a pthread key points to it; <see cref="Enter"/> fills it around compiled code). When the faulting instruction
/// is in compiled code (<see cref="JitCodeRanges"/>: never the .NET runtime's frames or libc's), it records the address
/// and longjmps to the jmp_buf of the block or main that is running, as a runtime error does: the run stops with TR0320
/// (<see cref="TakeFault"/>), and in build mode the launch fails with a sticky cudaErrorIllegalAddress that the program
/// sees, as on a GPU. Otherwise (a fault in libc called from compiled code) it prints the TR0320 line and hands the
/// signal to the handler installed before it: .NET's, which turns faults of managed code into exceptions and lets any
/// other fault end the process.
/// </summary>
internal static unsafe partial class FaultReporter
{
    private const uint NoKey = uint.MaxValue;
    private const int SigSegv = 11, SigInfo = 4, OnStack = 0x0800_0000, Restart = 0x1000_0000;
    private const int SigactionBytes = 152, SigactionFlags = 136; // glibc's struct sigaction on x86-64

    /// <summary>A thread's cell: the message mark, the jmp_buf to unwind to (0: report only), the fault's address, whether one happened.</summary>
    private const int CellWords = 4, JmpBufWord = 1, AddressWord = 2, FaultedWord = 3;

    private static readonly uint Key = Install();
    private static readonly ConcurrentDictionary<string, nint> KernelMessages = new(StringComparer.Ordinal);
    private static readonly Lazy<nint> HostMessageText = new(() => Messages(
        "the program's host code, compiled for the cpu device,",
        "a bad pointer or an index out of bounds. The process cannot go on; rerun with --device interp to find the access and its line."));

    /// <summary>What <see cref="Enter"/> replaced in a cell, for <see cref="Leave"/>.</summary>
    public readonly record struct Mark(nint Message, nint JmpBuf);

    /// <summary>
    /// Marks the thread owning <paramref name="cell"/> (its <see cref="ThreadCell"/>; null: faults are not reported) as
    /// running compiled code whose faults unwind to <paramref name="jmpBuf"/> (the jmp_buf the code was entered with)
    /// or, where they cannot, print <paramref name="message"/> (a mark of <see cref="KernelMessage"/> or
    /// <see cref="HostMessage"/>). Two stores, so it may run around every chunk of blocks.
    /// </summary>
    public static Mark Enter(nint* cell, nint message, nint jmpBuf)
    {
        if (cell == null) return default;
        var previous = new Mark(cell[0], cell[JmpBufWord]);
        cell[0] = message;
        cell[JmpBufWord] = jmpBuf;
        return previous;
    }

    /// <summary>Puts back the mark <see cref="Enter"/> replaced.</summary>
    public static void Leave(nint* cell, Mark previous)
    {
        if (cell == null) return;
        cell[0] = previous.Message;
        cell[JmpBufWord] = previous.JmpBuf;
    }

    /// <summary>Whether the thread of <paramref name="cell"/> unwound from a fault since the last call, and at which address (0: not given).</summary>
    public static bool TakeFault(nint* cell, out nint address)
    {
        address = 0;
        if (cell == null || cell[FaultedWord] == 0) return false;
        address = cell[AddressWord];
        cell[FaultedWord] = 0;
        return true;
    }

    /// <summary>TR0320 for a fault in kernel <paramref name="kernel"/> at <paramref name="address"/> that the run unwound from.</summary>
    public static Diagnostic KernelFault(string kernel, nint address) => Fault($"kernel '{kernel}'", address,
        "an index out of bounds or a bad pointer (a GPU reports it as cudaErrorIllegalAddress); rerun with --check " +
        "(build mode: TRANSLATE_CHECK=1) or --device interp to find the access and its line");

    /// <summary>TR0320 for a fault in the program's host code compiled for the cpu device.</summary>
    public static Diagnostic HostFault(nint address) => Fault("the program's host code, compiled for the cpu device,", address,
        "a bad pointer or an index out of bounds; rerun with --device interp to find the access and its line");

    private static Diagnostic Fault(string who, nint address, string why) => new(Codes.CompiledCodeFault, Ir.Syntax.SourceLocation.None,
        address != 0 ? $"{who} accessed memory at 0x{address:x}, which is not mapped: {why}"
            : $"{who} accessed an address that is not valid on this machine: {why}");

    [ThreadStatic] private static nint* _cell;

    /// <summary>
    /// The calling thread's mark: a native cell the pthread key points to, set up once per thread, so that marking is a
    /// store, not a call into libc (launches are frequent and short; callers on a hot path keep it per thread). Null
    /// when faults are not reported.
    /// </summary>
    public static nint* ThreadCell()
    {
        if (_cell != null || Key == NoKey) return _cell;
        var cell = (nint*)NativeMemory.AllocZeroed(CellWords, (nuint)sizeof(nint)); // libc's free, the key's destructor, frees it when the thread ends
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
    /// The handler. For a thread marked with a jmp_buf whose faulting instruction (the RIP of the ucontext, at byte 168)
    /// lies in a range of <see cref="JitCodeRanges"/>: the address (siginfo_t's si_addr) and a flag into the cell,
    /// SIGSEGV unblocked (the kernel blocked it for the handler, and the jump does not return through it), and a longjmp.
    /// Else the message the thread is marked with, if any, to standard error (with the address when there is one); then
    /// the action that was installed before (called as its own handler would be, or put back when it was the default, so
    /// that the access faults again and ends the process).
    /// </summary>
    private const string HandlerText = """
        @__tr_fault_previous = global [152 x i8] zeroinitializer, align 16
        @__tr_fault_segv = global [16 x i64] [i64 1024, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0, i64 0], align 8

        declare ptr @pthread_getspecific(i32)
        declare i32 @dprintf(i32, ptr, ...)
        declare i32 @sigaction(i32, ptr, ptr)
        declare i32 @pthread_sigmask(i32, ptr, ptr)
        declare void @longjmp(ptr, i32) noreturn

        define void @__tr_fault_handler(i32 %sig, ptr %info, ptr %context) {
        entry:
          %cell = call ptr @pthread_getspecific(i32 KEY)
          %hasCell = icmp ne ptr %cell, null
          br i1 %hasCell, label %read, label %chain
        read:
          %message = load ptr, ptr %cell, align 8
          %marked = icmp ne ptr %message, null
          br i1 %marked, label %jumpable, label %chain
        jumpable:
          %jmpAt = getelementptr i8, ptr %cell, i64 8
          %jmp = load ptr, ptr %jmpAt, align 8
          %hasJmp = icmp ne ptr %jmp, null
          br i1 %hasJmp, label %where, label %report
        where:
          %ripAt = getelementptr i8, ptr %context, i64 168
          %rip = load i64, ptr %ripAt, align 8
          %table = inttoptr i64 RANGES to ptr
          br label %scan
        scan:
          %i = phi i64 [ 0, %where ], [ %next, %advance ]
          %slot = getelementptr [2 x i64], ptr %table, i64 %i
          %start = load volatile i64, ptr %slot, align 8
          %endAt = getelementptr i8, ptr %slot, i64 8
          %end = load volatile i64, ptr %endAt, align 8
          %live = icmp ne i64 %start, 0
          %above = icmp uge i64 %rip, %start
          %below = icmp ult i64 %rip, %end
          %inside = and i1 %above, %below
          %ours = and i1 %live, %inside
          br i1 %ours, label %recover, label %advance
        advance:
          %next = add i64 %i, 1
          %more = icmp ult i64 %next, CAPACITY
          br i1 %more, label %scan, label %report
        recover:
          %addressField = getelementptr i8, ptr %info, i64 16
          %faultAddress = load ptr, ptr %addressField, align 8
          %addressAt = getelementptr i8, ptr %cell, i64 16
          store ptr %faultAddress, ptr %addressAt, align 8
          %flagAt = getelementptr i8, ptr %cell, i64 24
          store i64 1, ptr %flagAt, align 8
          %unblocked = call i32 @pthread_sigmask(i32 1, ptr @__tr_fault_segv, ptr null)
          call void @longjmp(ptr %jmp, i32 1)
          unreachable
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
            var text = HandlerText.Replace("KEY", key.ToString()).Replace("RANGES", ((long)JitCodeRanges.Table).ToString())
                .Replace("CAPACITY", JitCodeRanges.Capacity.ToString());
            using (var machine = LlvmTargetMachine.Host())
            using (var context = new LlvmContext())
            using (var module = LlvmModule.Parse(context, text, "translate-fault-handler"))
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
