using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// A range-based for is lifted as C++ expands it, with pointer iterators (tests/programs/rangeForLoops.cu runs arrays,
/// braced lists and classes whose begin() and end() return pointers on every device). A class with an iterator type of
/// its own is refused at the loop, naming why.
/// </summary>
public sealed class RangeForTests : FrontendTestBase
{
    [Fact]
    public void A_range_whose_iterators_are_objects_is_refused_at_the_loop()
    {
        var result = Lift("""
            struct It { int *p; __device__ int &operator*() const { return *p; } __device__ It &operator++() { ++p; return *this; }
                        __device__ bool operator!=(const It &o) const { return p != o.p; } };
            struct Range { int *p; int n; __device__ It begin() const { return {p}; } __device__ It end() const { return {p + n}; } };
            __global__ void k(int *out) { Range r{out, 4};
                for (int &v : r) v = 1; }
            """);
        var diagnostic = ExpectDiagnostic(result, Codes.UnsupportedStatement, 5);
        Assert.Contains("iterators are not pointers", diagnostic.Message);
    }
}
