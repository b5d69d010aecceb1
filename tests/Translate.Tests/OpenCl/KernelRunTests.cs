using Translate.Runtime.OpenCl;

namespace Translate.Tests.OpenCl;

/// <summary>Representative kernels emitted as OpenCL C, built by the device and run: results as computed in C#.</summary>
public sealed class KernelRunTests : OpenClTestBase
{
    [RequiresFact(Need.OpenCl)]
    public void Vector_add_matches_the_host()
    {
        using var m = Load(Programs.VectorAdd);
        const int n = 5000;
        var a = RandomFloats(n, 1);
        var b = RandomFloats(n, 2);
        using var da = Session.Allocate(n * 4);
        using var db = Session.Allocate(n * 4);
        using var dc = Session.Allocate(n * 4);
        da.Write<float>(a);
        db.Write<float>(b);
        var result = m.Launch("vecAdd", new Dim3((n + 255) / 256), new Dim3(256), 0,
            KernelArgument.Pointer(da), KernelArgument.Pointer(db), KernelArgument.Pointer(dc), KernelArgument.Int(n));
        var c = new float[n];
        dc.Read<float>(c);
        for (int i = 0; i < n; i++) Assert.Equal(a[i] + b[i], c[i]);
        Assert.True(result.DeviceNanoseconds > 0);
    }

    [RequiresFact(Need.OpenCl)]
    public void Shared_memory_reduction_with_barriers_in_a_loop()
    {
        using var m = Load(Programs.BlockReduction);
        const int n = 10000, block = 256, grid = (n + 2 * block - 1) / (2 * block);
        var input = RandomFloats(n, 3);
        using var din = Session.Allocate(n * 4);
        using var dout = Session.Allocate(grid * 4);
        din.Write<float>(input);
        m.Launch("reduceSum", new Dim3(grid), new Dim3(block), 0, KernelArgument.Pointer(din), KernelArgument.Pointer(dout), KernelArgument.Int(n));
        var partial = new float[grid];
        dout.Read<float>(partial);
        for (int g = 0; g < grid; g++)
        {
            // The same tree order as the kernel, so float rounding matches exactly.
            var s = new float[block];
            for (int t = 0; t < block; t++)
            {
                int i = g * block * 2 + t;
                float v = i < n ? input[i] : 0f;
                if (i + block < n) v += input[i + block];
                s[t] = v;
            }
            for (int stride = block / 2; stride > 0; stride >>= 1)
                for (int t = 0; t < stride; t++) s[t] += s[t + stride];
            Assert.Equal(s[0], partial[g]);
        }
    }

    [RequiresFact(Need.OpenCl)]
    public void Tiled_matmul_matches_the_host()
    {
        using var m = Load(Programs.MatmulTiled);
        const int n = 64;
        var a = RandomFloats(n * n, 4);
        var b = RandomFloats(n * n, 5);
        using var da = Session.Allocate(n * n * 4);
        using var db = Session.Allocate(n * n * 4);
        using var dc = Session.Allocate(n * n * 4);
        da.Write<float>(a);
        db.Write<float>(b);
        m.Launch("matmul", new Dim3(n / 16, n / 16), new Dim3(16, 16), 0,
            KernelArgument.Pointer(da), KernelArgument.Pointer(db), KernelArgument.Pointer(dc), KernelArgument.Int(n));
        var c = new float[n * n];
        dc.Read<float>(c);
        for (int r = 0; r < n; r++)
            for (int col = 0; col < n; col++)
            {
                float acc = 0;
                for (int k = 0; k < n; k++) acc = MathF.FusedMultiplyAdd(a[r * n + k], b[k * n + col], acc);
                Assert.Equal(acc, c[r * n + col]);
            }
    }

    [RequiresFact(Need.OpenCl)]
    public void Atomic_histogram_in_dynamic_shared_memory()
    {
        using var m = Load(Programs.Histogram);
        const int n = 100000;
        var data = new byte[n];
        new Random(6).NextBytes(data);
        using var dd = Session.Allocate(n);
        using var bins = Session.Allocate(256 * 4);
        dd.Write<byte>(data);
        m.Launch("histogram", new Dim3(8), new Dim3(256), 256 * 4, KernelArgument.Pointer(dd), KernelArgument.Int(n), KernelArgument.Pointer(bins));
        var got = new int[256];
        bins.Read<int>(got);
        var want = new int[256];
        foreach (var x in data) want[x]++;
        Assert.Equal(want, got);
    }

    [RequiresFact(Need.OpenCl)]
    public void Float_atomic_add_and_warp_reduction()
    {
        using var m = Load(Programs.WarpSum);
        const int n = 1000;
        var x = Enumerable.Range(0, n).Select(i => (float)(i % 7)).ToArray();
        using var dx = Session.Allocate(n * 4);
        using var dr = Session.Allocate(4);
        dx.Write<float>(x);
        m.Launch("sumAll", new Dim3((n + 127) / 128), new Dim3(128), 0, KernelArgument.Pointer(dx), KernelArgument.Pointer(dr), KernelArgument.Int(n));
        var r = new float[1];
        dr.Read<float>(r);
        Assert.Equal(x.Sum(), r[0]); // small integers: exact in any order
    }

    [RequiresFact(Need.OpenCl)]
    public void Structs_keep_CUDA_layout_through_global_memory()
    {
        using var m = Load(Programs.Particles);
        const int n = 40;
        // struct particle { vec3 pos; vec3 vel; float mass; long id; } = 40 bytes, id at offset 32.
        var bytes = new byte[n * 40];
        for (int i = 0; i < n; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 40 + 12), (float)i);      // vel.x
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 40 + 16), 2f * i);        // vel.y
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 40 + 32), 1000L + i);     // id
        }
        using var dp = Session.Allocate(bytes.Length);
        dp.Write<byte>(bytes);
        m.Launch("advance", new Dim3(1), new Dim3(64), 0, KernelArgument.Pointer(dp), KernelArgument.Float(0.5f), KernelArgument.Int(n));
        var back = new byte[bytes.Length];
        dp.Read<byte>(back);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0.5f * i, BitConverter.ToSingle(back, i * 40));
            Assert.Equal(1.0f * i, BitConverter.ToSingle(back, i * 40 + 4));
            Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(BitConverter.ToSingle(back, i * 40 + 20))); // vel.z = -0.0
            Assert.Equal(2000L + 2 * i, BitConverter.ToInt64(back, i * 40 + 32));
        }
    }

    [RequiresFact(Need.OpenCl)]
    public void Device_function_cloned_for_shared_and_global_pointers()
    {
        using var m = Load(Programs.Clones);
        Assert.Contains("float sum3_local(__local float* p)", m.Source);
        Assert.Contains("float sum3_global(__global float* p)", m.Source);
        var input = new float[] { 1, 2, 3, 4, 5, 6 };
        using var din = Session.Allocate(6 * 4);
        using var dout = Session.Allocate(32 * 4);
        din.Write<float>(input);
        m.Launch("useBoth", new Dim3(1), new Dim3(32), 0, KernelArgument.Pointer(din), KernelArgument.Pointer(dout));
        var o = new float[32];
        dout.Read<float>(o);
        for (int t = 0; t < 32; t++) Assert.Equal(t % 2 == 0 ? 3f * t + 3 : 15f, o[t]);
    }

    [RequiresFact(Need.OpenCl)]
    public void Device_globals_live_in_buffers_and_constants_in_constant_memory()
    {
        using var m = Load(Programs.Globals);
        Assert.Contains("__constant float* coeffs", m.Source);
        using var dout = Session.Allocate(8 * 4);
        m.Launch("useGlobals", new Dim3(1), new Dim3(8), 0, KernelArgument.Pointer(dout));
        var o = new float[8];
        dout.Read<float>(o);
        var coeffs = new[] { 0.5f, 0.25f, 0.125f, 0.0625f };
        for (int t = 0; t < 8; t++) Assert.Equal(2.5f * coeffs[t & 3], o[t]);
        var total = new long[1];
        m.GlobalBuffer("devTotal").Read<long>(total);
        Assert.Equal(8, total[0]);
    }
}
