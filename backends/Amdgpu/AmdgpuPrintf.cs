using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Translate.Backends.Llvm.Api;

namespace Translate.Backends.Amdgpu;

/// <summary>
/// Device <c>printf</c> on AMD GPUs as HIP's buffered printf, the record layout clang-19 writes for HIP with
/// <c>-mprintf-kind=buffered</c> and ROCm's runtime prints after the kernel: a control word (the record's size in
/// bytes shifted left by 2, bit 1 set for a constant format), the format's hash (the low 64 bits of its MD5, which the
/// code object's <c>amdhsa.printf</c> table maps back to the text), then each argument in 8 bytes (32-bit integers
/// zero-extended, as clang does) or, for <c>%s</c>, the string's bytes with its NUL, padded to 8.
/// The record is placed by <c>__printf_alloc</c>, which ROCm's device library would supply; this one is written from
/// the ABI: the runtime passes the buffer in the kernel's <c>hidden_printf_buffer</c> argument (offset 72 of the
/// implicit arguments in code object v5); the buffer's first word counts the bytes used after its 8-byte header,
/// the second is its capacity; a record that does not fit is dropped (printf returns −1), as ROCm drops it.
/// </summary>
internal sealed class AmdgpuPrintf(LlvmModule module, LlvmContext context)
{
    /// <summary>Where code object v5 puts <c>hidden_printf_buffer</c> among the implicit kernel arguments.</summary>
    private const long PrintfBufferOffset = 72;
    private const long HeaderBytes = 8;
    /// <summary>The control word's flag for a format held in the code object's table (the low bits; the size is above).</summary>
    public const int ConstantFormat = 2;

    private LFunction? _allocate, _length;
    private readonly HashSet<string> _formats = [];

    /// <summary>The record's control word and format hash take 12 bytes before the arguments.</summary>
    public const long RecordHeaderBytes = 12;

    /// <summary>
    /// Registers <paramref name="format"/> in the code object's printf table (<c>llvm.printf.fmts</c>, whose presence
    /// also gives every kernel the <c>hidden_printf_buffer</c> argument) and returns its hash.
    /// </summary>
    public ulong Register(string format)
    {
        ulong hash = Hash(format);
        if (_formats.Add(format))
            module.AddNamedMetadata("llvm.printf.fmts", context.MetadataNode($"0:0:{hash.ToString("x", CultureInfo.InvariantCulture)},{format}"));
        return hash;
    }

    /// <summary>The low 64 bits (little-endian) of the MD5 of the format's UTF-8 bytes, as LLVM's <c>MD5Hash</c>.</summary>
    public static ulong Hash(string format) => BitConverter.ToUInt64(MD5.HashData(Encoding.UTF8.GetBytes(format)), 0);

    /// <summary>The conversion character each argument after the format feeds (a <c>*</c> width or precision is an int).</summary>
    public static List<char> Conversions(string format)
    {
        var conversions = new List<char>();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%') continue;
            int k = i + 1;
            if (k < format.Length && format[k] == '%') { i = k; continue; }
            for (; k < format.Length; k++)
            {
                if (format[k] == '*') conversions.Add('d');
                else if (!"-+ #0123456789.hljztL".Contains(format[k])) { conversions.Add(format[k]); break; }
            }
            i = k;
        }
        return conversions;
    }

    /// <summary><c>ptr addrspace(1) __printf_alloc(i32 bytes)</c>: a place for a record, or null when the buffer is full.</summary>
    public LFunction Allocator() => _allocate ??= DefineAllocator();

    /// <summary><c>i64 __trg_printf_strlen(ptr)</c>: the bytes a <c>%s</c> argument copies (its NUL included; 0 for null).</summary>
    public LFunction StringLength() => _length ??= DefineStringLength();

    private LFunction DefineAllocator()
    {
        var global = context.PtrIn(1);
        var alloc = module.AddFunction("__printf_alloc", LlvmContext.Function(global, [context.I32]));
        LlvmModule.SetLinkage(alloc.Value, Linkage.Internal);
        using var b = new LlvmBuilder(context);
        var (entry, reserve, attempt, done, full) = (b.AppendBlock(alloc, "entry"), b.AppendBlock(alloc, "reserve"),
            b.AppendBlock(alloc, "attempt"), b.AppendBlock(alloc, "done"), b.AppendBlock(alloc, "full"));

        b.PositionAtEnd(entry);
        var bytes = b.Cast(Opcode.ZExt, LlvmModule.Param(alloc, 0), context.I64);
        var implicitArguments = b.Call(module.Intrinsic("llvm.amdgcn.implicitarg.ptr"));
        var buffer = b.Load(global, b.ByteOffset(implicitArguments, context.I64Const(PrintfBufferOffset)), 8);
        var capacity = b.Cast(Opcode.ZExt, b.Load(context.I32, b.ByteOffset(buffer, context.I64Const(4)), 4), context.I64);
        var first = b.Load(context.I32, buffer, 4);
        LlvmBuilder.SetOrdering(first, AtomicOrdering.Monotonic);
        b.CondBr(b.ICmp(IntPredicate.Eq, buffer, LlvmContext.Null(global)), full, reserve);

        // Claim [used, used + bytes) by compare-and-swap, so the count never passes the capacity.
        b.PositionAtEnd(reserve);
        var used = b.Phi(context.I32, [(first, entry)]);
        var end = b.Binary(Opcode.Add, b.Binary(Opcode.Add, b.Cast(Opcode.ZExt, used, context.I64), bytes), context.I64Const(HeaderBytes));
        b.CondBr(b.ICmp(IntPredicate.Ule, end, capacity), attempt, full);

        b.PositionAtEnd(attempt);
        var claimed = b.Binary(Opcode.Add, used, b.Cast(Opcode.Trunc, bytes, context.I32));
        var seen = b.AtomicCas(buffer, used, claimed, AtomicOrdering.Monotonic, AtomicOrdering.Monotonic, 4);
        LlvmBuilder.AddIncoming(used, seen, attempt);
        b.CondBr(b.ICmp(IntPredicate.Eq, seen, used), done, reserve);

        b.PositionAtEnd(done);
        b.Ret(b.ByteOffset(buffer, b.Binary(Opcode.Add, b.Cast(Opcode.ZExt, used, context.I64), context.I64Const(HeaderBytes))));

        b.PositionAtEnd(full);
        b.Ret(LlvmContext.Null(global));
        return alloc;
    }

    private LFunction DefineStringLength()
    {
        var length = module.AddFunction("__trg_printf_strlen", LlvmContext.Function(context.I64, [context.Ptr]));
        LlvmModule.SetLinkage(length.Value, Linkage.Internal);
        using var b = new LlvmBuilder(context);
        var (entry, scan, done) = (b.AppendBlock(length, "entry"), b.AppendBlock(length, "scan"), b.AppendBlock(length, "done"));
        var text = LlvmModule.Param(length, 0);

        b.PositionAtEnd(entry);
        b.CondBr(b.ICmp(IntPredicate.Eq, text, LlvmContext.Null(context.Ptr)), done, scan);

        b.PositionAtEnd(scan);
        var at = b.Phi(context.I64, [(context.I64Const(0), entry)]);
        var next = b.Binary(Opcode.Add, at, context.I64Const(1));
        LlvmBuilder.AddIncoming(at, next, scan);
        var character = b.Load(context.I8, b.ByteOffset(text, at), 1);
        b.CondBr(b.ICmp(IntPredicate.Eq, character, LlvmContext.ConstInt(context.I8, 0)), done, scan);

        b.PositionAtEnd(done);
        b.Ret(b.Phi(context.I64, [(context.I64Const(0), entry), (next, scan)]));
        return length;
    }
}
