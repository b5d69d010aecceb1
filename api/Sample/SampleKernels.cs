using Translate.Api;

namespace Translate.Api.Sample;

/// <summary>The kernels of cuda-samples' vectorAdd, matrixMul, reduction and scan, launched from C# and checked.</summary>
public static class SampleKernels
{
    /// <summary>Runs them all on <paramref name="device"/>, one line each to <paramref name="log"/>; true when every result is right.</summary>
    public static bool RunAll(string samples, string device, TextWriter log)
    {
        using var gpu = ComputeDevice.Open(device);
        gpu.Output = log;
        bool ok = true;
        foreach (var (name, run) in new (string, Func<ComputeDevice, string, bool>)[]
                 { ("vectorAdd", VectorAdd), ("matrixMul", MatrixMul), ("reduction", Reduction), ("scan", Scan) })
        {
            bool passed = run(gpu, Path.Combine(samples, name, name + ".cu"));
            log.WriteLine($"{name} on {device}: {(passed ? "ok" : "WRONG")}");
            ok &= passed;
        }
        return ok;
    }

    /// <summary>The repository's cuda-samples folder, looked for from <paramref name="start"/> upwards.</summary>
    public static string? FindSamples(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "cuda-samples", "vectorAdd"))) return Path.Combine(dir.FullName, "cuda-samples");
        return null;
    }

    private static bool VectorAdd(ComputeDevice device, string source)
    {
        const int n = 50_000;
        var a = Enumerable.Range(0, n).Select(i => MathF.Sin(i)).ToArray();
        var b = Enumerable.Range(0, n).Select(i => i * 0.5f).ToArray();
        using var program = device.Load(source);
        using var da = device.Allocate<float>(a);
        using var db = device.Allocate<float>(b);
        using var dc = device.Allocate<float>(n);
        program.Kernel("vectorAdd").Launch((n + 255) / 256, 256, da, db, dc, n);
        var c = dc.AsSpan();
        for (int i = 0; i < n; i++)
            if (c[i] != a[i] + b[i]) return false;
        return true;
    }

    private static bool MatrixMul(ComputeDevice device, string source)
    {
        const int n = 64, tile = 16;
        var a = Enumerable.Range(0, n * n).Select(i => (float)(i * 7 % 11) - 5f).ToArray();
        var b = Enumerable.Range(0, n * n).Select(i => i * 3 % 5 * 0.25f).ToArray();
        using var program = device.Load(source);
        using var da = device.Allocate<float>(a);
        using var db = device.Allocate<float>(b);
        using var dc = device.Allocate<float>(n * n);
        program.Kernel("matrixMul<16>").Launch((n / tile, n / tile), (tile, tile), da, db, dc, n);
        var c = dc.AsSpan();
        for (int row = 0; row < n; row++)
            for (int col = 0; col < n; col++)
            {
                float expected = 0; // exact: every product and partial sum is a multiple of 0.25 well inside float's range
                for (int k = 0; k < n; k++) expected += a[row * n + k] * b[k * n + col];
                if (c[row * n + col] != expected) return false;
            }
        return true;
    }

    private static bool Reduction(ComputeDevice device, string source)
    {
        using var program = device.Load(source);
        return Reduce(program.Kernel("reduceSum<128, int>"), 128, Enumerable.Range(0, 100_000).Select(i => i % 13 - 6).ToArray(), (x, y) => x + y)
            && Reduce(program.Kernel("reduceSum<64, double>"), 64, Enumerable.Range(0, 20_000).Select(i => (i % 8) * 0.125).ToArray(), (x, y) => x + y);
    }

    private static bool Reduce<T>(Kernel kernel, int block, T[] values, Func<T, T, T> add) where T : unmanaged, IEquatable<T>
    {
        var device = kernel.Program.Device;
        int blocks = (values.Length + block * 2 - 1) / (block * 2);
        using var input = device.Allocate<T>(values);
        using var partial = device.Allocate<T>(blocks);
        kernel.Launch(blocks, block, input, partial, (uint)values.Length);
        T total = default, expected = default;
        foreach (var p in partial.AsSpan()) total = add(total, p);
        foreach (var v in values) expected = add(expected, v);
        return total.Equals(expected); // exact for these inputs: integers, and multiples of 1/8 far below 2^53
    }

    private static bool Scan(ComputeDevice device, string source)
    {
        const int n = 5000, block = 256, blocks = (n + block - 1) / block;
        var input = Enumerable.Range(0, n).Select(i => i * 37 % 7 - 2).ToArray();
        using var program = device.Load(source);
        using var din = device.Allocate<int>(input);
        using var dout = device.Allocate<int>(n);
        using var sums = device.Allocate<int>(blocks);
        program.Kernel("scanBlocks").Launch(blocks, block, din, dout, sums, n);
        // The blocks' totals, scanned on the host as the sample does, become each block's offset.
        var offsets = sums.AsSpan();
        for (int k = 1; k < blocks; k++) offsets[k] += offsets[k - 1];
        program.Kernel("addOffsets").Launch(blocks, block, dout, sums, n);
        int running = 0;
        var output = dout.AsSpan();
        for (int i = 0; i < n; i++)
            if (output[i] != (running += input[i])) return false;
        return true;
    }
}
