using Translate.Ir.Parsing;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;
using Xunit.Abstractions;

namespace Translate.Tests.Interpreter;

public class RuntimeApiTests(ITestOutputHelper output) : InterpreterTestBase
{
    [Fact]
    public void Errors_are_returned_recorded_peeked_and_cleared()
    {
        AssertPrints("1 1 1 0 invalid argument | 21 1 101 | 1 0 12040\n", """
            (c-lisp
              (define ((main int))
                (declare h (ptr int8))
                (set h (call malloc (int64 8)))
                (declare e int)
                (set e (call cudaFree h))
                (call printf (string "%d %d ") e (call cudaPeekAtLastError))
                (call printf (string "%d %d %s | ") (call cudaGetLastError) (call cudaGetLastError) (call cudaGetErrorString e))
                (declare d (ptr int8))
                (call cudaMalloc (ptr-to d) (int64 8))
                (call printf (string "%d %d %d | ") (call cudaMemcpy d h (int64 8) 7) (call cudaMemcpy d h (int64 8) 2) (call cudaSetDevice 3))
                (declare n int)
                (call cudaGetDeviceCount (ptr-to n))
                (declare dev int)
                (call cudaGetDevice (ptr-to dev))
                (declare v int)
                (call cudaRuntimeGetVersion (ptr-to v))
                (call printf (string "%d %d %d\n") n dev v)
                (ret 0)))
            """);
    }

    [Fact]
    public void Symbols_streams_and_events()
    {
        AssertPrints("42 0 0 0 ok\n", """
            (c-lisp
              (define-global (scale int) (addrspace 4))
              (define-global (result int) (addrspace 1))
              (define-kernel ((k void)) (store (ptr-to result) (mul (load (ptr-to scale)) 2)))
              (define ((main int))
                (declare x int)
                (set x 21)
                (call cudaMemcpyToSymbol (ptr-to scale) (ptr-to x) (int64 4) (int64 0) 1)
                (declare s (ptr int8))
                (call cudaStreamCreate (ptr-to s))
                (declare start (ptr int8)) (declare stop (ptr int8))
                (call cudaEventCreate (ptr-to start))
                (call cudaEventCreate (ptr-to stop))
                (call cudaEventRecord start s)
                (launch k (grid 1 1 1) (block 1 1 1) (shared (int64 0)) (stream s))
                (call cudaEventRecord stop s)
                (call cudaEventSynchronize stop)
                (declare ms float)
                (call cudaEventElapsedTime (ptr-to ms) start stop)
                (declare y int)
                (call cudaMemcpyFromSymbol (ptr-to y) (ptr-to result) (int64 4) (int64 0) 2)
                (call printf (string "%d %d %d %d %s\n") y (call cudaStreamSynchronize s) (call cudaStreamDestroy s)
                  (call cudaGetLastError) (cond (fge ms 0.0) (string "ok") (string "negative")))
                (ret 0)))
            """);
    }

    [Fact]
    public void The_registry_lists_every_device_and_interp_is_the_fallback()
    {
        Assert.Equal("interp", DeviceRegistry.FallbackName);
        Assert.Null(DeviceRegistry.Find("interp")!.UnavailableReason);
        Assert.NotNull(DeviceRegistry.Find("cpu"));
        foreach (var name in new[] { "cuda", "hip" })
            Assert.NotNull(DeviceRegistry.Find(name)!.UnavailableReason); // see Gpu/GpuDeviceTests for the reasons
        Assert.Null(DeviceRegistry.Find("tpu"));
    }

    [Fact]
    public void The_interp_device_runs_a_program_and_returns_its_exit_status()
    {
        var program = TypeChecker.Check(IrParser.ParseText("(c-lisp (define ((main int)) (call printf (string \"hi\\n\")) (ret 7)))"));
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find("interp")!.Run(program, new RunOptions([], stdout, TextWriter.Null));
        Assert.Equal((7, "hi\n"), (status, stdout.ToString()));
    }

    /// <summary>Not a timed test: reports the interpreter's speed on a loop-heavy program (a sieve and a float loop).</summary>
    [Fact]
    public void Speed_on_a_loop_heavy_program_is_reported()
    {
        var program = Check("""
            (c-lisp
              (define ((main int))
                (declare n int)
                (set n 200000)
                (declare sieve (ptr int8))
                (set sieve (call calloc (sext n int64) (int64 1)))
                (declare count int) (declare i int) (declare j int)
                (set count 0)
                (for ((set i 2) (lt i n) (set i (add i 1)))
                  (if (eq (load (ptradd sieve i)) (trunc 0 int8))
                    ((set count (add count 1))
                     (for ((set j (mul i 2)) (lt j n) (set j (add j i)))
                       (store (ptradd sieve j) (trunc 1 int8))))))
                (declare acc double)
                (set acc (double 0.0))
                (for ((set i 0) (lt i 300000) (set i (add i 1)))
                  (set acc (fadd acc (fmul (sitofp i double) (double 0.5)))))
                (ret (cond (eq count 17984) 0 1))))
            """);
        var r = global::Translate.Interpreter.IrInterpreter.Measure(program);
        Assert.Equal(0, r.ExitCode);
        output.WriteLine($"{r.Instructions:N0} instructions in {r.Elapsed.TotalMilliseconds:F0} ms = {r.InstructionsPerSecond / 1e6:F1} M instructions/s");
        Assert.True(r.Instructions > 1_000_000);
    }
}
