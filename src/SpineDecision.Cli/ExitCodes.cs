namespace SpineDecision.Cli;

/// <summary>The documented exit codes of every command. Stable: CI scripts test them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything passed (warnings allowed).</summary>
    public const int Success = 0;

    /// <summary>The input has errors, a scenario failed, coverage is below <c>--min</c>, or the case is invalid.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown option, missing argument, unknown profile, unwritable output.</summary>
    public const int Usage = 2;

    /// <summary>A bug in spine-rules: an unexpected exception, reported on one line.</summary>
    public const int InternalError = 3;
}
