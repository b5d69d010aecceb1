using Translate.Tests.Cli;

namespace Translate.Tests.OpenCl;

/// <summary>
/// The opencl device computes what the interpreter computes: <c>a*b+c</c> is two roundings (OpenCL C
/// would fuse it by default), and a kernel taking a stateless functor (an empty struct) by value runs.
/// </summary>
public sealed class ContractionAndFunctorTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Program = """
        #include <cstdio>
        struct Twice { __device__ float operator()(float x) const { return x * 2.0f; } };
        template <typename F>
        __global__ void k(F f, const float *a, const float *b, float *out, int n)
        {
            int i = threadIdx.x;
            if (i < n) out[i] = f(a[i] * b[i] + a[i]);
        }
        int main()
        {
            const int n = 64;
            float a[n], b[n], out[n];
            for (int i = 0; i < n; ++i) { a[i] = 1.0f + i * 1.1920929e-7f * 3; b[i] = 1.0f - i * 5.9604645e-8f * 7; }
            float *da, *db, *dout;
            cudaMalloc(&da, sizeof a); cudaMalloc(&db, sizeof b); cudaMalloc(&dout, sizeof out);
            cudaMemcpy(da, a, sizeof a, cudaMemcpyHostToDevice);
            cudaMemcpy(db, b, sizeof b, cudaMemcpyHostToDevice);
            k<<<1, n>>>(Twice{}, da, db, dout, n);
            cudaMemcpy(out, dout, sizeof out, cudaMemcpyDeviceToHost);
            for (int i = 0; i < n; ++i) printf("%a\n", out[i]);
            return 0;
        }
        """;

    [RequiresFact(Need.OpenCl)]
    public void Multiply_add_rounds_twice_and_functors_pass_as_on_the_interpreter()
    {
        string source = _cli.Write("contract.cu", Program);
        var interp = CliRunner.Run("run", source, "--device", "interp");
        var opencl = CliRunner.Run("run", source, "--device", "opencl");
        Assert.True(opencl.ExitCode == 0, opencl.Stderr);
        Assert.Equal(interp.Stdout, opencl.Stdout);
    }
}
