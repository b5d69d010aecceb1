namespace Translate.Cli;

/// <summary>The exit statuses of <c>translate</c> (except <c>run</c>, which exits with the program's own status).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The input or the program has errors; they were printed as diagnostics.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
    /// <summary>A bug in translate (BSD sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
