using System.Reflection;
using Translate.Cli.Commands;
using Translate.Cli.Options;
using Translate.Cli.Output;
using Translate.Ir.Diagnostics;

namespace Translate.Cli;

/// <summary>
/// The <c>translate</c> command: picks the subcommand and owns the exit-status contract. Nothing
/// escapes as a stack trace: usage errors exit 2, diagnostics 1, a bug in translate 70.
/// </summary>
internal static class CommandLine
{
    private static readonly Command[] Commands = [new CheckCommand(), new RunCommand(), new RunKernelCommand(), new LiftCommand(), new CompileCommand(), new BuildCommand(), new MigrateCommand(), new NvccCommand(), new OptCommand(), new DevicesCommand()];

    /// <summary>Runs <c>translate ARGS</c>, writing to the given streams; returns the exit status.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Dispatch(args, stdout, stderr);
        }
        catch (UsageException e)
        {
            stdout.Flush();
            stderr.WriteLine($"translate: {e.Message}");
            stderr.WriteLine(e.Command is null ? "Try 'translate --help'." : $"Try 'translate {e.Command} --help'.");
            return ExitCodes.Usage;
        }
        catch (DiagnosticException e)
        {
            stdout.Flush();
            DiagnosticPrinter.Print(stderr, e.Diagnostics);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            TryFlush(stdout);
            stderr.WriteLine($"translate: internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("This is a bug in translate. Please report it with the command and input that caused it.");
            // The trace is for whoever fixes it, not for users: shown only on request.
            if (Environment.GetEnvironmentVariable("TRANSLATE_DEBUG") == "1") stderr.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
            throw new UsageException("no command given (check, run, lift, compile, opt, build, migrate, nvcc or devices)");
        string first = args[0];
        switch (first)
        {
            case "-h" or "--help":
                stdout.Write(TopLevelHelp);
                return ExitCodes.Success;
            case "--version":
                stdout.WriteLine($"translate {Version}");
                return ExitCodes.Success;
            case "help":
                return Help(args.Skip(1).ToArray(), stdout);
        }
        if (first.StartsWith('-'))
            throw new UsageException($"unknown option '{first}'");
        var command = Find(first) ?? throw new UsageException($"unknown command '{first}'");
        return command.Run(args.Skip(1).ToArray(), stdout, stderr);
    }

    private static Command? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

    /// <summary><c>translate help [COMMAND]</c>, for those who type it that way.</summary>
    private static int Help(string[] rest, TextWriter stdout)
    {
        if (rest.Length == 0)
        {
            stdout.Write(TopLevelHelp);
            return ExitCodes.Success;
        }
        if (rest.Length > 1) throw new UsageException($"unexpected argument '{rest[1]}'");
        var command = Find(rest[0]) ?? throw new UsageException($"unknown command '{rest[0]}'");
        stdout.Write(command.Help);
        return ExitCodes.Success;
    }

    private static string TopLevelHelp
    {
        get
        {
            int width = Commands.Max(c => c.Synopsis.Length);
            var lines = string.Join("\n", Commands.Select(c => $"  {c.Synopsis.PadRight(width)}  {c.Summary}"));
            return $"""
                usage: translate COMMAND [OPTIONS] [ARGS]

                Translate runs CUDA programs on any device through the llama.lisp IR.

                commands:
                {lines}

                options:
                  -h, --help   show this help; 'translate COMMAND --help' shows a command's
                  --version    print the version

                exit status: 0 success, 1 errors in the input or the program (printed as
                FILE:LINE:COL: error TRnnnn: message), 2 usage error, 70 internal error;
                'run' exits with the program's own status.

                """;
        }
    }

    private static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static void TryFlush(TextWriter w)
    {
        try
        {
            w.Flush();
        }
        catch (IOException)
        {
            // Output already gone (closed pipe): the error message matters more.
        }
    }
}
