namespace SpineDecision.Diagnostics;

/// <summary>A located problem in a rule, profile, scenario or case file.</summary>
/// <param name="Code">A stable code, for example <c>SD0101</c>; see <c>rules/README.md</c> for the catalogue.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record RuleDiagnostic(string Code, DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    /// <summary>Formats the diagnostic in the compiler convention that editors and CI annotate:
    /// <c>file(line,col): error SD0101: message</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString() =>
        $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}
