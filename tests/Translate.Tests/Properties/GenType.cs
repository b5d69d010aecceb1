namespace Translate.Tests.Properties;

/// <summary>The types the program generator uses, with how to spell them and a literal of each.</summary>
internal sealed record GenType(string Text, GenKind Kind, GenType? Pointee = null)
{
    public static readonly GenType Int = new("int", GenKind.Integer);
    public static readonly GenType Int64 = new("int64", GenKind.Integer);
    public static readonly GenType Float = new("float", GenKind.Float);
    public static readonly GenType Double = new("double", GenKind.Float);
    public static readonly GenType Bool = new("bool", GenKind.Bool);
    public static readonly GenType PtrInt = new("(ptr int)", GenKind.Pointer, Int);
    public static readonly GenType PtrFloat = new("(ptr float)", GenKind.Pointer, Float);
    public static readonly GenType PtrInt64 = new("(ptr int64)", GenKind.Pointer, Int64);

    public static readonly GenType[] Values = [Int, Int64, Float, Double, Bool];
    public static readonly GenType[] All = [Int, Int64, Float, Double, Bool, PtrInt, PtrFloat, PtrInt64];
    public static readonly GenType[] Integers = [Int, Int64];
    public static readonly GenType[] Floats = [Float, Double];

    /// <summary>The pointer type whose pointee is this type, if the generator has one.</summary>
    public GenType? PointerTo => All.FirstOrDefault(t => t.Pointee == this);

    public override string ToString() => Text;
}

internal enum GenKind { Integer, Float, Bool, Pointer }

/// <summary>A function the generated code may call.</summary>
internal sealed record GenSignature(string Name, GenType Return, IReadOnlyList<GenType> Parameters);

/// <summary>What an expression may refer to: the variables in scope and the functions defined so far.</summary>
internal sealed record GenScope(IReadOnlyList<(string Name, GenType Type)> Variables, IReadOnlyList<GenSignature> Functions)
{
    public IEnumerable<string> VariablesOf(GenType t) => Variables.Where(v => v.Type == t).Select(v => v.Name);
}
