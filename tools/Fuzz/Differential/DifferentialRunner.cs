using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Fuzz.Differential;

/// <summary>
/// Runs one program on the reference interpreter and on every other device named, and compares
/// what each printed and returned; then compiles it for each statically checked target (<see cref="TargetCheck"/>).
/// A device or target that refuses the program with one of the codes that
/// mean "not supported here" is noted, not counted as a difference: that is the product saying no,
/// not a silent wrong answer.
/// </summary>
public sealed class DifferentialRunner(IReadOnlyList<string> devices, TimeSpan timeout, IReadOnlyList<string>? targets = null)
{
    public const string Reference = "interp";

    /// <summary>Codes by which a backend declines a construct before running anything.</summary>
    public static readonly IReadOnlySet<string> RefusalCodes = new HashSet<string>
    {
        Codes.CpuUnsupported.Id, Codes.RecursiveSynchronization.Id,
        Codes.AddressSpaceConflict.Id, Codes.NonGlobalPointerInMemory.Id, Codes.DivergentCollective.Id,
        Codes.OpenClUnsupported.Id, Codes.OpenClUnsupportedArgument.Id, Codes.SpirVUnsupported.Id, Codes.GpuUnsupported.Id,
    };

    public static bool IsRefusal(DeviceRun run) =>
        run.End == RunEnd.Diagnostic && RefusalCodes.Contains(run.Code ?? "");

    public IReadOnlyList<string> Devices { get; } = devices;

    /// <summary>The devices named that can run here, the reference left out (the others are skipped, as the tests skip them).</summary>
    public IReadOnlyList<IDevice> Usable { get; } = Available(devices.Where(d => d != Reference));

    /// <summary>The devices of <paramref name="names"/> that can run here; an unknown name is an error.</summary>
    public static IReadOnlyList<IDevice> Available(IEnumerable<string> names) => names
        .Select(d => DeviceRegistry.Find(d) ?? throw new ArgumentException($"no device named '{d}'"))
        .Where(d => d.UnavailableReason is null)
        .ToList();

    /// <summary>The targets named that can be checked here (AMDGPU needs ld.lld-19).</summary>
    public IReadOnlyList<TargetCheck> Targets { get; } = (targets ?? TargetCheck.All.Select(t => t.Name))
        .Select(TargetCheck.Find).Where(t => t.Unavailable() is null).ToList();

    public Verdict Run(string programText) => Run(programText, Usable, Targets);

    /// <summary>
    /// Compares the reference with <paramref name="only"/> and checks <paramref name="onlyTargets"/> (the reducer re-runs
    /// just the device or target that differed).
    /// </summary>
    public Verdict Run(string programText, IReadOnlyList<IDevice> only, IReadOnlyList<TargetCheck> onlyTargets)
    {
        CheckedModule program;
        try
        {
            program = TypeChecker.Check(IrParser.ParseText(programText, "fuzz.lisp"));
        }
        catch (DiagnosticException e)
        {
            return new Verdict(VerdictKind.Invalid, "checker " + e.Diagnostics.FirstOrDefault()?.Code.Id, []);
        }
        catch (Exception e)
        {
            return new Verdict(VerdictKind.Differ, "checker crash " + e.GetType().Name, [new DeviceRun("checker", RunEnd.Crash, "", 1, e.ToString())]);
        }
        var reference = DeviceRun.Of(program, DeviceRegistry.Find(Reference)!, timeout);
        var runs = new List<DeviceRun> { reference };
        if (reference.End != RunEnd.Completed)
            return new Verdict(reference.End == RunEnd.Diagnostic ? VerdictKind.Invalid : VerdictKind.Differ, $"{Reference} {reference.End} {reference.Code}", runs);
        var refusals = new List<string>();
        if (CompareDevices(program, reference, only, timeout, runs, refusals) is { } differs) return differs;
        foreach (var target in onlyTargets)
        {
            var check = target.Of(program);
            runs.Add(check);
            if (IsRefusal(check)) refusals.Add($"{target.Name} {check.Code}");
            else if (check.End != RunEnd.Completed) return new Verdict(VerdictKind.Differ, $"{target.Name} {check.End} {check.Code}", runs);
        }
        return Concluded(refusals, runs);
    }

    /// <summary>
    /// Runs <paramref name="program"/> on each device, adding each run to <paramref name="runs"/> and each refusal to
    /// <paramref name="refusals"/>: the verdict for the first device whose output or end differs from
    /// <paramref name="reference"/>'s, or null when none does.
    /// </summary>
    internal static Verdict? CompareDevices(CheckedModule program, DeviceRun reference, IEnumerable<IDevice> devices, TimeSpan timeout,
        List<DeviceRun> runs, List<string> refusals)
    {
        foreach (var device in devices)
        {
            var run = DeviceRun.Of(program, device, timeout);
            runs.Add(run);
            if (IsRefusal(run)) refusals.Add($"{device.Name} {run.Code}");
            else if (run.Observable != reference.Observable)
                return new Verdict(VerdictKind.Differ, $"{device.Name} {(run.End == RunEnd.Completed ? "output" : run.End + " " + run.Code)}", runs);
        }
        return null;
    }

    /// <summary>What a program that differed nowhere amounts to: refused if anything refused it, else agreed.</summary>
    internal static Verdict Concluded(List<string> refusals, List<DeviceRun> runs) => refusals.Count > 0
        ? new Verdict(VerdictKind.Refused, string.Join(", ", refusals), runs)
        : new Verdict(VerdictKind.Agree, "", runs);

    /// <summary>A campaign's progress line: programs run, seconds, and the count of each verdict.</summary>
    internal static string Tally(string command, Dictionary<VerdictKind, int> tally, int done, TimeSpan elapsed) =>
        $"{command}: {done} programs in {elapsed.TotalSeconds:0} s: " +
        string.Join(", ", Enum.GetValues<VerdictKind>().Select(k => $"{k.ToString().ToLowerInvariant()} {tally.GetValueOrDefault(k)}"));
}
