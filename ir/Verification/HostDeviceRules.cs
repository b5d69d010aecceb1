using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Ir.Syntax;

namespace Translate.Ir.Verification;

/// <summary>What one function uses that only one side (host or device) can do, and whom it calls.</summary>
internal sealed class FunctionUsage(FunctionDef function)
{
    public FunctionDef Function { get; } = function;
    public List<(SourceLocation At, string What)> DeviceOnlyUses { get; } = [];
    public List<(SourceLocation At, string What)> HostOnlyUses { get; } = [];
    public HashSet<FunctionDef> Calls { get; } = [];
    public HashSet<FunctionDef> Launches { get; } = [];

    public void DeviceOnly(SourceLocation at, string what) => DeviceOnlyUses.Add((at, what));
    public void HostOnly(SourceLocation at, string what) => HostOnlyUses.Add((at, what));
}

/// <summary>
/// CUDA's split between host and device code, decided by reachability: functions reached from a
/// kernel run on the device, functions reached from <c>main</c> on the host. Device-only forms
/// (thread index, barriers, warp operations, shared memory) in host code are TR0210; host-only
/// forms (launch, the CUDA runtime API) in device code are TR0211.
/// </summary>
internal static class HostDeviceRules
{
    public static void Check(IrModule module, IReadOnlyDictionary<FunctionDef, FunctionUsage> usages, DiagnosticBag bag)
    {
        var device = Reach(module.Functions.Where(f => f.IsKernel), usages);
        var host = Reach(module.Functions.Where(f => f.Name == "main" && !f.IsDeclaration), usages);
        foreach (var f in host)
        {
            if (f.IsKernel) continue;
            foreach (var (at, what) in usages[f].DeviceOnlyUses)
                bag.Add(Codes.KernelOnly, at, $"{what} is device code, but '{f.Name}' runs on the host (it is reached from main)");
        }
        foreach (var f in device)
        {
            foreach (var (at, what) in usages[f].HostOnlyUses)
                bag.Add(Codes.HostOnly, at, $"{what} is host code, but '{f.Name}' runs on the device (it is reached from a kernel)");
        }
    }

    private static HashSet<FunctionDef> Reach(IEnumerable<FunctionDef> roots, IReadOnlyDictionary<FunctionDef, FunctionUsage> usages)
    {
        var seen = new HashSet<FunctionDef>();
        var work = new Stack<FunctionDef>(roots);
        while (work.Count > 0)
        {
            var f = work.Pop();
            if (!seen.Add(f) || !usages.TryGetValue(f, out var u)) continue;
            foreach (var callee in u.Calls) work.Push(callee);
        }
        return seen;
    }
}
