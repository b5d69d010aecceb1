using System.Runtime.InteropServices;
using Translate.Runtime.Native;
using Translate.Runtime.Native.Driver;
using Translate.Runtime.Native.Exports;
using Translate.Runtime.Native.Graphs;
using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// The structs the runtime library fills or reads (cudaDeviceProp, cudaFuncAttributes, the texture
/// descriptors, the graph and memory-pool parameter structs, the texture record device code reads, and the driver API's
/// array, copy and texture descriptors) have, field for field,
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
        ("CUDA_ARRAY_DESCRIPTOR_st", "NumChannels", typeof(ArrayDescriptor), nameof(ArrayDescriptor.NumChannels)),
        ("CUDA_ARRAY3D_DESCRIPTOR_st", "Format", typeof(Array3DDescriptor), nameof(Array3DDescriptor.Format)),
        ("CUDA_ARRAY3D_DESCRIPTOR_st", "Flags", typeof(Array3DDescriptor), nameof(Array3DDescriptor.Flags)),
        ("CUDA_MEMCPY2D_st", "srcHost", typeof(DriverMemcpy2D), nameof(DriverMemcpy2D.SrcHost)),
        ("CUDA_MEMCPY2D_st", "dstArray", typeof(DriverMemcpy2D), nameof(DriverMemcpy2D.DstArray)),
        ("CUDA_MEMCPY2D_st", "Height", typeof(DriverMemcpy2D), nameof(DriverMemcpy2D.Height)),
        ("CUDA_MEMCPY3D_st", "srcMemoryType", typeof(DriverMemcpy3D), nameof(DriverMemcpy3D.SrcMemoryType)),
        ("CUDA_MEMCPY3D_st", "srcHeight", typeof(DriverMemcpy3D), nameof(DriverMemcpy3D.SrcHeight)),
        ("CUDA_MEMCPY3D_st", "dstLOD", typeof(DriverMemcpy3D), nameof(DriverMemcpy3D.DstLod)),
        ("CUDA_MEMCPY3D_st", "reserved1", typeof(DriverMemcpy3D), nameof(DriverMemcpy3D.Reserved1)),
        ("CUDA_MEMCPY3D_st", "Depth", typeof(DriverMemcpy3D), nameof(DriverMemcpy3D.Depth)),
        ("CUDA_RESOURCE_DESC_st", "res.array.hArray", typeof(DriverResourceDesc), nameof(DriverResourceDesc.Handle)),
        ("CUDA_RESOURCE_DESC_st", "res.linear.devPtr", typeof(DriverResourceDesc), nameof(DriverResourceDesc.Handle)),
        ("CUDA_RESOURCE_DESC_st", "res.linear.format", typeof(DriverResourceDesc), nameof(DriverResourceDesc.Format)),
        ("CUDA_RESOURCE_DESC_st", "res.pitch2D.numChannels", typeof(DriverResourceDesc), nameof(DriverResourceDesc.NumChannels)),
        ("CUDA_RESOURCE_DESC_st", "res.linear.sizeInBytes", typeof(DriverResourceDesc), nameof(DriverResourceDesc.SizeOrWidth)),
        ("CUDA_RESOURCE_DESC_st", "res.pitch2D.width", typeof(DriverResourceDesc), nameof(DriverResourceDesc.SizeOrWidth)),
        ("CUDA_RESOURCE_DESC_st", "res.pitch2D.height", typeof(DriverResourceDesc), nameof(DriverResourceDesc.Height)),
        ("CUDA_RESOURCE_DESC_st", "res.pitch2D.pitchInBytes", typeof(DriverResourceDesc), nameof(DriverResourceDesc.PitchInBytes)),
        ("CUDA_RESOURCE_DESC_st", "flags", typeof(DriverResourceDesc), nameof(DriverResourceDesc.Flags)),
        ("CUDA_TEXTURE_DESC_st", "flags", typeof(DriverTextureDesc), nameof(DriverTextureDesc.Flags)),
        ("CUDA_TEXTURE_DESC_st", "mipmapFilterMode", typeof(DriverTextureDesc), nameof(DriverTextureDesc.MipmapFilterMode)),
        ("CUDA_TEXTURE_DESC_st", "borderColor", typeof(DriverTextureDesc), nameof(DriverTextureDesc.BorderColor)),
        ("CUDA_RESOURCE_VIEW_DESC_st", "reserved", typeof(DriverResourceViewDesc), nameof(DriverResourceViewDesc.Reserved)),
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
        ("CUDA_ARRAY_DESCRIPTOR_st", typeof(ArrayDescriptor)), ("CUDA_ARRAY3D_DESCRIPTOR_st", typeof(Array3DDescriptor)),
        ("CUDA_MEMCPY2D_st", typeof(DriverMemcpy2D)), ("CUDA_MEMCPY3D_st", typeof(DriverMemcpy3D)), ("CUDA_RESOURCE_DESC_st", typeof(DriverResourceDesc)),
        ("CUDA_TEXTURE_DESC_st", typeof(DriverTextureDesc)), ("CUDA_RESOURCE_VIEW_DESC_st", typeof(DriverResourceViewDesc)),
    ];

    [RequiresFact(Need.BuildMode)]
    public void The_runtime_structs_match_the_headers_field_for_field()
    {
        using var dir = new CliRunner();
        var lines = Fields.Select(f => $"  printf(\"%zu\\n\", offsetof(struct {f.CStruct}, {f.CField}));");
        var sizes = string.Join("\n", Sizes.Select(z => $"  printf(\"%zu\\n\", sizeof(struct {z.CStruct}));"));
        string source = dir.Write("layout.cpp", $"#include <cstdio>\n#include <cstddef>\n#include <cuda_runtime_api.h>\n#include <cuda.h>\n#include <texture_object_record.h>\nint main() {{\n{string.Join("\n", lines)}\n{sizes}\n}}\n");
        string exe = Path.Combine(dir.Directory, "layout");
        var build = CliRunner.Run("build", source, "-o", exe);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var printed = Executable.Run(exe, dir.Directory).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var expected = Fields.Select(f => (long)Marshal.OffsetOf(f.Mirror, f.Field))
            .Concat(Sizes.Select(z => (long)Marshal.SizeOf(z.Mirror))).ToList();
        Assert.Equal(expected, printed);
    }
}
