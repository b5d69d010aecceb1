using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Translate.Tests.Gpu;

/// <summary>One kernel as an AMD code object's metadata note describes it.</summary>
public sealed record KernelNote(string Name, string Symbol, long GroupSegmentBytes, int WavefrontSize);

/// <summary>Reads an AMDGPU code object's kernels with <c>llvm-readelf-19 --notes</c> (and disassembles with llvm-objdump-19).</summary>
public static partial class CodeObjectNotes
{
    public const string ReadElf = "/usr/lib/llvm-19/bin/llvm-readelf";
    public const string ObjDump = "/usr/lib/llvm-19/bin/llvm-objdump";

    public static IReadOnlyList<KernelNote> Kernels(string path)
    {
        var yaml = Run(ReadElf, "--notes", path);
        var kernels = new List<KernelNote>();
        // Each kernel's map starts with "  - " directly under amdhsa.kernels; its own keys are indented by 4.
        foreach (var block in KernelStart().Split(yaml[(yaml.IndexOf("amdhsa.kernels:", StringComparison.Ordinal) + 15)..yaml.IndexOf("amdhsa.target", StringComparison.Ordinal)]).Skip(1))
        {
            string Key(string key) => Regex.Match(block, @"(?m)^    \." + key + @":\s+(\S+)").Groups[1].Value;
            kernels.Add(new KernelNote(Key("name"), Key("symbol"), long.Parse(Key("group_segment_fixed_size")), int.Parse(Key("wavefront_size"))));
        }
        return kernels;
    }

    public static string Disassemble(string path, string arch) => Run(ObjDump, "-d", "--mcpu=" + arch, path);

    public static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {errors}");
        return output;
    }

    [GeneratedRegex(@"(?m)^  - ")]
    private static partial Regex KernelStart();
}
