using Translate.Frontend;
using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// Kernels reached only through explicit template instantiations — of a host function template that launches them, of
/// a kernel template itself, of a class template whose members launch them — are part of the device image (libclang
/// shows none of the instantiated code). What cannot be followed is TR0414 at the instantiation, not a missing kernel
/// at run time.
/// </summary>
public class ExplicitInstantiationTests
{
    private static FrontendResult LiftDeviceCode(string cuda)
    {
        var path = Path.Combine(Path.GetTempPath(), "translate-frontend-tests", Guid.NewGuid().ToString("N"), "inst.cu");
        return CudaFrontend.Translate(path, new FrontendOptions { Contents = cuda, DeviceOnly = true });
    }

    private static string[] KernelNames(FrontendResult r)
    {
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        return r.Kernels.Select(k => k.IrName).Order().ToArray();
    }

    private const string Kernels = """
        template <class T, int F> __global__ void times(T *p) { p[threadIdx.x] *= F; }
        template <class T> __global__ void plus(T *p, T v) { p[threadIdx.x] += v; }
        """;

    [Fact]
    public void A_host_function_template_instantiated_explicitly_brings_the_kernels_it_launches()
    {
        var r = LiftDeviceCode(Kernels + "\n" + """
            template <class T> void scale(T *p, int f) { if (f == 2) times<T, 2><<<1, 8>>>(p); else times<T, 5><<<1, 8>>>(p); }
            template <class T> void scale(T *p) { plus<T><<<1, 8>>>(p, T(1)); }
            template void scale<int>(int *, int);
            template void scale(float *);
            """);
        Assert.Equal(["plus_float", "times_int_2", "times_int_5"], KernelNames(r));
    }

    [Fact]
    public void A_kernel_template_instantiated_explicitly_is_in_the_image_with_its_linker_name()
    {
        var r = LiftDeviceCode(Kernels + "\n" + """
            template __global__ void plus<double>(double *p, double v);
            template __global__ void times<unsigned, 3>(unsigned *);
            """);
        Assert.Equal(["plus_double", "times_uint_3"], KernelNames(r));
        Assert.Contains("_Z4plusIdEvPT_S0_", r.LinkNames.Values);
    }

    [Fact]
    public void A_class_template_instantiated_explicitly_brings_what_its_public_members_launch()
    {
        var r = LiftDeviceCode(Kernels + "\n" + """
            namespace lib {
            template <class T> class Buffer {
            public:
                using item = T;
                explicit Buffer(T *p) : p_(p) { times<T, 4><<<1, 8>>>(p); }
                ~Buffer() { plus<T><<<1, 8>>>(p_, T(2)); }
                void bump(item v) { helper(v); }
                void twice(int) { times<T, 2><<<1, 8>>>(p_); }
                void twice(T *q) { times<T, 2><<<1, 8>>>(q); }
            private:
                void helper(T v) { plus<T><<<1, 8>>>(p_, v); }
                T *p_;
            };
            }
            template class lib::Buffer<short>;
            """);
        Assert.Equal(["plus_short", "times_short_2", "times_short_4"], KernelNames(r));
    }

    [Fact]
    public void Declarations_directives_and_disambiguators_are_not_taken_for_explicit_instantiations()
    {
        var r = LiftDeviceCode(Kernels + "\n" + """
            template <class T> struct Holder { template <class U> static void put(U *p) { plus<U><<<1, 1>>>(p, U(0)); } };
            template <class T> void viaMember(T *p) { Holder<T>::template put<T>(p); }
            extern template void viaMember<long>(long *);
            #define INSTANTIATE(T) template void viaMember<T>(T *);
            template void viaMember<char>(char *);
            """);
        Assert.Equal(["plus_char"], KernelNames(r));
    }

    [Fact]
    public void An_instantiation_that_launches_kernels_and_cannot_be_followed_is_TR0414_at_its_line()
    {
        // Overloads whose parameter types name the class's own typedef: neither the address nor a call written outside
        // the class can pick one.
        var r = LiftDeviceCode(Kernels + "\n" + """
            template <class T> struct Runner {
                using value = T;
                void go(value *p) { plus<T><<<1, 4>>>(p, T(1)); }
                void go(value *p, int n) { plus<T><<<1, n>>>(p, T(1)); }
            };
            template struct Runner<float>;
            """);
        var d = r.Diagnostics.Single(x => x.Code == Codes.ExplicitInstantiationUnreached);
        Assert.Equal(8, d.Location.Line);
        Assert.Contains("Runner<float>::go", d.Message);
        Assert.DoesNotContain(r.Diagnostics, x => x.Code == Codes.ClangError);
    }

    [Fact]
    public void An_instantiation_that_cannot_be_followed_but_launches_nothing_is_no_error()
    {
        var r = LiftDeviceCode(Kernels + "\n" + """
            template <class T> struct Sum {
                using value = T;
                value add(value a, value b) { return a + b; }
                value add(value a) { return a; }
            };
            template struct Sum<int>;
            template __global__ void plus<int>(int *, int);
            """);
        Assert.Equal(["plus_int"], KernelNames(r));
    }
}
