using Translate.Ir.Analysis;
using Translate.Ir.Model;
using Translate.Ir.Verification;

namespace Translate.Runtime.OpenCl;

/// <summary>The code a kernel runs: itself and every defined function it calls, directly or not.</summary>
internal static class KernelCode
{
    /// <summary>The kernel, then its callees, each once (recursion included), all with bodies.</summary>
    public static IEnumerable<FunctionDef> Functions(CheckedModule program, FunctionDef kernel)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<FunctionDef>([kernel]);
        while (pending.TryPop(out var f))
        {
            if (!seen.Add(f.Name) || f.Body is null) continue;
            yield return f;
            foreach (var call in IrTraversal.Descendants(f.Body).OfType<CallExpr>())
                if (program.Module.FindFunction(call.Function) is { } callee) pending.Push(callee);
        }
    }
}
