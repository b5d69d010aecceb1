using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// A fast subset of NVIDIA's own CUDA samples (../shared/corpus/cuda-samples, not ours, used unchanged)
/// builds with their Common/ helpers and passes its own self-check on every build-mode device. The
/// whole collection runs with scripts/corpus.sh cuda-samples; its table is docs/coverage.md.
/// </summary>
public class NvidiaSamplesTests
{
    internal static readonly string Corpus = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "corpus", "cuda-samples"));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        // Each exercises a different part: helper_cuda.h's macros and device queries, cooperative
        // groups, half2 arithmetic, device clocks, stream callbacks, mapped host memory.
        // clock reads the device clock (a counter of readings on opencl); simpleCooperativeGroups syncs a
        // thread_group in a loop over its size, which OpenCL needs to be uniform across the block.
        // fp16ScalarProduct takes 24 s in the interpreter, so it runs on the compiled devices only.
        foreach (var sample in new[] { "vectorAdd", "fp16ScalarProduct", "simpleCallback", "simpleZeroCopy", "clock", "simpleCooperativeGroups" })
            foreach (var device in new[] { "cpu", "interp", "opencl" })
                if (!(sample == "fp16ScalarProduct" && device == "interp")) data.Add(sample, device);
        // It expects its kernel's failed assert to be reported as cudaErrorAssert.
        data.Add("simpleAssert", "cpu");
        data.Add("simpleAssert", "interp");
        // Verified against the interpreter (TRANSLATE_VERIFY): simpleCallback's host threads launch, copy and free at
        // once, each on its own memory; clock's kernel reads the device clock and so runs unverified.
        data.Add("simpleCallback", "cpu+verify");
        data.Add("vectorAdd", "cpu+verify");
        data.Add("clock", "cpu+verify");
        return data;
    }

    [RequiresTheory(Need.BuildMode, Need.NvidiaSamples)]
    [MemberData(nameof(Cases))]
    public void An_unchanged_nvidia_sample_builds_and_passes_its_own_check(string sample, string device)
    {
        string dir = Path.Combine(Corpus, "Samples", "0_Introduction", sample);
        using var work = new CliRunner();
        string exe = Path.Combine(work.Directory, sample);
        var sources = Directory.EnumerateFiles(dir, "*.cu").Concat(Directory.EnumerateFiles(dir, "*.cpp")).Order().ToList();
        var build = CliRunner.Run([.. new[] { "build" }, .. sources, "-I", Path.Combine(Corpus, "Common"), "-o", exe]);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var environment = new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device.Replace("+verify", "") };
        if (device.EndsWith("+verify", StringComparison.Ordinal)) environment["TRANSLATE_VERIFY"] = "interp";
        var run = Executable.Run(exe, work.Directory, environment);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("FAIL", run.Stdout);
        // A failed assert (TR0316) reaches the program itself as cudaErrorAssert; its own check decides.
        Assert.DoesNotMatch(@"error TR(?!0316)\d{4}", run.Stderr);
    }
}

