namespace SpineDecision.Cli;

/// <summary>The <c>spine-rules</c> executable: everything happens in <see cref="CliApp"/>, which tests call in-process.</summary>
internal static class Program
{
    private static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
