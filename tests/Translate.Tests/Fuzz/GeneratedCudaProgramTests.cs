using Translate.Fuzz.Differential;
using Translate.Fuzz.Generation.Cuda;
using Translate.Runtime.Devices;
using Translate.Tests.Cpu;

namespace Translate.Tests.Fuzz;

/// <summary>
/// Generated CUDA programs (translate-fuzz diff-cuda) print on every device what clang's C++ build of the same file
/// prints: the lifting of C++'s conversions, promotions, literal types and control flow is checked against a compiler.
/// </summary>
public class GeneratedCudaProgramTests
{
    [Fact]
    public void One_seed_gives_one_program()
    {
        Assert.Equal(CudaProgramGenerator.Generate(7), CudaProgramGenerator.Generate(7));
        Assert.NotEqual(CudaProgramGenerator.Generate(7), CudaProgramGenerator.Generate(8));
    }

    [Fact]
    public void Some_programs_work_as_a_block_through_shared_memory_barriers_and_shared_atomics()
    {
        var kernels = Enumerable.Range(1, 40).Select(seed => CudaProgramGenerator.Generate(seed))
            .Select(p => p[p.IndexOf("__global__ void k(", StringComparison.Ordinal)..]).ToList();
        foreach (var form in new[] { "__shared__", "sh[threadIdx.x] =", "__syncthreads();", "atomicMax(&sacc[", "__syncthreads_count(", "if (__syncthreads_or(" })
            Assert.Contains(kernels, k => k.Contains(form, StringComparison.Ordinal));
        Assert.Contains(kernels, k => !k.Contains("__syncthreads", StringComparison.Ordinal)); // and some work thread by thread only
    }

    [Fact]
    public void Some_device_functions_hold_a_loop_left_from_inside()
    {
        var programs = Enumerable.Range(1, 40).Select(CudaProgramGenerator.Generate).ToList();
        Assert.Contains(programs, p => p.Contains("  for (int k = 0; k < ", StringComparison.Ordinal) && p.Contains(") break;", StringComparison.Ordinal));
        Assert.Contains(programs, p => p.Contains("  for (int k = 0; k < ", StringComparison.Ordinal) && p.Contains(") return ", StringComparison.Ordinal));
    }

    private static string CasesFolder => Path.Combine(Repository.Root, "tests", "fuzz-cases", "cuda");

    public static TheoryData<string> FixedCases => new(Directory.EnumerateFiles(CasesFolder, "*.cu").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [RequiresTheory(Need.Cpu, Need.Clang)]
    [MemberData(nameof(FixedCases))]
    public void A_fixed_cuda_case_prints_what_clangs_cpp_build_prints_on_every_device(string name)
    {
        var work = Directory.CreateTempSubdirectory("translate-cuda-fuzz-case-");
        try
        {
            var verdict = CudaDiffCampaign.Judge(File.ReadAllText(Path.Combine(CasesFolder, name)), Path.Combine(work.FullName, name), Devices, TimeSpan.FromSeconds(120));
            Assert.True(verdict.Kind == VerdictKind.Agree, verdict.Describe());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static IReadOnlyList<IDevice> Devices => DifferentialRunner.Available(["interp", "cpu", "opencl"]);

    [RequiresFact(Need.Cpu, Need.Clang)]
    public void A_fixed_batch_of_generated_cuda_programs_prints_what_clangs_cpp_build_prints()
    {
        var devices = Devices;
        var work = Directory.CreateTempSubdirectory("translate-cuda-fuzz-test-");
        try
        {
            var found = new List<string>();
            int agree = 0;
            foreach (int seed in Enumerable.Range(1, 6))
            {
                var verdict = CudaDiffCampaign.Judge(CudaProgramGenerator.Generate(seed), Path.Combine(work.FullName, $"seed-{seed}.cu"), devices, TimeSpan.FromSeconds(120));
                if (verdict.Kind is VerdictKind.Agree) agree++;
                // The one refusal known (docs/testing/fuzzing.md): opencl's TR0503 for a predicated barrier under a condition
                // the block shares but the uniformity analysis cannot prove (seed 2). Any other outcome is a finding.
                else if (!(verdict.Kind is VerdictKind.Refused && verdict.Signature == "opencl TR0503")) found.Add($"seed {seed}: {verdict.Describe()}");
            }
            Assert.True(found.Count == 0, string.Join("\n\n", found));
            Assert.True(agree >= 5, $"only {agree} of 6 programs ran and agreed");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
