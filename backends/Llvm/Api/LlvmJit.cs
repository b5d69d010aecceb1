using System.Runtime.InteropServices;
using Translate.Backends.Llvm.Interop;
using static Translate.Backends.Llvm.Interop.LlvmNative;

namespace Translate.Backends.Llvm.Api;

/// <summary>
/// An ORC LLJIT instance for the host: modules are added to its main library; symbols resolve to
/// other added modules, to absolute addresses given by <see cref="DefineAbsolute"/> (the runtime's C#
/// callbacks) and then to the process's own symbols (libc, libm) and to glibc's vector math library (libmvec).
/// </summary>
public sealed unsafe class LlvmJit : IDisposable
{
    private nint _jit;
    private readonly nint _dylib;
    private readonly Lock _gate = new();

    public string DataLayout { get; }
    public string Triple { get; }

    public LlvmJit()
    {
        LlvmAvailability.EnsureX86();
        nint jit = 0;
        Check(LlvmAvailability.WithRegistryLock(() => LLVMOrcCreateLLJIT(out jit, 0)), "creating the LLVM JIT");
        _jit = jit;
        _dylib = LLVMOrcLLJITGetMainJITDylib(_jit);
        DataLayout = Marshal.PtrToStringUTF8(LLVMOrcLLJITGetDataLayoutStr(_jit)) ?? "";
        Triple = Marshal.PtrToStringUTF8(LLVMOrcLLJITGetTripleString(_jit)) ?? "";
        byte prefix = LLVMOrcLLJITGetGlobalPrefix(_jit);
        Check(LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(out nint generator, prefix, 0, 0), "process symbols");
        LLVMOrcJITDylibAddGenerator(_dylib, generator);
        if (LlvmAvailability.VectorMathLibrary is { } libmvec)
        {
            Check(LLVMOrcCreateDynamicLibrarySearchGeneratorForPath(out nint vectorMath, libmvec, prefix, 0, 0), libmvec);
            LLVMOrcJITDylibAddGenerator(_dylib, vectorMath);
        }
    }

    /// <summary>Makes each name resolve to the given address (e.g. an <c>[UnmanagedCallersOnly]</c> function).</summary>
    public void DefineAbsolute(IReadOnlyDictionary<string, nint> symbols)
    {
        lock (_gate)
        {
            var pairs = new OrcSymbolMapPair[symbols.Count];
            int i = 0;
            foreach (var (name, address) in symbols)
                pairs[i++] = new OrcSymbolMapPair
                {
                    Name = LLVMOrcLLJITMangleAndIntern(_jit, name),
                    Address = (ulong)address,
                    GenericFlags = 1 | 4, // exported, callable
                };
            fixed (OrcSymbolMapPair* p = pairs)
            {
                var unit = LLVMOrcAbsoluteSymbols(p, (nuint)pairs.Length);
                Check(LLVMOrcJITDylibDefine(_dylib, unit), "defining runtime symbols");
            }
        }
    }

    /// <summary>Adds a module; the JIT owns it (and a fresh context for it) from now on.</summary>
    public void Add(LlvmModule module, LlvmThreadSafeContext context)
    {
        lock (_gate)
        {
            var tsm = LLVMOrcCreateNewThreadSafeModule(module.Release(), context.Handle);
            Check(LLVMOrcLLJITAddLLVMIRModule(_jit, _dylib, tsm), "adding a module to the JIT");
        }
    }

    /// <summary>Adds machine code (an object file's bytes, e.g. from a cache) to the main library.</summary>
    public void AddObject(byte[] objectFile, string name)
    {
        lock (_gate)
        {
            nint buffer;
            fixed (byte* p = objectFile) buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(p, (nuint)objectFile.Length, name);
            Check(LLVMOrcLLJITAddObjectFile(_jit, _dylib, buffer), $"adding object '{name}' to the JIT"); // the JIT owns the buffer
        }
    }

    /// <summary>The address of a symbol, compiling what it needs on first lookup.</summary>
    public nint Lookup(string name)
    {
        lock (_gate)
        {
            Check(LLVMOrcLLJITLookup(_jit, out ulong address, name), $"looking up '{name}'");
            LlvmContext.ThrowReportedErrors();
            return (nint)address;
        }
    }

    public void Dispose()
    {
        if (_jit != 0) Check(LLVMOrcDisposeLLJIT(_jit), "disposing the JIT");
        _jit = 0;
    }
}

/// <summary>An ORC thread-safe context: modules for the JIT are built in its <see cref="Context"/>.</summary>
public sealed class LlvmThreadSafeContext : IDisposable
{
    internal nint Handle { get; private set; }
    public LlvmContext Context { get; }

    public LlvmThreadSafeContext()
    {
        Handle = LLVMOrcCreateNewThreadSafeContext();
        Context = new LlvmContext(LLVMOrcThreadSafeContextGetContext(Handle));
    }

    /// <summary>Drops this reference; modules added to the JIT keep the context alive.</summary>
    public void Dispose()
    {
        if (Handle != 0) LLVMOrcDisposeThreadSafeContext(Handle);
        Handle = 0;
    }
}
