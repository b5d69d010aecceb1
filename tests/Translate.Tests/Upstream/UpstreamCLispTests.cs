using Translate.Tests.BuildMode;

namespace Translate.Tests.Upstream;

/// <summary>
/// llama.lisp's own C-Lisp test suite (../shared/corpus/llama-lisp, unchanged) runs here as upstream
/// runs it: each program linked with upstream's tests/brilisp/runtime.c (<c>run --with</c>), given the
/// arguments of its <c>;; ARGS:</c> line, must print exactly its <c>.out</c> file. Programs whose
/// <c>;; CMD:</c> line compares upstream's LLVM text are not run. The forms not supported yet must stop
/// with a coded diagnostic, never print something else. The whole suite is also
/// measured by hand as docs/coverage.md says.
/// </summary>
public class UpstreamCLispTests
{
    internal static readonly string Corpus = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "corpus", "llama-lisp"));
    private static readonly string Suite = Path.Combine(Corpus, "src", "compiler", "backend", "tests", "c-lisp");
    private static readonly string Runtime = Path.Combine(Corpus, "src", "compiler", "backend", "tests", "brilisp", "runtime.c");

    /// <summary>Upstream forms not read yet, each with the code it stops with.</summary>
    private static readonly Dictionary<string, string> NotYet = new();

    public static TheoryData<string, string> Programs()
    {
        var data = new TheoryData<string, string>();
        if (!Directory.Exists(Suite)) return data;
        var devices = new[] { "interp", "cpu" }.Where(d => Requirements.DeviceMissing(d) is null).ToList();
        foreach (var file in Directory.EnumerateFiles(Suite, "*.sexp").Order())
        {
            if (File.ReadLines(file).First().StartsWith(";; CMD:", StringComparison.Ordinal)) continue;
            foreach (var device in devices) data.Add(Path.GetFileNameWithoutExtension(file), device);
        }
        return data;
    }

    [RequiresTheory(Need.LlamaLisp, Need.Clang)]
    [MemberData(nameof(Programs))]
    public void An_upstream_c_lisp_program_prints_what_upstream_prints(string program, string device)
    {
        string source = Path.Combine(Suite, program + ".sexp");
        string first = File.ReadLines(source).First();
        string[] arguments = first.StartsWith(";; ARGS:", StringComparison.Ordinal)
            ? first[";; ARGS:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        // Out of process: runtime.c prints through C's stdio, straight to the process's standard output.
        var run = Executable.Run(Path.Combine(AppContext.BaseDirectory, "translate"), Suite, null,
            ["run", source, "--device", device, "--with", Runtime, "--", .. arguments]);
        // x86 inline assembly (asm-*.sexp) runs on both: cpu passes it to LLVM, interp calls it as a native thunk.
        string? code = NotYet.GetValueOrDefault(program);
        if (code is not null)
        {
            Assert.NotEqual(0, run.ExitCode);
            Assert.Matches($"error {code}:", run.Stderr);
            return;
        }
        // Upstream's turnt compares standard output only: some programs return a printed value from main.
        Assert.DoesNotMatch("error TR[0-9]{4}", run.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Suite, program + ".out")), run.Stdout);
    }
}
