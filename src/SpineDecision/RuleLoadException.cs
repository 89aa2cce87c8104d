using SpineDecision.Diagnostics;

namespace SpineDecision;

/// <summary>Rule files could not be loaded: <see cref="Diagnostics"/> lists every located error (and warning).</summary>
public sealed class RuleLoadException : SpineDecisionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="diagnostics">Every problem found, errors first in file order.</param>
    public RuleLoadException(IReadOnlyList<RuleDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, each with file, line, column and a stable code.</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<RuleDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return $"the rules could not be loaded ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}  " +
            string.Join(Environment.NewLine + "  ", errors);
    }
}
