using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>
/// A pointer to a function is the function's number; a call through it goes to the dispatcher of its type, which calls
/// the function of that number (tests/programs/functionPointers.cu runs the working cases on every device). A number no
/// function of that type on that side has — here a host function's, passed to a kernel, which CUDA does not allow
/// either — says which call met it and stops (TR0311) rather than call anything. What the numbers cannot stand for is
/// refused with a reason.
/// </summary>
public sealed class FunctionPointerTests : FrontendTestBase
{
    private const string HostPointerOnDevice = """
        typedef int (*op)(int);
        __device__ int twice(int v) { return 2 * v; }
        __device__ op pick = twice;
        int hostOnly(int v) { return v + 1; }
        __global__ void call(op f, int *out) { out[threadIdx.x] = f(threadIdx.x); }
        int main() {
            int *out;
            cudaMalloc(&out, 4 * sizeof(int));
            call<<<1, 4>>>(hostOnly, out);
            return cudaDeviceSynchronize() == cudaSuccess ? 0 : 1;
        }
        """;

    [Theory]
    [MemberData(nameof(Requirements.WholeProgramDevices), MemberType = typeof(Requirements))]
    public void A_call_through_a_number_no_device_function_has_says_so_and_stops(string device)
    {
        var printed = LiftAndRunToTrap(HostPointerOnDevice, device);
        if (device != "opencl")
        {
            Assert.Contains("call through a pointer to 'int (int)' whose value (", printed);
            Assert.Contains(") is no device function of that type whose address this program takes", printed);
        }
    }

    [Theory]
    [InlineData("struct S { __device__ int get() { return 1; } };", "int (S::*m)() = &S::get; out[0] = (S{}.*m)();", "type 'int (S::*)()' is not translated")]
    [InlineData("__global__ void other(int *) {}", "void (*k)(int *) = other; out[0] = k != nullptr;", "the address of kernel 'other'")]
    [InlineData("__device__ int one() { return 1; }", "int (&r)() = one; out[0] = r();", "references to functions")]
    public void What_the_numbers_cannot_stand_for_is_refused_with_its_reason(string declarations, string body, string reason)
    {
        var result = Lift($$"""
            {{declarations}}
            __global__ void k(int *out) { {{body}} }
            """);
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code.Id is "TR0404" or "TR0405" && d.Message.Contains(reason));
    }

    [Fact]
    public void Host_code_passing_its_function_to_a_library_function_is_refused()
    {
        var result = Lift("""
            #include <cstdlib>
            int byValue(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
            int main() { int v[3] = {3, 1, 2}; qsort(v, 3, sizeof(int), byValue); return v[0]; }
            """);
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("passed to library function 'qsort'") || d.Message.Contains("'qsort' is not offered"));
    }
}
