using Translate.Ir.Diagnostics;
using Translate.Ir.Model;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>
/// C++ leaves falling off the end of a value-returning function undefined. The lifter keeps
/// clang's -Wreturn-type warning (TR0402) and ends the path with (trap), so the IR passes the
/// checker's flow rule (TR0218) and a run that takes the path stops with TR0311 instead of
/// computing with an undefined value.
/// </summary>
public class MissingReturnTests : FrontendTestBase
{
    private const string Program = """
        #include <cstdio>
        __device__ int pick(int x) {
            if (x > 0) return x;
        }
        __global__ void k(int *p) { p[0] = pick(p[0]); }
        int main() {
            int h = VALUE, *d;
            cudaMalloc(&d, sizeof(int));
            cudaMemcpy(d, &h, sizeof(int), cudaMemcpyHostToDevice);
            k<<<1, 1>>>(d);
            cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);
            printf("%d\n", h);
        }
        """;

    private static (int Status, string Out, string Err) Run(int value)
    {
        var result = Lift(Program.Replace("VALUE", value.ToString()));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d.Code == Codes.ClangWarning && d.Location.Line == 4);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = DeviceRegistry.Find("interp")!.Run(result.Checked!, new RunOptions([], stdout, stderr));
        return (status, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_path_off_the_end_is_lifted_to_trap()
    {
        var result = Lift(Program.Replace("VALUE", "1"));
        var pick = result.Module!.Functions.Single(f => f.Name == "pick");
        Assert.IsType<TrapExpr>(Assert.IsType<ExprStmt>(pick.Body!.Statements[^1]).Expression);
        var main = result.Module.Functions.Single(f => f.Name == "main");
        Assert.IsType<ReturnStmt>(main.Body!.Statements[^1]); // falling off main returns 0, as in C++
    }

    [Fact]
    public void A_run_that_returns_a_value_is_unaffected()
    {
        var (status, output, _) = Run(5);
        Assert.Equal((0, "5\n"), (status, output));
    }

    [Fact]
    public void A_run_that_falls_off_the_end_stops_with_TR0311_at_the_function()
    {
        var e = Assert.Throws<DiagnosticException>(() => Run(-1));
        var trap = Assert.Single(e.Diagnostics);
        Assert.Equal((Codes.Trap, 2), (trap.Code, trap.Location.Line));
    }

    [Fact]
    public void Endless_loops_and_complete_if_else_get_no_trap()
    {
        var result = Lift("""
            __device__ int a(int x) { while (1) { if (x > 3) return x; x++; } }
            __device__ int b(int x) { for (;;) { if (x > 3) return x; x++; } }
            __device__ int c(int x) { if (x) return 1; else return 2; }
            __device__ int d(int x) { switch (x) { case 1: return 1; default: return 2; } }
            __global__ void k(int *p) { p[0] = a(p[0]) + b(1) + c(2) + d(3); }
            """);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        foreach (var f in result.Module!.Functions.Where(f => f.Name is "a" or "b" or "c" or "d"))
            Assert.DoesNotContain(f.Body!.Statements, s => s is ExprStmt { Expression: TrapExpr });
    }
}
