using System.Runtime.InteropServices;
using Translate.Runtime.Native;
using Translate.Runtime.Native.Exports;
using Translate.Runtime.Native.Graphs;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// The structs the runtime library fills or reads (cudaDeviceProp, cudaFuncAttributes, the texture
/// descriptors, the graph and memory-pool parameter structs, and the texture record device code reads) have, field for field,
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
        ("cudaResourceDesc", "res.array.array", typeof(ResourceDesc), nameof(ResourceDesc.Pointer)),
        ("cudaResourceDesc", "res.linear.devPtr", typeof(ResourceDesc), nameof(ResourceDesc.Pointer)),
        ("cudaResourceDesc", "res.pitch2D.desc", typeof(ResourceDesc), nameof(ResourceDesc.Desc)),
        ("cudaResourceDesc", "res.linear.sizeInBytes", typeof(ResourceDesc), nameof(ResourceDesc.SizeOrWidth)),
        ("cudaResourceDesc", "res.pitch2D.width", typeof(ResourceDesc), nameof(ResourceDesc.SizeOrWidth)),
        ("cudaResourceDesc", "res.pitch2D.height", typeof(ResourceDesc), nameof(ResourceDesc.Height)),
        ("cudaResourceDesc", "res.pitch2D.pitchInBytes", typeof(ResourceDesc), nameof(ResourceDesc.PitchInBytes)),
        ("cudaTextureDesc", "filterMode", typeof(TextureDesc), nameof(TextureDesc.FilterMode)),
        ("cudaTextureDesc", "borderColor", typeof(TextureDesc), nameof(TextureDesc.BorderColor)),
        ("cudaTextureDesc", "normalizedCoords", typeof(TextureDesc), nameof(TextureDesc.NormalizedCoords)),
        ("cudaTextureDesc", "seamlessCubemap", typeof(TextureDesc), nameof(TextureDesc.SeamlessCubemap)),
        ("cudaResourceViewDesc", "width", typeof(ResourceViewDesc), nameof(ResourceViewDesc.Width)),
        ("cudaResourceViewDesc", "lastLayer", typeof(ResourceViewDesc), nameof(ResourceViewDesc.LastLayer)),
        ("__tr_resource", "slice", typeof(TextureRecord), nameof(TextureRecord.Slice)),
        ("__tr_resource", "layers", typeof(TextureRecord), nameof(TextureRecord.Layers)),
        ("__tr_resource", "elementBytes", typeof(TextureRecord), nameof(TextureRecord.ElementBytes)),
        ("__tr_resource", "normalizedCoords", typeof(TextureRecord), nameof(TextureRecord.NormalizedCoords)),
        ("__tr_resource", "addressMode", typeof(TextureRecord), nameof(TextureRecord.AddressMode)),
        ("__tr_resource", "borderColor", typeof(TextureRecord), nameof(TextureRecord.BorderColor)),
        ("cudaKernelNodeParams", "blockDim", typeof(KernelNodeParameters), nameof(KernelNodeParameters.BlockDim)),
        ("cudaKernelNodeParams", "sharedMemBytes", typeof(KernelNodeParameters), nameof(KernelNodeParameters.SharedMemBytes)),
        ("cudaKernelNodeParams", "kernelParams", typeof(KernelNodeParameters), nameof(KernelNodeParameters.KernelParams)),
        ("cudaKernelNodeParams", "extra", typeof(KernelNodeParameters), nameof(KernelNodeParameters.Extra)),
        ("cudaMemsetParams", "value", typeof(MemsetParameters), nameof(MemsetParameters.Value)),
        ("cudaMemsetParams", "elementSize", typeof(MemsetParameters), nameof(MemsetParameters.ElementSize)),
        ("cudaMemsetParams", "height", typeof(MemsetParameters), nameof(MemsetParameters.Height)),
        ("cudaHostNodeParams", "userData", typeof(HostNodeParameters), nameof(HostNodeParameters.UserData)),
        ("cudaMemPoolProps", "location", typeof(MemPoolProperties), nameof(MemPoolProperties.Location)),
        ("cudaMemPoolProps", "maxSize", typeof(MemPoolProperties), nameof(MemPoolProperties.MaxSize)),
        ("cudaMemPoolProps", "usage", typeof(MemPoolProperties), nameof(MemPoolProperties.Usage)),
        ("cudaMemAccessDesc", "flags", typeof(MemAccessDescription), nameof(MemAccessDescription.Flags)),
        ("cudaMemAllocNodeParams", "accessDescs", typeof(MemAllocNodeParameters), nameof(MemAllocNodeParameters.AccessDescs)),
        ("cudaMemAllocNodeParams", "bytesize", typeof(MemAllocNodeParameters), nameof(MemAllocNodeParameters.Bytesize)),
        ("cudaMemAllocNodeParams", "dptr", typeof(MemAllocNodeParameters), nameof(MemAllocNodeParameters.Dptr)),
        ("cudaGraphExecUpdateResultInfo_st", "errorNode", typeof(GraphExecUpdateResultInfo), nameof(GraphExecUpdateResultInfo.ErrorNode)),
        ("cudaGraphExecUpdateResultInfo_st", "errorFromNode", typeof(GraphExecUpdateResultInfo), nameof(GraphExecUpdateResultInfo.ErrorFromNode)),
        ("cudaGraphInstantiateParams_st", "errNode_out", typeof(InstantiateParameters), nameof(InstantiateParameters.ErrNodeOut)),
        ("cudaGraphInstantiateParams_st", "result_out", typeof(InstantiateParameters), nameof(InstantiateParameters.ResultOut)),
        ("cudaGraphNodeParams", "kernel", typeof(GraphNodeParameters), nameof(GraphNodeParameters.Union)),
        ("cudaGraphNodeParams", "conditional", typeof(GraphNodeParameters), nameof(GraphNodeParameters.Union)),
        ("cudaConditionalNodeParams", "type", typeof(ConditionalNodeParameters), nameof(ConditionalNodeParameters.Type)),
        ("cudaConditionalNodeParams", "size", typeof(ConditionalNodeParameters), nameof(ConditionalNodeParameters.Size)),
        ("cudaConditionalNodeParams", "phGraph_out", typeof(ConditionalNodeParameters), nameof(ConditionalNodeParameters.GraphsOut)),
    ];

    private static readonly (string CStruct, Type Mirror)[] Sizes =
    [
        ("cudaDeviceProp", typeof(DeviceProperties)), ("cudaFuncAttributes", typeof(FunctionAttributes)), ("cudaResourceDesc", typeof(ResourceDesc)),
        ("cudaTextureDesc", typeof(TextureDesc)), ("cudaResourceViewDesc", typeof(ResourceViewDesc)), ("__tr_resource", typeof(TextureRecord)),
        ("cudaKernelNodeParams", typeof(KernelNodeParameters)), ("cudaMemsetParams", typeof(MemsetParameters)), ("cudaHostNodeParams", typeof(HostNodeParameters)),
        ("cudaMemPoolProps", typeof(MemPoolProperties)), ("cudaMemAccessDesc", typeof(MemAccessDescription)), ("cudaMemAllocNodeParams", typeof(MemAllocNodeParameters)),
        ("cudaGraphExecUpdateResultInfo_st", typeof(GraphExecUpdateResultInfo)), ("cudaGraphInstantiateParams_st", typeof(InstantiateParameters)),
        ("cudaGraphNodeParams", typeof(GraphNodeParameters)), ("cudaConditionalNodeParams", typeof(ConditionalNodeParameters)),
        ("cudaKernelNodeParamsV2", typeof(KernelNodeParameters)), ("cudaMemsetParamsV2", typeof(MemsetParameters)), ("cudaHostNodeParamsV2", typeof(HostNodeParameters)),
        ("cudaMemAllocNodeParamsV2", typeof(MemAllocNodeParameters)),
    ];

    [RequiresFact(Need.BuildMode)]
    public void The_runtime_structs_match_the_headers_field_for_field()
    {
        using var dir = new CliRunner();
        var lines = Fields.Select(f => $"  printf(\"%zu\\n\", offsetof(struct {f.CStruct}, {f.CField}));");
        var sizes = string.Join("\n", Sizes.Select(z => $"  printf(\"%zu\\n\", sizeof(struct {z.CStruct}));"));
        string source = dir.Write("layout.cpp", $"#include <cstdio>\n#include <cstddef>\n#include <cuda_runtime_api.h>\n#include <texture_object_record.h>\nint main() {{\n{string.Join("\n", lines)}\n{sizes}\n}}\n");
        string exe = Path.Combine(dir.Directory, "layout");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var printed = Executable.Run(exe, dir.Directory).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var expected = Fields.Select(f => (long)Marshal.OffsetOf(f.Mirror, f.Field))
            .Concat(Sizes.Select(z => (long)Marshal.SizeOf(z.Mirror))).ToList();
        Assert.Equal(expected, printed);
    }
}
