using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Syntax;
using Translate.Ir.Verification;
using Translate.Tests.Snapshots;

namespace Translate.Tests.Properties;

/// <summary>
/// Whatever the input, the reader, parser, printer and checker either succeed or report diagnostics:
/// they never throw anything but <c>DiagnosticException</c>, and never hang.
/// </summary>
public class NeverCrashProperties
{
    private static void AllStages(byte[] bytes) => PropertyRun.NoCrash(() =>
    {
        var module = IrParser.ParseFile(bytes, "fuzz.lisp");
        IrPrinter.Print(module);
        TypeChecker.Check(module);
    });

    private static void AllStages(string text) => AllStages(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Random_bytes_give_diagnostics_not_crashes()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary();
        Check.One(PropertyRun.Cases(500), Prop.ForAll(bytes, b => { AllStages(b); return true; }));
    }

    [Fact]
    public void Random_unicode_text_reads_or_gives_diagnostics()
    {
        var text = Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(cs => new string(cs)).ToArbitrary();
        Check.One(PropertyRun.Cases(500), Prop.ForAll(text, t =>
        {
            PropertyRun.NoCrash(() => SExprReader.ReadAll(t, "fuzz.lisp"));
            return true;
        }));
    }

    [Fact]
    public void Random_token_soup_gives_diagnostics_not_crashes()
    {
        Check.One(PropertyRun.Cases(1000), Prop.ForAll(NearSExpressionText.Tokens().ToArbitrary(), t => { AllStages(t); return true; }));
    }

    [Fact]
    public void Random_program_shaped_trees_give_diagnostics_not_crashes()
    {
        Check.One(PropertyRun.Cases(1000), Prop.ForAll(NearSExpressionText.Trees().ToArbitrary(), t => { AllStages(t); return true; }));
    }

    [Fact]
    public void Real_programs_with_random_edits_give_diagnostics_not_crashes()
    {
        var programs = SnapshotFolder.Inputs()
            .Where(i => i.StartsWith("roundtrip/", StringComparison.Ordinal))
            .Select(i => File.ReadAllText(SnapshotFolder.FullPath(i)))
            .ToList();
        Check.One(PropertyRun.Cases(800), Prop.ForAll(NearSExpressionText.Mutations(programs).ToArbitrary(), t => { AllStages(t); return true; }));
    }
}
