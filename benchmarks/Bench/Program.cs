using System.Diagnostics;
using Translate.Frontend;
using Translate.Runtime.Devices;

// Runs a CUDA benchmark program (kernels.cu) on a device and echoes its "NAME MS CHECK" lines,
// followed by "#lift MS" and "#run MS" (wall time of lifting, and of the whole run including JIT),
// and on cpu "#compile" (all modules) and one "#jit" line per module (time per compilation phase).
// Usage: translate-bench FILE.cu [DEVICE]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: translate-bench FILE.cu [DEVICE]");
    return 2;
}
var watch = Stopwatch.StartNew();
var lifted = CudaFrontend.Translate(args[0], new FrontendOptions());
if (!lifted.Success)
{
    foreach (var d in lifted.Diagnostics) Console.Error.WriteLine(d);
    return 1;
}
Console.WriteLine($"#lift {watch.Elapsed.TotalMilliseconds:F1}");
var device = DeviceRegistry.Find(args.Length > 1 ? args[1] : "cpu") ?? throw new InvalidOperationException("unknown device");
watch.Restart();
var stdout = new StringWriter { NewLine = "\n" };
int status = device.Run(lifted.Checked!, new RunOptions([], stdout, Console.Error));
Console.Write(stdout.ToString());
Console.WriteLine($"#run {watch.Elapsed.TotalMilliseconds:F1}");
if (device is CpuDevice cpu)
{
    Console.WriteLine($"#compile {cpu.LastCompilation.Milliseconds:F1} compiled={cpu.LastCompilation.Compiled} cached={cpu.LastCompilation.CacheHits}");
    foreach (var m in cpu.LastModuleTimes)
        Console.WriteLine($"#jit {m.Module} {(m.Compiled ? "compiled" : "cached")} lower={m.Lower:F1} optimize={m.Optimize:F1} codegen={m.Codegen:F1} total={m.Total:F1}");
}
return status;
