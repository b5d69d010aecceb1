using Translate.Frontend;
using Translate.Runtime.Devices;

namespace Translate.Tests.Frontend;

/// <summary>Small CUDA programs whose lifted IR, run on the interpreter, prints what the CUDA program prints.</summary>
public class LiftedProgramTests : FrontendTestBase
{
    private static string Run(string cuda)
    {
        var result = Lift(cuda);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var stdout = new StringWriter();
        int status = DeviceRegistry.Find("interp")!.Run(result.Checked!, new RunOptions([], stdout, new StringWriter()));
        Assert.Equal(0, status);
        return stdout.ToString();
    }

    [Fact]
    public void Methods_operators_namespaces_and_brace_lists()
    {
        var output = Run("""
            #include <cstdio>
            struct Vec2 {
                float x, y;
                __host__ __device__ float dot(const Vec2 &o) const { return x * o.x + y * o.y; }
                __host__ __device__ Vec2 operator+(const Vec2 &o) const { Vec2 r = {x + o.x, y + o.y}; return r; }
                __host__ __device__ void scale(float s) { x *= s; this->y *= s; }
            };
            namespace ns { __device__ int g = 7; __constant__ int table[4] = {1, 2, 3, 4}; }
            __global__ void k(Vec2 *v, float *out) {
                int i = threadIdx.x;
                Vec2 a = v[i];
                Vec2 b = a + v[0];
                b.scale(2.0f);
                out[i] = b.dot(a) + ns::g + ns::table[i % 4];
                float4 q = make_float4(1, 2, 3, 4);
                out[i] += q.w;
            }
            int main() {
                Vec2 h[4] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
                Vec2 *d; float *o; float r[4];
                cudaMalloc(&d, sizeof(h)); cudaMalloc(&o, sizeof(r));
                cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
                k<<<1, 4>>>(d, o);
                cudaMemcpy(r, o, sizeof(r), cudaMemcpyDeviceToHost);
                for (int i = 0; i < 4; ++i) printf("%g\n", r[i]);
                return 0;
            }
            """);
        Assert.Equal("32\n85\n170\n287\n", output);
    }

    [Fact]
    public void An_unsigned_constant_converted_to_a_signed_type_of_its_width_takes_the_signed_value()
    {
        // Found by the CUDA fuzzer (translate-fuzz diff-cuda): the literal kept its unsigned value, so widening it
        // afterwards gave 4289069056 where C++ gives -5898240.
        var output = Run("""
            #include <cstdio>
            int main() {
                int y = 0xFFA60000u;
                long long a = y, b = (long long)(int)(0xFFA60000u), c = (long long)(int)((unsigned)(-90) << 16);
                unsigned u = -1;
                long long d = (long long)(unsigned)(int)0x80000000u;
                printf("%lld %lld %lld %u %lld\n", a, b, c, u, d);
                return 0;
            }
            """);
        Assert.Equal("-5898240 -5898240 -5898240 4294967295 2147483648\n", output);
    }

    [Fact]
    public void Unsigned_and_narrow_integer_arithmetic_follows_cpp()
    {
        var output = Run("""
            #include <cstdio>
            int main() {
                unsigned int u = 0u - 1u;
                int s = -7;
                unsigned char c = 250;
                c += 10;
                short h = -3;
                h >>= 1;
                long long big = (long long)u * 3;
                printf("%u %d %d %d %lld %u %d\n", u / 2u, s / 2, s % 3, c, big, (unsigned)s >> 28, h);
                printf("%d %d\n", s < (int)u, (unsigned)s > u / 2u);
                return 0;
            }
            """);
        Assert.Equal("2147483647 -3 -1 4 12884901885 15 -2\n1 1\n", output);
    }

    [Fact]
    public void Float_inequality_and_conversion_to_bool_treat_NaN_as_true()
    {
        var output = Run("""
            #include <cstdio>
            int main() {
                float z = 0.0f;
                float nan = z / z;
                printf("%d %d %d\n", nan != nan, (bool)nan, !nan);
                return 0;
            }
            """);
        Assert.Equal("1 1 0\n", output);
    }

    [Fact]
    public void Bit_reinterpreting_intrinsics_keep_the_bits()
    {
        var output = Run("""
            #include <cstdio>
            __global__ void k(float *f, double *d, int *i, unsigned *u, long long *l) {
                i[0] = __float_as_int(f[0]);
                u[0] = __float_as_uint(f[1]);
                f[2] = __int_as_float(0x3fc00000);
                f[3] = __uint_as_float(0xbf800000u);
                l[0] = __double_as_longlong(d[0]);
                d[1] = __longlong_as_double(0x4000000000000000ll);
            }
            int main() {
                float hf[4] = {1.0f, -0.0f, 0, 0}; double hd[2] = {-2.5, 0};
                float *f; double *d; int *i; unsigned *u; long long *l;
                cudaMalloc(&f, sizeof(hf)); cudaMalloc(&d, sizeof(hd));
                cudaMalloc(&i, sizeof(int)); cudaMalloc(&u, sizeof(unsigned)); cudaMalloc(&l, sizeof(long long));
                cudaMemcpy(f, hf, sizeof(hf), cudaMemcpyHostToDevice);
                cudaMemcpy(d, hd, sizeof(hd), cudaMemcpyHostToDevice);
                k<<<1, 1>>>(f, d, i, u, l);
                int hi; unsigned hu; long long hl;
                cudaMemcpy(hf, f, sizeof(hf), cudaMemcpyDeviceToHost);
                cudaMemcpy(hd, d, sizeof(hd), cudaMemcpyDeviceToHost);
                cudaMemcpy(&hi, i, sizeof(int), cudaMemcpyDeviceToHost);
                cudaMemcpy(&hu, u, sizeof(unsigned), cudaMemcpyDeviceToHost);
                cudaMemcpy(&hl, l, sizeof(long long), cudaMemcpyDeviceToHost);
                printf("%x %x %g %g %llx %g\n", hi, hu, hf[2], hf[3], hl, hd[1]);
                return 0;
            }
            """);
        Assert.Equal("3f800000 80000000 1.5 -1 c004000000000000 2\n", output);
    }

    [Fact]
    public void Sincos_and_the_normal_distribution_come_from_our_headers()
    {
        var output = Run("""
            #include <cstdio>
            __global__ void k(float *o, double *d) {
                float s, c;
                sincosf(o[0], &s, &c);
                o[1] = s; o[2] = c;
                o[3] = s - sinf(o[0]); o[4] = c - cosf(o[0]);
                o[5] = normcdff(0.0f); o[6] = normcdff(1.0f) + normcdff(-1.0f);
                double ds, dc;
                sincos(d[0], &ds, &dc);
                d[1] = ds * ds + dc * dc; d[2] = normcdf(-10.0);
            }
            int main() {
                float h[7] = {0.5f}; double hd[3] = {1.25};
                float *o; double *d;
                cudaMalloc(&o, sizeof(h)); cudaMalloc(&d, sizeof(hd));
                cudaMemcpy(o, h, sizeof(h), cudaMemcpyHostToDevice);
                cudaMemcpy(d, hd, sizeof(hd), cudaMemcpyHostToDevice);
                k<<<1, 1>>>(o, d);
                cudaMemcpy(h, o, sizeof(h), cudaMemcpyDeviceToHost);
                cudaMemcpy(hd, d, sizeof(hd), cudaMemcpyDeviceToHost);
                printf("%.5f %.5f %g %g %g %.5f %.5f %d\n", h[1], h[2], h[3], h[4], h[5], h[6], hd[1], hd[2] > 0 && hd[2] < 1e-20);
                return 0;
            }
            """);
        Assert.Equal("0.47943 0.87758 0 0 0.5 1.00000 1.00000 1\n", output);
    }
}
