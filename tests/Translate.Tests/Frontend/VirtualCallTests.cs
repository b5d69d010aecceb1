using Translate.Ir.Diagnostics;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>
/// A virtual call goes by the object's type tag, which device constructors store. An object no device code constructed
/// (zeroed memory here; an object built by host code and copied, which CUDA does not allow either) names no class: the
/// program says which call met it and stops (TR0311) rather than call anything, on every device.
/// </summary>
public sealed class VirtualCallTests : FrontendTestBase
{
    private const string ZeroedObject = """
        struct Shape {
            float side;
            __device__ Shape(float s) : side(s) {}
            __device__ virtual float area() const { return side * side; }
        };
        __global__ void measure(const Shape *shapes, float *out) { const Shape *s = shapes + threadIdx.x; out[threadIdx.x] = s->area(); }
        __global__ void build(Shape *shapes) { new (shapes + 1) Shape(3.0f); }
        int main() {
            Shape *shapes; float *out;
            cudaMalloc(&shapes, 2 * sizeof(Shape));
            cudaMalloc(&out, 2 * sizeof(float));
            cudaMemset(shapes, 0, 2 * sizeof(Shape));
            build<<<1, 1>>>(shapes);
            measure<<<1, 2>>>(shapes, out);
            return cudaDeviceSynchronize() == cudaSuccess ? 0 : 1;
        }
        """;

    [Theory]
    [MemberData(nameof(Requirements.WholeProgramDevices), MemberType = typeof(Requirements))]
    public void A_virtual_call_on_an_object_no_device_code_constructed_says_so_and_stops(string device)
    {
        var printed = LiftAndRunToTrap(ZeroedObject, device);
        if (device != "opencl")
            Assert.Contains("virtual call of 'Shape::area' on an object whose class no device code constructs (type tag 0)", printed);
    }
}
