using FsCheck;
using FsCheck.Fluent;
using Translate.Ir.Diagnostics;
using Translate.Ir.Parsing;
using Translate.Ir.Printing;
using Translate.Ir.Verification;

namespace Translate.Tests.Properties;

/// <summary>
/// Random well-typed programs (typed expression trees over int, int64, float, double, bool and
/// pointers, with locals, control flow and calls) print canonically, and the checker accepts them.
/// </summary>
public class RoundTripProperties
{
    private static Arbitrary<string> Programs => ProgramGenerator.Program().ToArbitrary();

    [Fact]
    public void Printing_a_parsed_program_is_a_fixed_point()
    {
        Check.One(PropertyRun.Cases(50), Prop.ForAll(Programs, text =>
        {
            var printed = IrPrinter.Print(IrParser.ParseText(text, "gen.lisp"));
            var again = IrPrinter.Print(IrParser.ParseText(printed, "printed.lisp"));
            Assert.Equal(printed, again);
        }));
    }

    [Fact]
    public void The_checker_accepts_every_generated_program()
    {
        Check.One(PropertyRun.Cases(100), Prop.ForAll(Programs, text =>
        {
            try
            {
                TypeChecker.Check(IrParser.ParseText(text, "gen.lisp"));
            }
            catch (DiagnosticException e)
            {
                Assert.Fail(e.Message + "\n" + text);
            }
        }));
    }

    [Fact]
    public void The_checker_accepts_the_printed_form_of_every_generated_program()
    {
        Check.One(PropertyRun.Cases(50), Prop.ForAll(Programs, text =>
        {
            var printed = IrPrinter.Print(IrParser.ParseText(text, "gen.lisp"));
            TypeChecker.Check(IrParser.ParseText(printed, "printed.lisp"));
        }));
    }
}
