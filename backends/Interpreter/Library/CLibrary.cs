using Translate.Interpreter.Execution;
using Translate.Interpreter.Memory;
using Translate.Ir.Diagnostics;

namespace Translate.Interpreter.Library;

/// <summary>The C library functions of Semantics/Externals: printf and friends, the heap, exit, rand.</summary>
internal static class CLibrary
{
    public static void Register(ExternalLibrary lib)
    {
        lib.Add("printf", c =>
        {
            var text = Printf.Format(c.Heap, c.Heap.ReadCString(c[0]), c.Arguments, c.Types, 1);
            c.Machine.Stdout.Write(text); // one write per call: a device thread's line is never interleaved
            return System.Text.Encoding.UTF8.GetByteCount(text);
        });
        lib.Add("putchar", c =>
        {
            c.Machine.Stdout.Write((char)(byte)c[0]);
            return (byte)c[0];
        });
        lib.Add("puts", c =>
        {
            c.Machine.Stdout.Write(c.Heap.ReadCString(c[0]) + "\n");
            return 1;
        });
        lib.Add("malloc", c => Allocate(c, c[0]));
        lib.Add("calloc", c => Allocate(c, c[0] * c[1]));
        lib.Add("free", c =>
        {
            Free(c, c[0]);
            return 0;
        });
        lib.Add("memcpy", c =>
        {
            c.Heap.Copy(c[0], c[1], c[2]);
            return c[0];
        });
        lib.Add("memset", c =>
        {
            c.Heap.Bytes(c[0], c[2], true).Fill((byte)c[1]);
            return c[0];
        });
        lib.Add("abort", _ => throw new ProgramExit(134)); // what a shell reports for SIGABRT
        lib.Add("exit", c => throw new ProgramExit(c.Int(0)));
        lib.Add("rand", c => c.Machine.Random.Next());
        lib.Add("srand", c =>
        {
            c.Machine.Random.Seed((uint)c[0]);
            return 0;
        });
    }

    /// <summary>malloc in host code is host memory; in device code it is the device heap. Zeroed either way.</summary>
    private static long Allocate(ExternalCall c, long size)
    {
        if (size < 0 || size > int.MaxValue) return 0; // malloc's failure is a null result, not a crash
        return c.Heap.Allocate(size, c.OnDevice ? AllocationKind.Device : AllocationKind.Host, "memory from malloc");
    }

    private static void Free(ExternalCall c, long p)
    {
        if (p == 0) return;
        var a = c.Heap.Find(p);
        string? problem = a is null ? "it does not point into any allocation"
            : a.Freed ? $"{a.What} was already freed"
            : Heap.OffsetOf(p) != 0 ? $"it points {Heap.OffsetOf(p)} bytes into {a.What}, not at its start"
            : a.Kind is not (AllocationKind.Host or AllocationKind.Device) || a.What.StartsWith("memory from cuda", StringComparison.Ordinal)
                ? $"{a.What} was not allocated by malloc" : null;
        if (problem is not null) throw new RuntimeError(Codes.BadFree, $"free(0x{p:x}): {problem}");
        c.Heap.Release(p);
    }
}
