using SpineDecision.Diagnostics;

namespace SpineDecision.Cli.Output;

/// <summary>The writers a command uses, with colour applied only when <see cref="Terminal.UseColour"/> allows.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, Terminal terminal)
{
    public const string ToolName = "spine-rules";

    private const string Reset = "\u001b[0m";

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public Terminal Terminal { get; } = terminal;

    public string Red(string text) => Paint("31", text);

    public string Yellow(string text) => Paint("33", text);

    public string Green(string text) => Paint("32", text);

    public string Bold(string text) => Paint("1", text);

    public string Dim(string text) => Paint("2", text);

    /// <summary>Writes a diagnostic in the compiler form <c>file(line,col): error SDnnnn: message</c>; a problem with
    /// the command line itself (no file) is written <c>spine-rules: error SDnnnn: message</c>.</summary>
    public void Diagnostic(RuleDiagnostic diagnostic)
    {
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? Red("error") : Yellow("warning");
        var where = diagnostic.Location.File is "(options)" or "(rules)" ? ToolName : diagnostic.Location.ToString();
        Out.WriteLine($"{where}: {severity} {diagnostic.Code}: {OneLine(diagnostic.Message)}");
    }

    /// <summary>A problem with the command line: to standard error, without a location.</summary>
    public void UsageError(string message) => Error.WriteLine($"{ToolName}: {Red("error")}: {OneLine(message)}");

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private string Paint(string code, string text) => Terminal.UseColour ? $"\u001b[{code}m{text}{Reset}" : text;
}
