namespace Translate.Fuzz.Generation;

/// <summary>The value types generated code computes with; narrower integers appear through casts.</summary>
internal static class Types
{
    public const string Int = "int";
    public const string Int64 = "int64";
    public const string Float = "float";
    public const string Double = "double";
    public const string Bool = "bool";

    public static readonly string[] Values = [Int, Int64, Float, Double];

    public static bool IsFloat(string type) => type is Float or Double;

    /// <summary>The integer type of the same width as a float type (for bit patterns).</summary>
    public static string BitsOf(string floatType) => floatType == Float ? Int : Int64;
}
