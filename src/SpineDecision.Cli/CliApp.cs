using System.CommandLine;
using System.CommandLine.Help;
using SpineDecision.Cli.Inputs;
using SpineDecision.Cli.Coverage;
using SpineDecision.Cli.Explain;
using SpineDecision.Cli.Init;
using SpineDecision.Cli.Output;
using SpineDecision.Cli.Test;
using SpineDecision.Cli.Validate;

namespace SpineDecision.Cli;

/// <summary>
/// The whole tool behind one in-process entry point: parses the command line, runs one command and returns its
/// exit code (<see cref="ExitCodes"/>). Never lets an exception escape: an unexpected one is a single line on
/// standard error and exit code 3, never a stack trace.
/// </summary>
internal static class CliApp
{
    private const string Description = """
        spine-rules: the authoring tool for SpineDecision clinical rules.

        Exit codes: 0 success (warnings allowed); 1 errors in the input, failed scenarios, coverage below --min
        or an invalid case; 2 wrong command line (unknown option, unknown profile, unwritable output);
        3 internal error. Colour is used only on a terminal and never when NO_COLOR is set.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, Terminal.Detect(stdout, stderr));

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = new CliConsole(stdout, stderr, terminal);
        try
        {
            // A root named after the tool, not the assembly, so usage lines read 'spine-rules test <paths>...'.
            var root = new Command(CliConsole.ToolName, Description)
            {
                new HelpOption(),
                new VersionOption(),
                ValidateCommand.Create(console),
                TestCommand.Create(console),
                CoverageCommand.Create(console),
                ExplainCommand.Create(console),
                InitCommand.Create(console),
                SchemaCommand.Create(console),
            };

            // '@file' would otherwise read arguments from a file: surprising for a tool whose arguments are paths.
            var configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };
            if (Completions.TryWrite(root, args, configuration, stdout))
            {
                return ExitCodes.Success;
            }

            var parsed = root.Parse(args.Length == 0 ? ["--help"] : args, configuration);
            if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
            {
                var command = parsed.CommandResult.Command;

                // 'spine-rules valdate x' is a mistyped command, not a missing one: say only what was not understood.
                var unmatched = command == root ? parsed.UnmatchedTokens.Select(t => $"'{t}'").ToList() : [];
                var errors = parsed.Errors.Where(e => unmatched.Any(t => e.Message.Contains(t, StringComparison.Ordinal))).ToList();
                foreach (var error in errors.Count > 0 ? errors : parsed.Errors)
                {
                    console.UsageError(Typos.WithHint(error.Message, command));
                }

                stderr.WriteLine($"Run '{CliConsole.ToolName} {(command == root ? string.Empty : command.Name + " ")}--help' for usage.");
                return ExitCodes.Usage;
            }

            var exitCode = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            return args.Length == 0 ? ExitCodes.Usage : exitCode;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"{CliConsole.ToolName}: internal error: {e.GetType().Name}: {CliConsole.OneLine(e.Message)} (please report this with the command line and files)");
            return ExitCodes.InternalError;
        }
    }
}
