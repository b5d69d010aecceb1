using Translate.DeviceContract;
using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;
using Translate.Runtime.Gpu;
using Translate.Runtime.Hip;

namespace Translate.Tests.Gpu.Hip;

/// <summary>
/// What the hip device hands hipModuleLaunchKernel, checked without a GPU: each sample runs in the
/// interpreter with a dispatcher that packs every launch's arguments (against made-up device
/// addresses) and compares them with the explicit arguments our code object's metadata declares for
/// that kernel — HIP copies each <c>kernelParams</c> entry into the kernarg segment at the declared
/// offset and size, so a size mismatch would shift every later argument. Kernels are not executed.
/// </summary>
public class HipArgumentTests : GpuTestBase
{
    private const ulong Base = 0x7000_0000_0000;
    private static ulong DeviceAddress(int id) => Base + ((ulong)id << 32);

    private sealed class PackingChecker(CheckedModule program, Dictionary<string, List<KernelArgumentNote>> declared) : IKernelDispatcher
    {
        public int Launches { get; private set; }

        public int Launch(KernelLaunch launch, IDeviceMemory memory)
        {
            var packed = KernelArguments.Pack(launch, memory, program.Layout, id => DeviceAddress(id), "hip");
            var args = declared[launch.Kernel.Name];
            Assert.Equal(args.Count, packed.Length);
            for (int i = 0; i < packed.Length; i++)
            {
                Assert.Equal(args[i].Size, packed[i].Length);
                Assert.Equal(launch.Kernel.Parameters[i].Type.IsPointer ? "global_buffer" : "by_value", args[i].ValueKind);
                if (launch.Kernel.Parameters[i].Type.IsPointer && memory.Resolve(launch.Arguments[i]) is { } at)
                    Assert.Equal(DeviceAddress(at.Id) + (ulong)at.Offset, BitConverter.ToUInt64(packed[i]));
            }
            Launches++;
            return 0;
        }
    }

    [RequiresTheory(Need.GpuBackends, Need.Lld)]
    [MemberData(nameof(Samples))]
    public void Every_launch_packs_its_arguments_as_the_code_object_declares_them(string name)
    {
        var program = LiftSample(name);
        var path = Path.Combine(Path.GetTempPath(), $"translate-hip-test-{Guid.NewGuid():N}.co");
        File.WriteAllBytes(path, HipSession.CodeObject(program, "gfx90a"));
        try
        {
            var checker = new PackingChecker(program, KernelArgumentNotes.Read(path));
            try
            {
                IrInterpreter.Run(program, [], TextWriter.Null, TextWriter.Null, name, checker);
            }
            catch (DiagnosticException)
            {
                // Kernels did not run: the host code may trip over the results it expected.
            }
            Assert.True(checker.Launches > 0, $"{name} launched nothing");
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("gfx90a:sramecc+:xnack-", "gfx90a")]
    [InlineData("gfx1100", "gfx1100")]
    [InlineData("gfx942:sramecc+:xnack-", "gfx942")]
    [InlineData("gfx803", null)]
    public void The_code_object_is_built_for_the_architecture_part_of_gcnArchName(string gcnArchName, string? arch) =>
        Assert.Equal(arch, HipSession.CodeObjectArch(gcnArchName));

    [Fact]
    public void GcnArchName_is_found_in_device_properties_whatever_its_offset()
    {
        foreach (int offset in new[] { 1160, 1424 })
        {
            var properties = new byte[4096];
            "AMD Instinct MI210"u8.CopyTo(properties);
            "gfx90a:sramecc+:xnack-"u8.CopyTo(properties.AsSpan(offset));
            Assert.Equal("gfx90a:sramecc+:xnack-", HipSession.GcnArchNameIn(properties));
        }
        Assert.Null(HipSession.GcnArchNameIn(new byte[4096]));
    }
}
