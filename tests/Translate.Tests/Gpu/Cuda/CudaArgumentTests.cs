using Translate.Backends.Nvptx;
using Translate.DeviceContract;
using Translate.Interpreter;
using Translate.Ir.Diagnostics;
using Translate.Ir.Verification;
using Translate.Runtime.Gpu;

namespace Translate.Tests.Gpu.Cuda;

/// <summary>
/// What the cuda device hands cuLaunchKernel, checked without a GPU: each sample runs in the
/// interpreter with a dispatcher that packs every launch's arguments (against made-up device
/// addresses, one 4 GiB window per allocation) and compares them with the parameters our PTX
/// declares for that entry. Kernels are not executed, so the programs' own checks may fail after
/// the first launch; only the packing is under test.
/// </summary>
public class CudaArgumentTests : GpuTestBase
{
    private const ulong Base = 0x7000_0000_0000;
    private static ulong DeviceAddress(int id) => Base + ((ulong)id << 32);

    private sealed class PackingChecker(CheckedModule program, PtxText ptx) : IKernelDispatcher
    {
        public int Launches { get; private set; }

        public int Launch(KernelLaunch launch, IDeviceMemory memory)
        {
            var packed = KernelArguments.Pack(launch, memory, program.Layout, id => DeviceAddress(id), "cuda");
            var declared = ptx.Entries[launch.Kernel.Name];
            Assert.Equal(declared.Count, packed.Length);
            for (int i = 0; i < packed.Length; i++)
            {
                Assert.Equal(PtxBytes(declared[i]), packed[i].Length);
                if (launch.Kernel.Parameters[i].Type.IsPointer && memory.Resolve(launch.Arguments[i]) is { } at)
                    Assert.Equal(DeviceAddress(at.Id) + (ulong)at.Offset, BitConverter.ToUInt64(packed[i]));
            }
            Launches++;
            return 0;
        }
    }

    /// <summary>Bytes of a PTX parameter type: <c>.u64</c> 8, <c>.f32</c> 4, <c>.b8[12]</c> 12.</summary>
    private static int PtxBytes(string type) =>
        type.StartsWith(".b8[", StringComparison.Ordinal) ? int.Parse(type[4..^1]) : int.Parse(type[2..]) / 8;

    [RequiresTheory(Need.GpuBackends)]
    [MemberData(nameof(Samples))]
    public void Every_launch_packs_its_arguments_as_the_ptx_entry_declares_them(string name)
    {
        var program = LiftSample(name);
        var checker = new PackingChecker(program, new PtxText(NvptxCompiler.EmitPtx(program)));
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
}
