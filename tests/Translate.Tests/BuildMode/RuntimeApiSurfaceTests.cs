using System.Diagnostics;
using System.Text.RegularExpressions;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// The runtime API our headers declare is the API the runtime library exports: every C entry point
/// links, the ones implemented keep CUDA's semantics, and the rest say so (TR0620,
/// cudaErrorNotSupported) instead of failing to link or doing nothing silently.
/// </summary>
public partial class RuntimeApiSurfaceTests
{
    [GeneratedRegex(@"^(?:cudaError_t|const char \*|struct cudaChannelFormatDesc|unsigned)\s+\*?((?:cuda|__cuda)\w+)\(", RegexOptions.Multiline)]
    private static partial Regex CEntryPoint();

    private static IReadOnlySet<string> DeclaredEntryPoints()
    {
        string include = Path.Combine(AppContext.BaseDirectory, "cuda-include");
        return Directory.EnumerateFiles(include, "*.h", SearchOption.AllDirectories)
            .SelectMany(f => CEntryPoint().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
    }

    private static string RuntimeLibrary()
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "build-runtime.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        string path = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return path;
    }

    [RequiresFact(Need.BuildMode)]
    public void Every_entry_point_the_headers_declare_is_exported_by_the_runtime_library()
    {
        var declared = DeclaredEntryPoints();
        Assert.True(declared.Count > 150, $"only {declared.Count} entry points found in the headers");
        var nm = new ProcessStartInfo("llvm-nm-19") { RedirectStandardOutput = true, ArgumentList = { "-D", "--defined-only", RuntimeLibrary() } };
        using var p = Process.Start(nm)!;
        var exported = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ').Last().Split('@')[0]).ToHashSet();
        p.WaitForExit();
        Assert.Empty(declared.Where(d => !exported.Contains(d)).Order());
    }

    private const string Program = """
        #include <cstdio>
        #include <cstdlib>
        #include <cstring>
        #include <cuda_runtime.h>

        __global__ void twice(int *p, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] *= 2; }

        static int order = 0, seenCallback = -1, seenHostFunc = -1;
        static void CUDART_CB onStream(cudaStream_t, cudaError_t status, void *data) { seenCallback = order++ * 10 + (int)status + *(int *)data; }
        static void CUDART_CB hostFunc(void *data) { seenHostFunc = order++ * 10 + *(int *)data; }
        static void onNotification(cudaAsyncNotificationInfo_t *, void *, cudaAsyncCallbackHandle_t) { printf("notified\n"); }

        int main()
        {
            // Mapped host memory: registered, its device pointer handed to a kernel.
            int *host = (int *)malloc(256 * sizeof(int));
            for (int i = 0; i < 256; i++) host[i] = i;
            printf("register %d\n", (int)cudaHostRegister(host, 256 * sizeof(int), cudaHostRegisterMapped));
            printf("again %d\n", (int)cudaHostRegister(host, 256 * sizeof(int), cudaHostRegisterMapped));
            cudaGetLastError();
            int *mapped = nullptr;
            printf("device pointer %d\n", (int)cudaHostGetDevicePointer((void **)&mapped, host, 0));
            twice<<<2, 128>>>(mapped, 256);
            cudaDeviceSynchronize();
            printf("mapped %d %d\n", host[3], host[255]);
            cudaPointerAttributes attr;
            cudaPointerGetAttributes(&attr, host);
            printf("attributes %d\n", (int)attr.type);
            int *managed = nullptr;
            cudaMallocManaged(&managed, 64);
            cudaPointerGetAttributes(&attr, managed + 3);
            printf("managed %d %d\n", (int)attr.type, attr.hostPointer == managed + 3);
            cudaFree(managed);
            printf("unregister %d %d\n", (int)cudaHostUnregister(host), (int)cudaHostUnregister(host));
            cudaGetLastError();

            // Stream callbacks run in stream order.
            cudaStream_t s;
            cudaStreamCreateWithPriority(&s, cudaStreamNonBlocking, 0);
            unsigned flags = 9;
            cudaStreamGetFlags(s, &flags);
            int one = 1, two = 2;
            cudaStreamAddCallback(s, onStream, &one, 0);
            cudaLaunchHostFunc(s, hostFunc, &two);
            cudaStreamSynchronize(s);
            printf("stream flags %u callback %d host func %d\n", flags, seenCallback, seenHostFunc);

            // 3-D: a pitched volume through a CUDA array and back.
            cudaExtent extent = make_cudaExtent(5 * sizeof(float), 3, 2);
            cudaPitchedPtr volume;
            cudaMalloc3D(&volume, extent);
            float in[30], out[30];
            for (int i = 0; i < 30; i++) in[i] = (float)i;
            cudaMemcpy3DParms up = {0};
            up.srcPtr = make_cudaPitchedPtr(in, 5 * sizeof(float), 5, 3);
            up.dstPtr = volume;
            up.extent = extent;
            up.kind = cudaMemcpyHostToDevice;
            printf("up %d pitch %zu\n", (int)cudaMemcpy3D(&up), volume.pitch);
            cudaChannelFormatDesc desc = cudaCreateChannelDesc<float>();
            cudaArray_t array;
            printf("array %d bits %d\n", (int)cudaMalloc3DArray(&array, &desc, make_cudaExtent(5, 3, 2)), desc.x);
            cudaMemcpy3DParms toArray = {0};
            toArray.srcPtr = volume;
            toArray.dstArray = array;
            toArray.extent = make_cudaExtent(5, 3, 2);
            toArray.kind = cudaMemcpyDeviceToDevice;
            cudaMemcpy3DParms down = {0};
            down.srcArray = array;
            down.dstPtr = make_cudaPitchedPtr(out, 5 * sizeof(float), 5, 3);
            down.extent = make_cudaExtent(5, 3, 2);
            down.kind = cudaMemcpyDeviceToHost;
            printf("to array %d down %d same %d\n", (int)cudaMemcpy3D(&toArray), (int)cudaMemcpy3D(&down), memcmp(in, out, sizeof in) == 0);
            cudaFreeArray(array);

            // One device: a peer copy between device 0 and itself works, another ordinal does not.
            int *a, *b;
            cudaMalloc(&a, 16); cudaMalloc(&b, 16);
            printf("peer %d %d\n", (int)cudaMemcpyPeer(b, 0, a, 0, 16), (int)cudaMemcpyPeer(b, 1, a, 0, 16));
            cudaGetLastError();

            // The occupancy calculator picks a whole number of warps within the limits.
            int grid = 0, block = 0;
            cudaOccupancyMaxPotentialBlockSize(&grid, &block, twice, 0, 0);
            printf("occupancy %d %d\n", block > 0 && block % 32 == 0 && block <= 1024, grid > 0);

            // Async notifications: registered and unregistered once; the devices have no memory budget to go over.
            cudaAsyncCallbackHandle_t handle = nullptr;
            int registered = (int)cudaDeviceRegisterAsyncNotification(0, onNotification, &one, &handle);
            int wrongDevice = (int)cudaDeviceRegisterAsyncNotification(7, onNotification, &one, &handle);
            cudaGetLastError();
            int first = (int)cudaDeviceUnregisterAsyncNotification(0, handle), second = (int)cudaDeviceUnregisterAsyncNotification(0, handle);
            cudaGetLastError();
            printf("notifications %d %d %d %d %d\n", registered, handle != nullptr, wrongDevice, first, second);

            // Not implemented yet: says so, returns cudaErrorNotSupported.
            cudaMipmappedArray_t mipmapped;
            int made = (int)cudaMallocMipmappedArray(&mipmapped, &desc, make_cudaExtent(8, 8, 0), 2);
            printf("mipmapped %d last %d\n", made, (int)cudaGetLastError());
            return 0;
        }
        """;

    [RequiresFact(Need.BuildMode)]
    public void Mapped_memory_callbacks_3d_copies_peers_and_occupancy_keep_cuda_semantics()
    {
        using var dir = new CliRunner();
        string source = dir.Write("surface.cu", Program);
        string exe = Path.Combine(dir.Directory, "surface");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Executable.Run(exe, dir.Directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            register 0
            again 712
            device pointer 0
            mapped 6 510
            attributes 1
            managed 3 1
            unregister 0 713
            stream flags 1 callback 1 host func 12
            up 0 pitch 512
            array 0 bits 32
            to array 0 down 0 same 1
            peer 0 101
            occupancy 1 1
            notifications 0 1 101 0 1
            mipmapped 801 last 801

            """, run.Stdout.ReplaceLineEndings("\n"));
        Assert.Single(Regex.Matches(run.Stderr, "TR0620"));
        Assert.Contains("cudaMallocMipmappedArray", run.Stderr);
    }
}
