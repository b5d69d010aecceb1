using System.Globalization;
using System.Runtime.InteropServices;
using Translate.Cli.Options;

namespace Translate.Cli.Kernels;

/// <summary>
/// A buffer argument's memory: host memory the kernel reaches as device memory (the cpu, interp and opencl devices work
/// on host-addressable memory), filled as its spec says, read back as text or bytes after the launch.
/// </summary>
internal sealed unsafe class KernelBuffer : IDisposable
{
    public KernelArgumentSpec.Buffer Spec { get; }
    public nint Address { get; private set; }
    public long Bytes => Spec.Count * KernelArgumentSpec.Bytes(Spec.Element);

    public KernelBuffer(KernelArgumentSpec.Buffer spec)
    {
        Spec = spec;
        Address = (nint)NativeMemory.AlignedAlloc((nuint)Bytes, 256);
        NativeMemory.Clear((void*)Address, (nuint)Bytes);
        Fill();
    }

    private void Fill()
    {
        switch (Spec.Fill)
        {
            case BufferFill.Zero: break;
            case BufferFill.FromFile f:
                var bytes = File.ReadAllBytes(f.Path);
                if (bytes.Length != Bytes) throw new UsageException($"'{Spec.Text}': '{f.Path}' holds {bytes.Length} bytes, the buffer {Bytes}");
                Marshal.Copy(bytes, 0, Address, bytes.Length);
                break;
            case BufferFill.Constant c:
                for (long i = 0; i < Spec.Count; i++) Store(i, c.Value);
                break;
            case BufferFill.Iota:
                for (long i = 0; i < Spec.Count; i++) Store(i, i);
                break;
            case BufferFill.Random r:
                // xorshift64*, seeded: the same values on every machine and device. Floats in [0, 1), integers in [0, 100).
                ulong state = 0x9E3779B97F4A7C15UL ^ (ulong)r.Seed;
                for (long i = 0; i < Spec.Count; i++)
                {
                    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
                    ulong bits = (state * 0x2545F4914F6CDD1DUL) >> 11;
                    double unit = bits / (double)(1UL << 53);
                    if (IsFloat) Store(i, unit); else Store(i, (long)(unit * 100));
                }
                break;
        }
    }

    private bool IsFloat => Spec.Element is ElementKind.F32 or ElementKind.F64;

    /// <summary>Element <paramref name="i"/> set from a number written on the command line.</summary>
    private void Store(long i, string text)
    {
        if (IsFloat)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                throw new UsageException($"'{Spec.Text}': '{text}' is not a number");
            Store(i, d);
        }
        else Store(i, KernelScalar.ParseInteger(text, Spec.Text));
    }

    private void Store(long i, double value)
    {
        if (Spec.Element == ElementKind.F32) ((float*)Address)[i] = (float)value;
        else if (Spec.Element == ElementKind.F64) ((double*)Address)[i] = value;
        else Store(i, (long)value);
    }

    private void Store(long i, long value)
    {
        switch (Spec.Element)
        {
            case ElementKind.I8 or ElementKind.U8: ((byte*)Address)[i] = (byte)value; break;
            case ElementKind.I16 or ElementKind.U16: ((ushort*)Address)[i] = (ushort)value; break;
            case ElementKind.I32 or ElementKind.U32: ((uint*)Address)[i] = (uint)value; break;
            case ElementKind.F32: ((float*)Address)[i] = value; break;
            case ElementKind.F64: ((double*)Address)[i] = value; break;
            default: ((long*)Address)[i] = value; break;
        }
    }

    /// <summary>Element <paramref name="i"/> as text (floats shortest round-trip).</summary>
    public string Format(long i) => Spec.Element switch
    {
        ElementKind.I8 => ((sbyte*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.U8 => ((byte*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.I16 => ((short*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.U16 => ((ushort*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.I32 => ((int*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.U32 => ((uint*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.I64 => ((long*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.U64 => ((ulong*)Address)[i].ToString(CultureInfo.InvariantCulture),
        ElementKind.F32 => ((float*)Address)[i].ToString("R", CultureInfo.InvariantCulture),
        _ => ((double*)Address)[i].ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The buffer's bytes, for <c>--out</c>.</summary>
    public byte[] Contents() => new ReadOnlySpan<byte>((void*)Address, checked((int)Bytes)).ToArray();

    public bool Contains(nint address) => address >= Address && address < Address + (nint)Bytes;

    public void Dispose()
    {
        if (Address == 0) return;
        NativeMemory.AlignedFree((void*)Address);
        Address = 0;
    }
}
