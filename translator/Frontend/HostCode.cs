using Translate.Frontend.Lifting;

namespace Translate.Frontend;

/// <summary>
/// What became of a file's host code: lifted into the IR with the kernels (<see cref="IsLifted"/>), or left
/// native — C++ that clang compiles in build mode (<c>translate build</c>) — with the reason it was not lifted
/// (null when device-only lifting was asked for).
/// </summary>
public sealed record HostCode(bool IsLifted, string? Reason)
{
    public static readonly HostCode Lifted = new(true, null);

    public static HostCode Native(string? reason) => new(false, reason);

    /// <summary>Whether the file defines <c>main</c> (known when whole-program lifting was tried): a program on its own,
    /// or one object of a larger program.</summary>
    public bool DefinesMain { get; init; }

    /// <summary>"lifted" or "native", as reports name it.</summary>
    public string Status => IsLifted ? "lifted" : "native";

    /// <summary>
    /// Whether the whole-program lifting failed in host code only: every kernel and device-only function was
    /// lifted, so the device code translates on its own and the host code can stay C++. (A __host__ __device__
    /// function may fail for its host use; when a kernel needs it, device-only lifting reports it again.)
    /// </summary>
    public static bool OnlyHostFailed(IReadOnlyList<FunctionStatus> functions) =>
        functions.Any(f => !f.Translated)
        && functions.Where(f => !f.Translated).All(f => f.Role is FunctionRole.Host or FunctionRole.HostDevice);

    /// <summary>Why the host code was not lifted, in one line: the first host function left out and its reason.</summary>
    /// <summary>
    /// Whether the host code is outside the lifted subset: a host function failed for a reason of its own (not only
    /// because a kernel it launches failed), or only host code failed. Its device code is then lifted on its own.
    /// </summary>
    public static bool OutsideSubset(IReadOnlyList<FunctionStatus> functions) =>
        OnlyHostFailed(functions)
        || functions.Any(f => !f.Translated && f.Role == FunctionRole.Host && f.Reason?.Code != Ir.Diagnostics.Codes.CalleeNotTranslated);

    public static bool HasMain(IReadOnlyList<FunctionStatus> functions) =>
        functions.Any(f => f.Role == FunctionRole.Host && f.IrName == "main");

    public static string WhyNotLifted(IReadOnlyList<FunctionStatus> functions)
    {
        var failed = functions.Where(f => !f.Translated).ToList();
        var first = failed.FirstOrDefault(f => f.Role == FunctionRole.Host && f.Reason?.Code != Ir.Diagnostics.Codes.CalleeNotTranslated)
            ?? failed.FirstOrDefault(f => f.Reason?.Code != Ir.Diagnostics.Codes.CalleeNotTranslated) ?? failed[0];
        string where = first.Reason is { } r && r.Location.Line > 0 ? $"{r.Location.File}:{r.Location.Line}:{r.Location.Column}: " : "";
        return $"host function '{first.CudaName}' is outside the lifted subset ({where}{first.Reason?.Message ?? "not translated"})" +
            (failed.Count > 1 ? $", and {failed.Count - 1} more" : "");
    }
}
