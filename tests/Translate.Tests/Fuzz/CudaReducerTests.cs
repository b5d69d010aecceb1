using Translate.Fuzz.Reduction;

namespace Translate.Tests.Fuzz;

/// <summary>The CUDA reducer shrinks a program by whole statements and blocks while the property asked for still holds.</summary>
public class CudaReducerTests
{
    private const string Program = """
        #include <cstdio>
        __device__ int twice(int x) { return 2 * x; }
        __global__ void k(int *out, const int *in) {
          unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
            int v0 = in[gid % 4u] + 3;
            float v1 = v0 * 0.5f;
            if (v0 > 2) {
                v1 += 1.0f;
                for (int i0 = 0; i0 < 3; i0++) {
                    v0 ^= i0;
                }
            } else {
                v0 = __popc(v0) + twice(v0);
            }
            switch (v0 & 3) {
            case 0: {
                v1 *= 2.0f;
            } break;
            default: {
                v0--;
            } break;
            }
            out[gid] = v0 + (int)v1;
        }

        int main() {
            int x = 3;
            printf("%d\n", x);
            return 0;
        }
        """;

    /// <summary>Braces balance and every variable used is still declared: the stand-in for "still compiles" here.</summary>
    private static bool Valid(string text) =>
        text.Count(c => c == '{') == text.Count(c => c == '}')
        && (!text.Contains("v0", StringComparison.Ordinal) || text.Contains("int v0 =", StringComparison.Ordinal))
        && (!text.Contains("v1", StringComparison.Ordinal) || text.Contains("float v1 =", StringComparison.Ordinal))
        && (!text.Contains("i0 ", StringComparison.Ordinal) || text.Contains("for (int i0", StringComparison.Ordinal));

    [Fact]
    public void A_program_shrinks_to_the_else_arm_the_property_needs()
    {
        bool Interesting(string text) => text.Contains("__popc", StringComparison.Ordinal) && Valid(text);
        string reduced = CudaReducer.Reduce(Program, Interesting, TimeSpan.FromSeconds(30));
        Assert.True(Interesting(reduced), reduced);
        Assert.DoesNotContain("switch", reduced);
        Assert.DoesNotContain("for (", reduced);
        Assert.DoesNotContain("if (v0 > 2)", reduced); // the if went, its else arm stayed
        Assert.Contains("__device__ int twice(int x) { return 2 * x; }", reduced); // file scope is not edited
        Assert.Contains("__global__ void k(int *out, const int *in) {", reduced);
        Assert.Contains("unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;", reduced); // threads keep their own slots
        Assert.Contains("    int x = 3;\n    printf", reduced); // host code fills inputs: not edited
    }

    [Fact]
    public void Values_become_zero_when_the_property_does_not_need_them()
    {
        bool Interesting(string text) => text.Contains("out[gid] =", StringComparison.Ordinal) && text.Contains("int v0 =", StringComparison.Ordinal) && Valid(text);
        string reduced = CudaReducer.Reduce(Program, Interesting, TimeSpan.FromSeconds(30));
        Assert.Contains("int v0 = 0;", reduced);
        Assert.Contains("out[gid] = 0;", reduced);
        Assert.DoesNotContain("in[", reduced);
    }

    [Fact]
    public void A_program_already_minimal_for_the_property_comes_back_unchanged()
    {
        const string minimal = "__global__ void k(int *out) {\n    out[0] = 1;\n}";
        Assert.Equal(minimal, CudaReducer.Reduce(minimal, t => t.Contains("out[0] = 1;", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Barriers_and_the_shared_writes_they_publish_stay_while_their_block_does()
    {
        const string program = """
            __global__ void k(int *out, const int *in) {
              __shared__ int sh[64];
              unsigned gid = blockIdx.x * blockDim.x + threadIdx.x;
                int v0 = in[gid % 4u];
                sh[threadIdx.x] = v0 * 3;
                __syncthreads();
                v0 = sh[(unsigned)(v0 + 1) % blockDim.x];
                __syncthreads();
                out[gid] = v0;
            }
            """;
        // Any program still reading sh is "interesting": only the reducer's own rules keep the write and the barriers.
        string reduced = CudaReducer.Reduce(program, t => t.Contains("v0 = sh[", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("sh[threadIdx.x] = 0;", reduced); // its value may shrink; the write stays
        Assert.Equal(2, reduced.Split('\n').Count(l => l.Trim() == "__syncthreads();"));
        Assert.DoesNotContain("out[gid] = v0;", reduced);
    }
}
