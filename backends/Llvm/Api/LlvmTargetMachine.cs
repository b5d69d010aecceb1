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
        if (LLVMGetTargetFromTriple(triple, out nint target, out nint error) != 0)
            throw new LlvmException($"no LLVM target for {triple}: {TakeMessage(error)}");
        // PIC relocation so emitted objects link into executables and shared libraries alike.
        nint tm = LLVMCreateTargetMachine(target, triple, cpu, features, 3 /* aggressive */, 2 /* PIC */, 0);
        var td = LLVMCreateTargetDataLayout(tm);
        string layout = TakeMessage(LLVMCopyStringRepOfTargetData(td));
        LLVMDisposeTargetData(td);
        return new LlvmTargetMachine(tm, triple, layout, cpu);
    }

    /// <summary>Writes <paramref name="module"/> as an object file.</summary>
    public void EmitObject(LlvmModule module, string path)
    {
        if (LLVMTargetMachineEmitToFile(Handle, module.Handle, path, 1 /* object */, out nint error) != 0)
            throw new LlvmException($"cannot emit {path}: {TakeMessage(error)}");
    }

    /// <summary><paramref name="module"/> compiled to an object file, in memory.</summary>
    public unsafe byte[] EmitObjectBytes(LlvmModule module)
    {
        if (LLVMTargetMachineEmitToMemoryBuffer(Handle, module.Handle, 1 /* object */, out nint error, out nint buffer) != 0)
            throw new LlvmException($"cannot emit an object file: {TakeMessage(error)}");
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

    internal static void EnsureX86()
    {
        if (UnavailableReason is { } why) throw new LlvmException(why);
        lock (Gate)
        {
            if (_x86Ready) return;
            LLVMInitializeX86TargetInfo();
            LLVMInitializeX86Target();
            LLVMInitializeX86TargetMC();
            LLVMInitializeX86AsmPrinter();
            LLVMInitializeX86AsmParser();
            _x86Ready = true;
        }
    }
}
