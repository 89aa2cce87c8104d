namespace SpineDecision.Cli.Output;

/// <summary>What the process writes to: whether standard output and error are terminals, and the environment.</summary>
/// <param name="OutputIsTerminal">Standard output is a terminal (colour is allowed).</param>
/// <param name="ErrorIsTerminal">Standard error is a terminal (progress is shown).</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable, for <c>NO_COLOR</c>.</param>
internal sealed record Terminal(bool OutputIsTerminal, bool ErrorIsTerminal, Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>Not a terminal: no colour, no progress. What tests and pipes get.</summary>
    public static Terminal None { get; } = new(false, false, _ => null);

    /// <summary>Detects the real console: colour and progress only when the writer is the console and it is not redirected.</summary>
    public static Terminal Detect(TextWriter stdout, TextWriter stderr) => new(
        ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected,
        Environment.GetEnvironmentVariable);

    /// <summary>Colour on standard output: a terminal, and <c>NO_COLOR</c> unset or empty (https://no-color.org).</summary>
    public bool UseColour => OutputIsTerminal && string.IsNullOrEmpty(GetEnvironmentVariable("NO_COLOR"));
}
