using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SpineDecision.Cli.Inputs;

/// <summary>
/// Tab completion through <c>dotnet-suggest</c>: it calls the tool as <c>spine-rules [suggest:N] "the line"</c> (the
/// line without the tool's name, N the cursor position in it) and offers the lines printed back. System.CommandLine
/// answers that directive only for a <see cref="RootCommand"/>, whose name is the executable's; the tool's root is a
/// <see cref="Command"/> named <c>spine-rules</c> (so usage reads the same however it is started), so it answers the
/// directive here, with System.CommandLine's own completions: commands, options, and the values of options.
/// </summary>
internal static partial class Completions
{
    /// <returns>True when the arguments were a completion request, answered on <paramref name="output"/>.</returns>
    public static bool TryWrite(Command root, string[] args, ParserConfiguration configuration, TextWriter output)
    {
        var match = args.Length > 0 ? SuggestDirective().Match(args[0]) : Match.Empty;
        if (!match.Success)
        {
            return false;
        }

        var line = string.Join(' ', args.Skip(1));
        var position = match.Groups[1].Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? Math.Min(p, line.Length)
            : line.Length;
        foreach (var completion in root.Parse(line, configuration).GetCompletions(position))
        {
            output.WriteLine(completion.Label);
        }

        return true;
    }

    [GeneratedRegex(@"^\[suggest(?::(\d+))?\]$")]
    private static partial Regex SuggestDirective();
}
