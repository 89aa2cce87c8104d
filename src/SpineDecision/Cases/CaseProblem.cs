using SpineDecision.Diagnostics;

namespace SpineDecision.Cases;

/// <summary>One problem with a patient case.</summary>
/// <param name="Path">The datum, as written in the case format, for example <c>priorProcedures[1].reliefPercent</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Location">Where it was written, when the case was read from a file.</param>
public sealed record CaseProblem(string Path, string Message, SourceLocation? Location = null)
{
    /// <summary>Formats the problem as <c>file(line,col): path: message</c> or <c>path: message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => Location is null ? $"{Path}: {Message}" : $"{Location}: {Path}: {Message}";
}
