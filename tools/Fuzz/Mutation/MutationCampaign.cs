using System.Text;
using Translate.Backends.OpenCl;
using Translate.Backends.SpirV;
using Translate.Frontend;
using Translate.Fuzz.Generation;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Verification;

namespace Translate.Fuzz.Mutation;

/// <summary>
/// <c>mutate-ir</c> and <c>mutate-cuda</c>: random edits of the project's own valid inputs are fed
/// to the IR reader and checker (and, when a mutant still checks, to the OpenCL and SPIR-V emitters)
/// or to the CUDA frontend. Every input must end in success or in coded diagnostics; anything else
/// thrown is a crash, saved with the input that caused it.
/// </summary>
public static class MutationCampaign
{
    public static int Run(FuzzOptions options, TextWriter output, bool cuda)
    {
        var rng = new Rng(options.Seed);
        var corpus = cuda ? CudaInputs() : IrInputs(options.Seed);
        var mutator = new Mutator(rng, cuda ? Mutator.CudaTokens : Mutator.IrTokens);
        string scratch = Path.Combine(Path.GetTempPath(), $"translate-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        int crashes = 0, diagnosed = 0, accepted = 0;
        var seen = new HashSet<string>();
        try
        {
            for (int i = 0; i < options.Count; i++)
            {
                var (name, original) = rng.Choose(corpus);
                byte[] input = mutator.Mutate(original);
                var outcome = cuda ? Cuda(input, Path.Combine(scratch, Path.GetFileName(name))) : Ir(input);
                if (outcome is null) accepted++;
                else if (outcome is DiagnosticException) diagnosed++;
                else
                {
                    crashes++;
                    string key = outcome.GetType().Name + outcome.StackTrace?.Split('\n').FirstOrDefault();
                    Directory.CreateDirectory(options.Out);
                    string saved = Path.Combine(options.Out, $"crash-{(cuda ? "cuda" : "ir")}-{options.Seed}-{i}{(cuda ? ".cu" : ".lisp")}");
                    File.WriteAllBytes(saved, input);
                    File.WriteAllText(saved + ".txt", $"mutated from {name}\n{outcome}");
                    if (seen.Add(key)) output.WriteLine($"crash {i}: {outcome.GetType().Name}: {outcome.Message} (from {name}) -> {saved}");
                }
                if ((i + 1) % 1000 == 0) output.WriteLine($"mutate: {i + 1} inputs: {crashes} crashes, {diagnosed} diagnosed, {accepted} accepted");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        output.WriteLine($"mutate-{(cuda ? "cuda" : "ir")}: {options.Count} inputs: {crashes} crashes, {diagnosed} diagnosed, {accepted} accepted");
        return crashes > 0 ? 1 : 0;
    }

    /// <summary>Null when the input was accepted; the exception otherwise (a DiagnosticException is fine).</summary>
    public static Exception? Ir(byte[] input)
    {
        try
        {
            var checkedModule = TypeChecker.Check(IrParser.ParseFile(input, "mutant.lisp"));
            OpenClEmitter.Emit(checkedModule);
            SpirVWriter.Emit(checkedModule);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public static Exception? Cuda(byte[] input, string path)
    {
        try
        {
            File.WriteAllBytes(path, input);
            var result = CudaFrontend.Translate(path, new FrontendOptions());
            if (result.Success) return null;
            return result.Diagnostics.Any(d => d.Severity == Severity.Error)
                ? new DiagnosticException(result.Diagnostics.ToList())
                : new InvalidOperationException("the frontend failed without an error diagnostic");
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static IReadOnlyList<(string, byte[])> IrInputs(int seed)
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "tests", "snapshots"), "*.lisp", SearchOption.AllDirectories)
            .Select(f => (f, File.ReadAllBytes(f)));
        var generated = Enumerable.Range(seed, 20).Select(s => ($"generated seed {s}", Encoding.UTF8.GetBytes(KernelProgramGenerator.Generate(s))));
        return files.Concat(generated).ToList();
    }

    private static IReadOnlyList<(string, byte[])> CudaInputs()
    {
        string root = RepositoryRoot.Path;
        return Directory.EnumerateFiles(Path.Combine(root, "cuda-samples"), "*.cu", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "tests", "programs"), "*.cu", SearchOption.AllDirectories))
            .Select(f => (f, File.ReadAllBytes(f)))
            .ToList();
    }
}
