using Translate.DeviceContract;
using Translate.Frontend;
using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;
using Translate.Runtime.Devices;

namespace Translate.Tests.OpenCl;

/// <summary>
/// Whole CUDA programs on the <c>opencl</c> device: host code in the interpreter, launches through the
/// interpreter's <see cref="IKernelDispatcher"/> hook onto OpenCL buffers. Each program's output is
/// compared with the interpreter's.
/// </summary>
public sealed class WholeProgramTests
{
    private const string Overflow = """
        #include <cstdio>
        __global__ void wrap(int* out, int x, long long y) {
            out[0] = x + 1 > x;          // false when x is INT_MAX: the IR's add wraps
            out[1] = x * 2;
            out[2] = (int)((y + 1) < y);
        }
        int main() {
            int* d; int h[3];
            cudaMalloc(&d, sizeof h);
            wrap<<<1, 1>>>(d, 2147483647, 9223372036854775807LL);
            cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            printf("%d %d %d\n", h[0], h[1], h[2]);
            cudaFree(d);
            return 0;
        }
        """;

    private const string Symbols = """
        #include <cstdio>
        __constant__ float scale[4];
        __device__ int counter;
        __global__ void apply(float* v, int n) {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) { v[i] = v[i] * scale[i % 4]; atomicAdd(&counter, 1); }
        }
        int main() {
            const int n = 100;
            float h[n]; for (int i = 0; i < n; ++i) h[i] = (float)i;
            float s[4] = {1.0f, 2.0f, 0.5f, -1.0f};
            int zero = 0, count = 0;
            cudaMemcpyToSymbol(scale, s, sizeof s);
            cudaMemcpyToSymbol(counter, &zero, sizeof zero);
            float* d; cudaMalloc(&d, n * sizeof(float));
            cudaMemcpy(d, h, n * sizeof(float), cudaMemcpyHostToDevice);
            apply<<<4, 32>>>(d, n);
            apply<<<4, 32>>>(d + 0, n);
            cudaMemset(d, 0, 4 * sizeof(float));
            cudaMemcpy(h, d, n * sizeof(float), cudaMemcpyDeviceToHost);
            cudaMemcpyFromSymbol(&count, counter, sizeof count);
            printf("%g %g %g %g %d\n", h[3], h[5], h[6], h[99], count);
            cudaFree(d);
            return 0;
        }
        """;

    private const string BuiltinNames = """
        #include <cstdio>
        __global__ void max(int* p) { p[threadIdx.x] = threadIdx.x; }
        __global__ void rotate(int* p) { p[threadIdx.x] += 100; }
        int main() {
            int* d; int h[4];
            cudaMalloc(&d, sizeof h);
            max<<<1, 4>>>(d);
            rotate<<<1, 4>>>(d);
            cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
            printf("%d %d %d %d\n", h[0], h[1], h[2], h[3]);
            return 0;
        }
        """;

    [RequiresFact(Need.OpenCl)]
    public void Kernels_named_like_OpenCL_builtins_are_renamed_in_the_source_and_still_launch_by_their_CUDA_name()
    {
        // max is a keyword-like built-in the emitter always avoided; rotate is an overloadable built-in, which a
        // kernel of that name silently overloaded (clCreateKernel then failed: an internal error, exit 70).
        var output = SameOnBoth(BuiltinNames);
        Assert.Equal("100 101 102 103\n", output);
    }

    [RequiresFact(Need.OpenCl)]
    public void Signed_overflow_wraps_on_opencl_as_on_the_interpreter()
    {
        var output = SameOnBoth(Overflow);
        Assert.Equal("0 -2 1\n", output);
    }

    [RequiresFact(Need.OpenCl)]
    public void Symbol_copies_memset_and_device_globals_reach_the_kernels()
    {
        var output = SameOnBoth(Symbols);
        Assert.Equal("0 20 1.5 99 200\n", output);
    }

    [RequiresFact(Need.OpenCl)]
    public void A_launch_goes_through_the_dispatcher_with_its_configuration_and_arguments()
    {
        var recorder = new RecordingDispatcher();
        var stdout = new StringWriter();
        IrInterpreter.Run(Lift(Overflow), [], stdout, TextWriter.Null, dispatcher: recorder);
        var launch = Assert.Single(recorder.Launches);
        Assert.Equal("wrap", launch.Kernel.Name);
        Assert.Equal([1, 1, 1], launch.Grid);
        Assert.Equal(int.MaxValue, launch.Arguments[1]);
        Assert.Equal(long.MaxValue, launch.Arguments[2]);
        Assert.Equal(0, recorder.OffsetOfFirstArgument);
        Assert.Equal(12, recorder.DeviceBytes);
        // The dispatcher ran nothing, so the device memory read back is cudaMalloc's zeros.
        Assert.Equal("0 0 0\n", stdout.ToString());
    }

    [Fact]
    public void Opencl_names_with_a_selector_find_the_opencl_family()
    {
        Assert.Equal("opencl:pocl", DeviceRegistry.Find("opencl:pocl")?.Name);
        Assert.Equal("opencl:0", DeviceRegistry.Find("OpenCL:0")?.Name);
        Assert.Null(DeviceRegistry.Find("interp:1"));
        Assert.Null(DeviceRegistry.Find("nosuch:1"));
    }

    [RequiresFact(Need.OpenCl)]
    public void A_selector_that_matches_no_OpenCL_device_makes_the_device_unavailable_with_the_reason()
    {
        Assert.Contains("no OpenCL device matches", DeviceRegistry.Find("opencl:nosuchvendor")!.UnavailableReason);
        Assert.Null(DeviceRegistry.Find("opencl:pocl")!.UnavailableReason);
    }

    [RequiresFact(Need.OpenCl)]
    public void A_pointer_into_the_middle_of_an_allocation_reaches_the_kernel_at_its_offset()
    {
        const string source = """
            #include <cstdio>
            __global__ void inc(int* p, int n) { int i = threadIdx.x; if (i < n) p[i] += i + 1; }
            int main() {
                int h[8] = {0, 0, 0, 0, 0, 0, 0, 0}; int* d;
                cudaMalloc(&d, sizeof h);
                cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
                inc<<<1, 8>>>(d + 3, 5);
                inc<<<1, 8>>>(d, 2);
                cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
                for (int i = 0; i < 8; ++i) printf("%d ", h[i]);
                printf("\n");
                return 0;
            }
            """;
        Assert.Equal("1 2 0 1 2 3 4 5 \n", SameOnBoth(source));
    }

    [RequiresFact(Need.OpenCl)]
    public void Two_arguments_into_one_allocation_at_an_unaligned_offset_see_each_others_writes()
    {
        // An OpenCL sub-buffer must start at the base-address alignment (128 bytes on PoCL): the runtime's kernels take
        // each pointer as its allocation's buffer and an offset, so a and b, 4 bytes apart, alias as in CUDA.
        const string source = """
            #include <cstdio>
            __global__ void add(int* a, const int* b) { if (threadIdx.x == 0) for (int i = 0; i < 4; i++) a[i] += b[i]; }
            int main() {
              int h[5] = {1, 1, 1, 1, 1}, *d;
              cudaMalloc(&d, sizeof h);
              cudaMemcpy(d, h, sizeof h, cudaMemcpyHostToDevice);
              add<<<1, 4>>>(d + 1, d);
              cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
              printf("%d %d %d %d %d\n", h[0], h[1], h[2], h[3], h[4]);
              return 0;
            }
            """;
        Assert.Equal("1 2 3 4 5\n", SameOnBoth(source));
    }

    [RequiresFact(Need.OpenCl)]
    public void A_null_pointer_argument_arrives_as_a_null_pointer()
    {
        // CUDA programs pass null for a buffer a kernel leaves alone or tests (NVIDIA quasirandomGenerator).
        const string source = """
            #include <cstdio>
            __global__ void k(int* p, int* out) { out[threadIdx.x] = p ? 1 : 2; if (p) p[threadIdx.x] = 5; }
            int main() {
              int *d, h[4];
              cudaMalloc(&d, sizeof h);
              k<<<1, 4>>>(0, d);
              cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
              printf("%d %d %d %d\n", h[0], h[1], h[2], h[3]);
              return 0;
            }
            """;
        Assert.Equal("2 2 2 2\n", SameOnBoth(source));
    }

    [Fact]
    public void Passes_run_again_name_their_variables_after_those_of_the_first_run()
    {
        // The OpenCL preparation if-converts, inlines functions holding collectives, then if-converts again; the
        // second run numbered its predicates from 1 again, so a name the first run had made was declared twice
        // (TR0203, then TR0204 where the other variable was read). Both grid-stride loops are run in step.
        const string source = """
            #include <cooperative_groups.h>
            namespace cg = cooperative_groups;
            __device__ int claimSlot(int *counter) {
              cg::coalesced_group active = cg::coalesced_threads();
              int base = 0;
              if (active.thread_rank() == 0) base = atomicAdd(counter, active.size());
              return active.shfl(base, 0) + active.thread_rank();
            }
            __global__ void keepPositive(int *dst, int *count, const int *src, int n) {
              for (int i = threadIdx.x + blockIdx.x * blockDim.x; i < n; i += gridDim.x * blockDim.x)
                if (src[i] > 0) dst[claimSlot(count)] = src[i];
            }
            __device__ int claimInBucket(int bucket, int *counters) {
              cg::coalesced_group active = cg::coalesced_threads();
              auto same = cg::labeled_partition(active, bucket);
              int base = 0;
              if (same.thread_rank() == 0) base = atomicAdd(&counters[bucket], same.size());
              return same.shfl(base, 0) + same.thread_rank();
            }
            __global__ void toBuckets(const int *src, int *slots, int *counters, int n, int buckets) {
              for (int i = threadIdx.x + blockIdx.x * blockDim.x; i < n; i += gridDim.x * blockDim.x)
                if (src[i] < buckets) slots[claimInBucket(src[i], counters)] = i;
            }
            int main() { return 0; }
            """;
        var text = Translate.Backends.OpenCl.OpenClEmitter.Emit(Lift(source));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(text, @"while \(__ifc\d+_\)"));
    }

    [RequiresFact(Need.OpenCl)]
    public void A_pointer_made_from_an_integer_is_refused_where_device_memory_is_the_interpreters()
    {
        // Interpreter addresses mean nothing to OpenCL: following one would read whatever lies there.
        const string source = """
            __global__ void k(int* out, unsigned long long address) { *out = *(int*)address; }
            int main() { int* d; cudaMalloc(&d, 8); k<<<1, 1>>>(d, (unsigned long long)(d + 1)); cudaDeviceSynchronize(); return 0; }
            """;
        var e = Assert.Throws<DiagnosticException>(() => DeviceRegistry.Find("opencl")!.Run(Lift(source), new RunOptions([], TextWriter.Null, TextWriter.Null)));
        Assert.Contains(e.Diagnostics, d => d.Code == Codes.OpenClPointerFromInteger && d.Location.Line == 1);
    }

    [RequiresFact(Need.OpenCl)]
    public void A_block_whose_private_arrays_overflow_the_cpu_devices_stack_is_refused_not_crashed()
    {
        // PoCL keeps a work-group's private arrays on one thread's stack: 32 KiB × 256 threads killed the process
        // (HeCBench fsm); 256 KiB × 256 threads is past any usual stack limit, 256 KiB × 4 within it.
        const string source = """
            __global__ void k(int* out) { int t[65536]; for (int i = 0; i < 65536; i++) t[i] = i; out[threadIdx.x] = t[threadIdx.x * 3]; }
            int main() { int* d; cudaMalloc(&d, 1024 * 4); k<<<1, 256>>>(d); cudaDeviceSynchronize(); return 0; }
            """;
        var device = DeviceRegistry.Find("opencl")!;
        var e = Assert.Throws<DiagnosticException>(() => device.Run(Lift(source), new RunOptions([], TextWriter.Null, TextWriter.Null)));
        Assert.Contains(e.Diagnostics, d => d.Code == Codes.OpenClPrivateMemory && d.Message.Contains("65536 KiB for a block of 256 threads"));
        // The same kernel with a block that fits runs.
        Assert.Equal(0, device.Run(Lift(source.Replace("<<<1, 256>>>", "<<<1, 4>>>")), new RunOptions([], TextWriter.Null, TextWriter.Null)));
    }

    private static string SameOnBoth(string source)
    {
        var program = Lift(source);
        var interp = new StringWriter();
        var opencl = new StringWriter();
        Assert.Equal(0, DeviceRegistry.Find("interp")!.Run(program, new RunOptions([], interp, TextWriter.Null)));
        Assert.Equal(0, DeviceRegistry.Find("opencl")!.Run(program, new RunOptions([], opencl, TextWriter.Null)));
        Assert.Equal(interp.ToString(), opencl.ToString());
        return opencl.ToString();
    }

    private static CheckedModule Lift(string source)
    {
        var path = Path.Combine(Path.GetTempPath(), $"translate-opencl-{Guid.NewGuid():N}.cu");
        File.WriteAllText(path, source);
        try
        {
            var result = CudaFrontend.Translate(path, new FrontendOptions());
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return result.Checked!;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Records launches without running them, and what the memory view shows of the first pointer argument.</summary>
    private sealed class RecordingDispatcher : IKernelDispatcher
    {
        public List<KernelLaunch> Launches { get; } = [];
        public long OffsetOfFirstArgument { get; private set; } = -1;
        public int DeviceBytes { get; private set; }

        public int Launch(KernelLaunch launch, IDeviceMemory memory)
        {
            Launches.Add(launch);
            var at = memory.Resolve(launch.Arguments[0]) ?? throw new InvalidOperationException("pointer did not resolve");
            OffsetOfFirstArgument = at.Offset;
            DeviceBytes = memory.DeviceAllocations.Single(a => a.Id == at.Id).Bytes.Length;
            return 0;
        }
    }
}
