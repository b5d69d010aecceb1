using System.Runtime.InteropServices;
using static Translate.Backends.Llvm.Interop.LlvmNative;

namespace Translate.Backends.Llvm.Api;

/// <summary>An x86-64 target machine for the host CPU: data layout, optimization and object emission.</summary>
public sealed class LlvmTargetMachine : IDisposable
{
    internal nint Handle { get; private set; }
    public string Triple { get; }
    public string DataLayout { get; }
    public string Cpu { get; }

    private LlvmTargetMachine(nint handle, string triple, string layout, string cpu)
    {
        Handle = handle;
        Triple = triple;
        DataLayout = layout;
        Cpu = cpu;
    }

    /// <summary>The host machine (x86-64), tuned for this CPU, optimizing aggressively.</summary>
    public static LlvmTargetMachine Host()
    {
        LlvmAvailability.EnsureX86();
        string triple = TakeMessage(LLVMGetDefaultTargetTriple());
        string cpu = TakeMessage(LLVMGetHostCPUName());
        string features = TakeMessage(LLVMGetHostCPUFeatures());
        nint target = LlvmAvailability.LookupTarget(triple);
        // PIC relocation so emitted objects link into executables and shared libraries alike.
        nint tm = LLVMCreateTargetMachine(target, triple, cpu, features, 3 /* aggressive */, 2 /* PIC */, 0);
        var td = LLVMCreateTargetDataLayout(tm);
        string layout = TakeMessage(LLVMCopyStringRepOfTargetData(td));
        LLVMDisposeTargetData(td);
        return new LlvmTargetMachine(tm, triple, layout, cpu);
    }

    /// <summary>
    /// A machine for a GPU target: <c>nvptx64-nvidia-cuda</c> or <c>amdgcn-amd-amdhsa</c>, for processor
    /// <paramref name="cpu"/> (e.g. sm_70, gfx1100) with the given feature string, optimizing aggressively.
    /// </summary>
    public static LlvmTargetMachine ForGpu(string triple, string cpu, string features)
    {
        LlvmAvailability.EnsureGpuTargets();
        nint target = LlvmAvailability.LookupTarget(triple);
        nint tm = LLVMCreateTargetMachine(target, triple, cpu, features, 3 /* aggressive */, 2 /* PIC */, 0);
        if (tm == 0) throw new LlvmException($"LLVM cannot make a target machine for {triple} {cpu}");
        var td = LLVMCreateTargetDataLayout(tm);
        string layout = TakeMessage(LLVMCopyStringRepOfTargetData(td));
        LLVMDisposeTargetData(td);
        return new LlvmTargetMachine(tm, triple, layout, cpu);
    }

    /// <summary>The target's assembly for <paramref name="module"/> (for NVPTX this is the PTX text).</summary>
    public unsafe string EmitAssembly(LlvmModule module)
    {
        if (LLVMTargetMachineEmitToMemoryBuffer(Handle, module.Handle, 0 /* assembly */, out nint error, out nint buffer) != 0)
            throw new LlvmException($"cannot emit assembly: {TakeMessage(error)}");
        LlvmContext.ThrowReportedErrors();
        try
        {
            return System.Text.Encoding.UTF8.GetString((byte*)LLVMGetBufferStart(buffer), checked((int)LLVMGetBufferSize(buffer)));
        }
        finally { LLVMDisposeMemoryBuffer(buffer); }
    }

    /// <summary>Writes <paramref name="module"/> as an object file.</summary>
    public void EmitObject(LlvmModule module, string path)
    {
        if (LLVMTargetMachineEmitToFile(Handle, module.Handle, path, 1 /* object */, out nint error) != 0)
            throw new LlvmException($"cannot emit {path}: {TakeMessage(error)}");
        LlvmContext.ThrowReportedErrors();
    }

    /// <summary><paramref name="module"/> compiled to an object file, in memory.</summary>
    public unsafe byte[] EmitObjectBytes(LlvmModule module)
    {
        if (LLVMTargetMachineEmitToMemoryBuffer(Handle, module.Handle, 1 /* object */, out nint error, out nint buffer) != 0)
            throw new LlvmException($"cannot emit an object file: {TakeMessage(error)}");
        LlvmContext.ThrowReportedErrors();
        try { return new ReadOnlySpan<byte>((void*)LLVMGetBufferStart(buffer), checked((int)LLVMGetBufferSize(buffer))).ToArray(); }
        finally { LLVMDisposeMemoryBuffer(buffer); }
    }

    public void Dispose()
    {
        if (Handle != 0) LLVMDisposeTargetMachine(Handle);
        Handle = 0;
    }
}

/// <summary>Whether libLLVM 19 can be loaded here, and the one-time x86 target initialization.</summary>
public static class LlvmAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);
    private static readonly Lock Gate = new();
    private static bool _x86Ready;

    /// <summary>Null when LLVM is usable; otherwise why not.</summary>
    public static string? UnavailableReason => Reason.Value;

    private static string? Probe()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(LlvmAvailability).Assembly, null, out _))
            return $"not available: {Library} was not found (install the Debian package libllvm19)";
        return null;
    }

    private static bool _gpuReady;
    private static bool _optionsSet;

    /// <summary>
    /// LLVM options set once per process, before any target is used (LLVM reads its command-line options globally).
    /// <c>force-widen-divrem-via-safe-divisor</c>: LLVM 19.1's loop vectorizer, choosing to scalarize a division
    /// whose operands are the same in every lane under a lane condition (<c>if (t % 8 != 0) x = in[(n / (d | 1)) %
    /// 1024];</c> in a kernel's thread loop), computes it only when the part's first lane takes the branch and
    /// gives the other lanes poison: a wrong address and a silent wrong result on cpu (fuzz seed 8110). Widening
    /// with a safe divisor (the divisor where the lane runs, 1 elsewhere) has no such region; x86 divides lane by
    /// lane either way. <c>irce-skip-profitability-checks</c>: the cpu device's kernel pipeline runs inductive
    /// range-check elimination, whose profitability test wants profile data we never have (Cpu/KernelPipeline).
    /// </summary>
    private static readonly string[] Options = ["translate", "--force-widen-divrem-via-safe-divisor", "--irce-skip-profitability-checks"];

    /// <summary>
    /// glibc's vector math library, when this machine has it (x86-64 glibc from 2.22): with it LLVM's loop
    /// vectorizer calls its variants of exp, log, sin, cos, tan and pow (<c>vector-library=LIBMVEC-X86</c>; the
    /// cpu lowering decides which calls may use them), and the JIT resolves them from this file. Null without it.
    /// </summary>
    public static string? VectorMathLibrary { get; private set; }

    private const string Libmvec = "libmvec.so.1";

    private static void EnsureOptions()
    {
        if (_optionsSet) return;
        var options = new List<string>(Options);
        if (OperatingSystem.IsLinux() && NativeLibrary.TryLoad(Libmvec, out _))
        {
            VectorMathLibrary = Libmvec;
            options.Add("--vector-library=LIBMVEC-X86");
        }
        LLVMParseCommandLineOptions(options.Count, options.ToArray(), "");
        _optionsSet = true;
    }

    /// <summary>One-time initialization of the NVPTX and AMDGPU targets (both are built into libLLVM 19).</summary>
    internal static void EnsureGpuTargets()
    {
        if (UnavailableReason is { } why) throw new LlvmException(why);
        lock (Gate)
        {
            if (_gpuReady) return;
            EnsureOptions();
            LLVMInitializeNVPTXTargetInfo();
            LLVMInitializeNVPTXTarget();
            LLVMInitializeNVPTXTargetMC();
            LLVMInitializeNVPTXAsmPrinter();
            LLVMInitializeAMDGPUTargetInfo();
            LLVMInitializeAMDGPUTarget();
            LLVMInitializeAMDGPUTargetMC();
            LLVMInitializeAMDGPUAsmPrinter();
            _gpuReady = true;
        }
    }

    /// <summary>
    /// LLVM's target registry is a plain linked list that registration writes and lookup walks without
    /// locking; every lookup therefore takes the lock registration takes, so no thread walks the list
    /// while another links a target into it (a migrate run with two jobs was once seen spinning in
    /// lookupTarget).
    /// </summary>
    internal static nint LookupTarget(string triple)
    {
        lock (Gate)
        {
            if (LLVMGetTargetFromTriple(triple, out nint target, out nint error) == 0) return target;
            string message = Marshal.PtrToStringUTF8(error) ?? "";
            LLVMDisposeMessage(error);
            throw new LlvmException($"no LLVM target for {triple}: {message}");
        }
    }

    /// <summary>Runs <paramref name="create"/> (which looks targets up inside LLVM, e.g. LLJIT's host detection) under the registry lock.</summary>
    internal static T WithRegistryLock<T>(Func<T> create)
    {
        lock (Gate) return create();
    }

    internal static void EnsureX86()
    {
        if (UnavailableReason is { } why) throw new LlvmException(why);
        lock (Gate)
        {
            if (_x86Ready) return;
            EnsureOptions();
            LLVMInitializeX86TargetInfo();
            LLVMInitializeX86Target();
            LLVMInitializeX86TargetMC();
            LLVMInitializeX86AsmPrinter();
            LLVMInitializeX86AsmParser();
            _x86Ready = true;
        }
    }
}
