namespace Translate.Backends.Llvm.Api;

/// <summary>An LLVM type (owned by its context).</summary>
public readonly record struct LType(nint Handle)
{
    public bool IsNull => Handle == 0;
}

/// <summary>An LLVM value: constant, instruction, global, function or parameter.</summary>
public readonly record struct LValue(nint Handle)
{
    public bool IsNull => Handle == 0;
}

/// <summary>An LLVM basic block.</summary>
public readonly record struct LBlock(nint Handle);

/// <summary>A function with the type it was declared with (LLVM calls need both).</summary>
public readonly record struct LFunction(LValue Value, LType Type);

/// <summary>Integer comparison predicates, numbered as LLVM numbers them.</summary>
public enum IntPredicate { Eq = 32, Ne, Ugt, Uge, Ult, Ule, Sgt, Sge, Slt, Sle }

/// <summary>Float comparison predicates, numbered as LLVM numbers them.</summary>
public enum RealPredicate { False, Oeq, Ogt, Oge, Olt, Ole, One, Ord, Uno, Ueq, Ugt, Uge, Ult, Ule, Une, True }

/// <summary>The LLVM opcodes used with <see cref="LlvmBuilder.Binary"/> and <see cref="LlvmBuilder.Cast"/>.</summary>
public enum Opcode
{
    Add = 8, FAdd = 9, Sub = 10, FSub = 11, Mul = 12, FMul = 13, UDiv = 14, SDiv = 15, FDiv = 16, URem = 17, SRem = 18,
    FRem = 19, Shl = 20, LShr = 21, AShr = 22, And = 23, Or = 24, Xor = 25,
    Trunc = 30, ZExt = 31, SExt = 32, FPToUI = 33, FPToSI = 34, UIToFP = 35, SIToFP = 36, FPTrunc = 37, FPExt = 38,
    PtrToInt = 39, IntToPtr = 40, BitCast = 41, AddrSpaceCast = 60,
}

/// <summary>Atomic orderings, numbered as LLVM numbers them.</summary>
public enum AtomicOrdering { NotAtomic = 0, Unordered = 1, Monotonic = 2, Acquire = 4, Release = 5, AcquireRelease = 6, SequentiallyConsistent = 7 }

/// <summary>Atomic read-modify-write operations, numbered as LLVM numbers them.</summary>
public enum AtomicRmwOp { Xchg, Add, Sub, And, Nand, Or, Xor, Max, Min, UMax, UMin, FAdd, FSub, FMax, FMin, UIncWrap, UDecWrap }

/// <summary>Linkages used here, numbered as LLVM numbers them.</summary>
public enum Linkage { External = 0, LinkOnceOdr = 3, Internal = 8, Private = 9 }

/// <summary>LLVM's fast-math flags (LLVMFastMathFlags), each a licence to ignore one IEEE rule.</summary>
[Flags]
public enum FastMathFlags : uint
{
    None = 0, AllowReassoc = 1 << 0, NoNaNs = 1 << 1, NoInfs = 1 << 2, NoSignedZeros = 1 << 3,
    AllowReciprocal = 1 << 4, AllowContract = 1 << 5, ApproxFunc = 1 << 6,
}
