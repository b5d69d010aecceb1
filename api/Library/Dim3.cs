namespace Translate.Api;

/// <summary>CUDA's <c>dim3</c>: a grid or block shape. An <c>int</c> or a tuple converts to one, as in <c>kernel.Launch(4, (16, 16), …)</c>.</summary>
public readonly record struct Dim3(int X, int Y = 1, int Z = 1)
{
    public static implicit operator Dim3(int x) => new(x);
    public static implicit operator Dim3((int X, int Y) shape) => new(shape.X, shape.Y);
    public static implicit operator Dim3((int X, int Y, int Z) shape) => new(shape.X, shape.Y, shape.Z);

    /// <summary>X × Y × Z.</summary>
    public long Count => (long)X * Y * Z;

    public override string ToString() => $"({X}, {Y}, {Z})";
}
