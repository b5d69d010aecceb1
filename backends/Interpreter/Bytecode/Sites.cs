using Translate.Interpreter.Library;
using Translate.Ir.Model;
using Translate.Ir.Semantics;
using Translate.Ir.Types;

namespace Translate.Interpreter.Bytecode;

/// <summary>How a cast converts: the operation, the source and target scalar descriptions.</summary>
internal sealed record CastInfo(CastOp Op, ScalarInfo From, ScalarInfo To);

/// <summary>Case values of a switch and where each jumps; <see cref="Default"/> when none matches.</summary>
internal sealed class SwitchTable
{
    public Dictionary<long, int> Targets { get; } = [];
    public int Default { get; set; }
}

/// <summary>A call of a module function: argument registers, destination (-1 for void).</summary>
internal sealed record CallSite(FunctionCode Callee, int[] Arguments, int Destination);

/// <summary>Runs an external function. Arguments are register values; the types say how to read them.</summary>
internal delegate long ExternalHandler(ExternalCall call);

/// <summary>A call of a C library / CUDA runtime function.</summary>
internal sealed record ExternalSite(ExternalFunction Function, ExternalHandler Handler, int[] Arguments, IrType[] ArgumentTypes, int Destination);

/// <summary>A warp collective (shfl, vote, syncwarp): registers of its operands.</summary>
internal sealed record WarpSite(WarpOpKind Kind, ShuffleMode Shuffle, VoteMode Vote, int Mask, int Value, int Lane, int Width, int Destination, int ValueBits);

internal enum WarpOpKind { Shuffle, Vote, SyncWarp }

/// <summary>An atomic: operation, operand registers and the scalar it works on.</summary>
internal sealed record AtomicSite(AtomicKind Kind, AtomicOp Op, int Pointer, int Value, int Desired, int Destination, ScalarInfo Scalar);

internal enum AtomicKind { Rmw, Cas, Load, Store }

/// <summary>A math operation: the evaluator and argument registers.</summary>
internal sealed record MathSite(Func<long[], long> Evaluate, int[] Arguments, int Destination);

/// <summary>A kernel launch from host code.</summary>
internal sealed record LaunchSite(FunctionCode Kernel, int[] Grid, int[] Block, int SharedBytes, int Stream, int[] Arguments, int Destination, bool Cooperative);

/// <summary>What the interpreter needs to know about a first-class scalar type.</summary>
internal readonly record struct ScalarInfo(int Bits, int Size, FloatKind Float, bool IsBool, bool IsPointer)
{
    public bool IsFloat => Float != FloatKind.None;

    public static ScalarInfo Of(IrType t) => t switch
    {
        ScalarType { Kind: ScalarKind.Bool } => new(1, 1, FloatKind.None, true, false),
        ScalarType { Kind: ScalarKind.Half } => new(16, 2, FloatKind.Half, false, false),
        ScalarType { Kind: ScalarKind.BFloat16 } => new(16, 2, FloatKind.BFloat16, false, false),
        ScalarType { Kind: ScalarKind.Float } => new(32, 4, FloatKind.Single, false, false),
        ScalarType { Kind: ScalarKind.Double } => new(64, 8, FloatKind.Double, false, false),
        PointerType => new(64, 8, FloatKind.None, false, true),
        _ => new(t.Bits, Math.Max(1, t.Bits / 8), FloatKind.None, false, false),
    };
}

/// <summary>Float formats, as the D operand of float opcodes.</summary>
internal enum FloatKind { None = -1, Single = 0, Double = 1, Half = 2, BFloat16 = 3 }
