using Translate.Ir.Verification;

namespace Translate.Ir.Passes;

/// <summary>
/// A named rewrite of a checked module into another checked module (the input is left as it was): what
/// <c>translate opt --passes NAME</c> runs alone and what a <see cref="Pipeline"/> lists.
/// </summary>
public sealed record Pass(string Name, string Purpose, Func<CheckedModule, CheckedModule> Apply)
{
    public override string ToString() => Name;
}

/// <summary>Passes run in order for one target; <paramref name="Name"/> is what <c>translate opt --pipeline</c> takes.</summary>
public sealed record Pipeline(string Name, IReadOnlyList<Pass> Passes)
{
    /// <summary>Runs every pass in turn; <paramref name="after"/> sees the module each one gave (for <c>--dump-after</c>).</summary>
    public CheckedModule Run(CheckedModule module, Action<Pass, CheckedModule>? after = null)
    {
        foreach (var pass in Passes)
        {
            module = pass.Apply(module);
            after?.Invoke(pass, module);
        }
        return module;
    }

    public override string ToString() => $"{Name}: {string.Join(", ", Passes)}";
}
