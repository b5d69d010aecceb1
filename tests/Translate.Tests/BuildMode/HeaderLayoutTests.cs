using System.Runtime.InteropServices;
using Translate.Runtime.Native;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// The structs the runtime library fills (cudaDeviceProp, cudaFuncAttributes) have, field for field,
/// the offsets clang computes for our headers — a mismatch would hand programs garbage silently.
/// </summary>
public class HeaderLayoutTests
{
    private static readonly (string CStruct, string CField, Type Mirror, string Field)[] Fields =
    [
        ("cudaDeviceProp", "totalGlobalMem", typeof(DeviceProperties), nameof(DeviceProperties.TotalGlobalMem)),
        ("cudaDeviceProp", "warpSize", typeof(DeviceProperties), nameof(DeviceProperties.WarpSize)),
        ("cudaDeviceProp", "maxThreadsPerBlock", typeof(DeviceProperties), nameof(DeviceProperties.MaxThreadsPerBlock)),
        ("cudaDeviceProp", "clockRate", typeof(DeviceProperties), nameof(DeviceProperties.ClockRate)),
        ("cudaDeviceProp", "major", typeof(DeviceProperties), nameof(DeviceProperties.Major)),
        ("cudaDeviceProp", "multiProcessorCount", typeof(DeviceProperties), nameof(DeviceProperties.MultiProcessorCount)),
        ("cudaDeviceProp", "maxThreadsPerMultiProcessor", typeof(DeviceProperties), nameof(DeviceProperties.MaxThreadsPerMultiProcessor)),
        ("cudaDeviceProp", "sharedMemPerMultiprocessor", typeof(DeviceProperties), nameof(DeviceProperties.SharedMemPerMultiprocessor)),
        ("cudaDeviceProp", "maxBlocksPerMultiProcessor", typeof(DeviceProperties), nameof(DeviceProperties.MaxBlocksPerMultiProcessor)),
        ("cudaDeviceProp", "computeMode", typeof(DeviceProperties), nameof(DeviceProperties.ComputeMode)),
        ("cudaDeviceProp", "pciDomainID", typeof(DeviceProperties), nameof(DeviceProperties.PciDomainId)),
        ("cudaDeviceProp", "sharedMemPerBlockOptin", typeof(DeviceProperties), nameof(DeviceProperties.SharedMemPerBlockOptin)),
        ("cudaDeviceProp", "unifiedFunctionPointers", typeof(DeviceProperties), nameof(DeviceProperties.UnifiedFunctionPointers)),
        ("cudaFuncAttributes", "maxThreadsPerBlock", typeof(FunctionAttributes), nameof(FunctionAttributes.MaxThreadsPerBlock)),
        ("cudaFuncAttributes", "preferredShmemCarveout", typeof(FunctionAttributes), nameof(FunctionAttributes.PreferredShmemCarveout)),
    ];

    [BuildModeFact]
    public void The_runtime_structs_match_the_headers_field_for_field()
    {
        using var dir = new CliRunner();
        var lines = Fields.Select(f => $"  printf(\"%zu\\n\", offsetof(struct {f.CStruct}, {f.CField}));");
        var sizes = "  printf(\"%zu\\n%zu\\n\", sizeof(struct cudaDeviceProp), sizeof(struct cudaFuncAttributes));";
        string source = dir.Write("layout.cpp", $"#include <cstdio>\n#include <cstddef>\n#include <cuda_runtime_api.h>\nint main() {{\n{string.Join("\n", lines)}\n{sizes}\n}}\n");
        string exe = Path.Combine(dir.Directory, "layout");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var printed = Executable.Run(exe, dir.Directory).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var expected = Fields.Select(f => (long)Marshal.OffsetOf(f.Mirror, f.Field))
            .Concat([Marshal.SizeOf<DeviceProperties>(), Marshal.SizeOf<FunctionAttributes>()]).ToList();
        Assert.Equal(expected, printed);
    }
}
