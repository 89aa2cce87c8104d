using System.Globalization;

namespace SpineDecision.Cli.Output;

/// <summary>"12/40 scenarios" on standard error, rewritten in place, only when standard error is a terminal.</summary>
internal sealed class Progress(CliConsole console, int total, string what)
{
    private const int Every = 5;

    private bool _shown;

    public void Report(int done)
    {
        if (!console.Terminal.ErrorIsTerminal || total < Every * 2 || (done % Every != 0 && done != total))
        {
            return;
        }

        console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{CliConsole.ToolName}: {done}/{total} {what}"));
        _shown = true;
    }

    public void Done()
    {
        if (_shown)
        {
            console.Error.Write("\r" + new string(' ', 60) + "\r");
            _shown = false;
        }
    }
}
