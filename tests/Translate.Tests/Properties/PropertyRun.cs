using FsCheck;
using Translate.Ir.Diagnostics;

namespace Translate.Tests.Properties;

/// <summary>How the properties run: a fixed number of cases each, so the suite stays a few seconds.</summary>
internal static class PropertyRun
{
    public static Config Cases(int count) => Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true);

    /// <summary>Runs <paramref name="stage"/>; a <see cref="DiagnosticException"/> is a fine outcome, any other exception is a crash.</summary>
    public static bool NoCrash(Action stage)
    {
        try
        {
            stage();
        }
        catch (DiagnosticException e)
        {
            Assert.NotEmpty(e.Diagnostics);
        }
        return true;
    }
}
