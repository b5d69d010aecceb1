namespace Translate.Tests.Cli;

/// <summary>
/// The incremental key of <c>translate migrate</c> covers the user headers a file includes: changing
/// one redoes exactly the files that include it, as a build tool with <c>-MMD</c> dependencies would.
/// </summary>
public sealed class MigrateHeaderTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _input;
    private readonly string _output;

    public MigrateHeaderTests()
    {
        _input = Path.Combine(_cli.Directory, "src");
        _output = Path.Combine(_cli.Directory, "out");
        Directory.CreateDirectory(Path.Combine(_input, "include"));
        Write("include/factor.h", "#define FACTOR 2.0f\n");
        Write("scaled.cu", """
            #include "include/factor.h"
            __global__ void scale(float *x) { x[threadIdx.x] *= FACTOR; }
            """);
        Write("plain.cu", "__global__ void bump(float *x) { x[threadIdx.x] += 1.0f; }\n");
    }

    public void Dispose() => _cli.Dispose();

    private void Write(string relative, string text) => File.WriteAllText(Path.Combine(_input, relative), text);

    private CliResult Migrate() => CliRunner.Run(["migrate", _input, "--out", _output, "--targets", "lisp", "--jobs", "1"]);

    private string Lifted(string name) => File.ReadAllText(Path.Combine(_output, name));

    [Fact]
    public void An_unchanged_header_keeps_its_includer_skipped()
    {
        Assert.Equal(0, Migrate().ExitCode);
        var again = Migrate();
        Assert.Contains("unchanged scaled.cu", again.Stderr);
        Assert.Contains("unchanged plain.cu", again.Stderr);
    }

    [Fact]
    public void A_changed_header_redoes_the_file_that_includes_it_and_only_that_file()
    {
        Migrate();
        Assert.Contains("2.0", Lifted("scaled.lisp"));
        Write("include/factor.h", "#define FACTOR 3.0f\n");
        var again = Migrate();
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("translated scaled.cu", again.Stderr);
        Assert.Contains("unchanged plain.cu", again.Stderr);
        Assert.Contains("3.0", Lifted("scaled.lisp"));
    }

    [Fact]
    public void A_header_included_through_another_header_is_tracked_too()
    {
        Write("include/factor.h", "#include \"base.h\"\n#define FACTOR (BASE * 2.0f)\n");
        Write("include/base.h", "#define BASE 5.0f\n");
        Migrate();
        Write("include/base.h", "#define BASE 7.0f\n");
        var again = Migrate();
        Assert.Contains("translated scaled.cu", again.Stderr);
        Assert.Contains("14.0", Lifted("scaled.lisp"));
    }

    [Fact]
    public void A_deleted_header_redoes_the_file_and_reports_it_missing()
    {
        Migrate();
        File.Delete(Path.Combine(_input, "include", "factor.h"));
        var again = Migrate();
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("TR0401", again.Stderr);
        Assert.False(File.Exists(Path.Combine(_output, "scaled.lisp")));
    }

    [Fact]
    public void A_header_that_was_missing_and_now_exists_redoes_the_file()
    {
        File.Delete(Path.Combine(_input, "include", "factor.h"));
        Assert.Equal(1, Migrate().ExitCode);
        Write("include/factor.h", "#define FACTOR 4.0f\n");
        var again = Migrate();
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("4.0", Lifted("scaled.lisp"));
    }
}
