namespace Translate.DeviceContract.Cuda;

/// <summary>
/// The names our compiled device code gives a program's global variables (the cpu device's objects, the PTX and AMD GPU
/// images): a prefix keeps them apart from the C library's and the runtime's own symbols. A runtime finds a program's
/// <c>__device__</c> variable in an image by it, and a PTX module from our PTX backend, lifted again, names its variables so.
/// </summary>
public static class DeviceSymbols
{
    private const string Prefix = "__trg_";

    /// <summary>The symbol of the program's global variable <paramref name="name"/>.</summary>
    public static string Global(string name) => Prefix + name;

    /// <summary>The program's variable a symbol named by <see cref="Global"/> stands for, or null.</summary>
    public static string? ProgramGlobal(string symbol) =>
        symbol.StartsWith(Prefix, StringComparison.Ordinal) && symbol.Length > Prefix.Length ? symbol[Prefix.Length..] : null;
}
