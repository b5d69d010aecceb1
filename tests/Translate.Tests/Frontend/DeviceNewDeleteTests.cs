using Translate.Backends.OpenCl;
using Translate.Ir.Diagnostics;

namespace Translate.Tests.Frontend;

/// <summary>
/// Device <c>new</c> and <c>delete</c> allocate from the device heap and construct and destroy as C++ does: constructors
/// with arguments, default and value initialization, brace lists of arrays, placement new, user-written destructors on
/// <c>delete</c> and, element by element, on <c>delete[]</c>; a heap that cannot satisfy the request gives nullptr
/// and constructs nothing. Same output on interp and cpu; OpenCL has no device heap (TR0504).
/// </summary>
public sealed class DeviceNewDeleteTests : FrontendTestBase
{
    private const string Shapes = """
        #include <cstdio>
        #include <new>
        struct Pair {
            int a; float b;
            __device__ Pair(int x) : a(x), b(x * 0.5f) {}
        };
        struct Counted {
            int *log; int id;
            __device__ Counted() : log(nullptr), id(0) {}
            __device__ ~Counted() { if (log) atomicAdd(log, id); }
        };
        struct Defaults { int v = 3; float w = 1.5f; };

        __global__ void exercise(int n, int *out) {
            Pair *p = new Pair(5);
            out[0] = p->a; out[1] = (int)(p->b * 10);
            delete p;
            int *a = new int[n];
            for (int i = 0; i < n; i++) a[i] = i * i;
            int s = 0; for (int i = 0; i < n; i++) s += a[i];
            out[2] = s;
            delete[] a;
            int *z = new int(7); out[3] = *z; delete z;
            int *y = new int(); out[4] = *y; delete y;
            Defaults *d = new Defaults[3]; out[5] = d[2].v + (int)(d[1].w * 2); delete[] d;
            int *w = new int[4]{1, 2, 3}; out[6] = w[0] + w[1] * 10 + w[2] * 100 + w[3] * 1000; delete[] w;
            Counted *c = new Counted[n];
            for (int i = 0; i < n; i++) { c[i].log = out + 7; c[i].id = i + 1; }
            out[7] = 0;
            delete[] c;
            int buf[4];
            Pair *q = new (buf) Pair(9);
            out[8] = q->a + buf[0];
            Counted *one = new Counted; one->log = out + 9; one->id = 42; out[9] = 0; delete one;
        }

        int main() {
            int *d; cudaMalloc(&d, 10 * sizeof(int));
            exercise<<<1, 1>>>(5, d);
            int h[10]; cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            for (int i = 0; i < 10; i++) printf("%d ", h[i]);
            printf("\n");
            return 0;
        }
        """;

    private const string ShapesOutput = "5 25 30 7 0 6 321 15 18 42 \n";

    // delete through a base with a virtual destructor runs the object's own class's destructor, then its bases';
    // new T[n] inside a class template's instantiation (whose new-expression clang gives a one-token extent); placement
    // new without including <new>, as nvcc accepts it, destroyed through the base; a class-template hierarchy (whose
    // instantiations' destructors libclang does not show: ~TDerived<int> did not run).
    private const string Polymorphic = """
        #include <cstdio>
        struct Base {
            int *log;
            __device__ Base(int *l) : log(l) {}
            __device__ virtual ~Base() { *log = *log * 10 + 1; }
            __device__ virtual int value() const { return 1; }
        };
        struct Derived : Base {
            int extra;
            __device__ Derived(int *l, int e) : Base(l), extra(e) {}
            __device__ ~Derived() { *log = *log * 10 + 2; }
            __device__ int value() const override { return extra; }
        };
        template <class T> struct Buffer {
            T *data;
            __device__ Buffer(int n) { data = new T[n]; for (int i = 0; i < n; i++) data[i] = (T)i; }
            __device__ ~Buffer() { delete[] data; }
        };
        template <class T> struct TBase {
            int *log;
            __device__ TBase(int *l) : log(l) {}
            __device__ virtual ~TBase() { *log = *log * 10 + 3; }
        };
        template <class T> struct TDerived : TBase<T> {
            __device__ TDerived(int *l) : TBase<T>(l) {}
            __device__ ~TDerived() { *this->log = *this->log * 10 + 4; }
        };
        __global__ void run(int *out) {
            out[0] = 0;
            Base *b = new Derived(out, 7);
            out[1] = b->value();
            delete b;
            Base *c = new Base(out + 2);
            out[2] = 0;
            out[3] = c->value();
            delete c;
            Buffer<int> *buffer = new Buffer<int>(50);
            out[4] = buffer->data[49];
            delete buffer;
            alignas(8) unsigned char storage[sizeof(Derived)];
            Base *placed = new (storage) Derived(out + 5, 9);
            out[5] = 0;
            out[6] = placed->value();
            placed->~Base();
            TBase<int> *t = new TDerived<int>(out + 7);
            out[7] = 0;
            delete t;
        }
        int main() {
            int *d; cudaMalloc(&d, 8 * sizeof(int));
            run<<<1, 1>>>(d);
            int h[8]; cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            for (int i = 0; i < 8; i++) printf("%d ", h[i]);
            printf("\n");
            return 0;
        }
        """;

    private const string Exhaustion = """
        #include <cstdio>
        struct Big { double v[4]; __device__ Big() { v[0] = 1; } };
        __device__ void *kept;
        __global__ void exhaust(int *out, size_t huge) {
            Big *b = new Big[huge];
            kept = b;
            out[0] = b == nullptr;
            int *small = new int(3);
            out[1] = small != nullptr ? *small : -1;
            delete small;
            delete[] b;
        }
        int main() {
            int *d; cudaMalloc(&d, 2 * sizeof(int));
            exhaust<<<1, 1>>>(d, (size_t)1 << 57);
            int h[2]; cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            printf("%d %d\n", h[0], h[1]);
            return 0;
        }
        """;

    [Fact]
    public void New_and_delete_construct_initialize_and_destroy_on_the_interpreter() => Assert.Equal(ShapesOutput, LiftAndRun(Shapes, "interp"));

    [RequiresFact(Need.Cpu)]
    public void New_and_delete_construct_initialize_and_destroy_on_cpu() => Assert.Equal(ShapesOutput, LiftAndRun(Shapes, "cpu"));

    [Fact]
    public void New_returns_nullptr_and_constructs_nothing_when_the_heap_cannot_hold_it_on_the_interpreter() =>
        Assert.Equal("1 3\n", LiftAndRun(Exhaustion, "interp"));

    private const string PolymorphicOutput = "21 7 1 1 49 21 9 43 \n";

    [Fact]
    public void Delete_through_a_base_with_a_virtual_destructor_destroys_the_whole_object_on_the_interpreter() =>
        Assert.Equal(PolymorphicOutput, LiftAndRun(Polymorphic, "interp"));

    [RequiresFact(Need.Cpu)]
    public void Delete_through_a_base_with_a_virtual_destructor_destroys_the_whole_object_on_cpu() =>
        Assert.Equal(PolymorphicOutput, LiftAndRun(Polymorphic, "cpu"));

    [RequiresFact(Need.Cpu)]
    public void New_returns_nullptr_and_constructs_nothing_when_the_heap_cannot_hold_it_on_cpu() =>
        Assert.Equal("1 3\n", LiftAndRun(Exhaustion, "cpu"));

    [Fact]
    public void On_opencl_device_new_is_TR0504_as_malloc_is()
    {
        var result = Lift(Shapes);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var e = Assert.Throws<DiagnosticException>(() => OpenClEmitter.Emit(result.Checked!));
        Assert.All(e.Diagnostics, d => Assert.Equal(Codes.OpenClUnsupported, d.Code));
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("'malloc'"));
    }

    [Theory]
    [InlineData("struct P { __device__ virtual int get() { return 1; } }; struct Q { int q; }; struct R : Q, P { int r; };", "R *x = new R; delete x;", "not its first base")]
    [InlineData("struct A { int n; __device__ static void *operator new(size_t); };", "A *a = new A; out[0] = a->n;", "its own operator new")]
    [InlineData("struct D { int n; __device__ ~D() { n = -1; } }; struct H { D d; };", "H *h = new H; delete h;", "destructors of its members")]
    [InlineData("struct D { int n; __device__ ~D() { n = -1; } }; __device__ int take(D d) { return d.n; }", "out[0] = take(D{1});", "destroyed at the end of its full-expression")]
    [InlineData("struct D { int n; __device__ ~D() { n = -1; } };", "switch (out[0]) { case 0: D d{1}; out[1] = d.n; }", "declared directly in a switch body")]
    public void What_is_not_translated_is_refused_with_its_reason(string declarations, string body, string reason)
    {
        var result = Lift($$"""
            {{declarations}}
            __global__ void k(int *out) { {{body}} }
            """);
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code.Id is "TR0404" or "TR0405" or "TR0406" && d.Message.Contains(reason));
    }
}
