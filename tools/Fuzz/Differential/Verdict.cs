namespace Translate.Fuzz.Differential;

/// <summary>What a program's runs on every device amount to.</summary>
public enum VerdictKind
{
    /// <summary>Every device printed the same and returned the same status as the reference.</summary>
    Agree,
    /// <summary>A device refused the program with a coded diagnostic before running it (an unsupported form): no wrong result, but noted.</summary>
    Refused,
    /// <summary>A difference: another output, a runtime error the reference did not give, a crash or a hang.</summary>
    Differ,
    /// <summary>The generated program is not a valid, well-defined program (the checker or the reference rejected it): a generator bug, or a reference bug.</summary>
    Invalid,
}

/// <summary>
/// The outcome of one program: its kind and, for a difference, a signature naming the device and
/// how it differed. The reducer keeps a smaller program only if it has the same signature.
/// </summary>
public sealed record Verdict(VerdictKind Kind, string Signature, IReadOnlyList<DeviceRun> Runs)
{
    public string Describe() => Kind == VerdictKind.Agree
        ? "agree"
        : $"{Kind}: {Signature}\n" + string.Join("\n", Runs.Select(r => $"--- {r.Device}: {r.End} {r.Code}\n{Clip(r.Observable)}\n{Clip(r.Detail)}"));

    private static string Clip(string s) => s.Length <= 2000 ? s : s[..2000] + "…";
}
