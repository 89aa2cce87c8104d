using System.CommandLine;
using System.Text.RegularExpressions;
using SpineDecision.Diagnostics;

namespace SpineDecision.Cli.Inputs;

/// <summary>
/// Did-you-mean for a mistyped command or option: System.CommandLine reports an unknown word as
/// "Unrecognized command or argument 'x'." (and <see cref="CommonOptions.Paths"/> an option-like path as
/// "Unrecognized option '-x'."); the hint names the closest option of the command the word was given to, or the
/// closest subcommand, with the same distance as the rule checker's suggestions.
/// </summary>
internal static partial class Typos
{
    /// <summary>The message with " (did you mean '--json'?)" when it is about an unknown word close to a known one.</summary>
    public static string WithHint(string message, Command command)
    {
        var match = UnrecognizedToken().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var token = match.Groups[1].Value;
        var candidates = token.StartsWith('-')
            ? Options(command).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal) == token.StartsWith("--", StringComparison.Ordinal))
            : command.Subcommands.Select(c => c.Name);
        var hint = DidYouMean.Hint(token, candidates);
        return hint.Length == 0 ? message : message.TrimEnd('.') + hint + ".";
    }

    /// <summary>The command's options and the recursive ones of its parents (<c>--help</c>).</summary>
    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => Options(p).Where(o => o.Recursive)));

    [GeneratedRegex(@"^Unrecognized (?:command or argument|option) '(.+)'\.$")]
    private static partial Regex UnrecognizedToken();
}
