namespace SpineDecision.Diagnostics;

/// <summary>Collects every problem found in one load so that authors see them all at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<RuleDiagnostic> _items = [];

    public IReadOnlyList<RuleDiagnostic> Items => _items;

    public int ErrorCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Error(string code, SourceLocation at, string message)
    {
        _items.Add(new RuleDiagnostic(code, DiagnosticSeverity.Error, at, message));
        ErrorCount++;
    }

    public void Warning(string code, SourceLocation at, string message) =>
        _items.Add(new RuleDiagnostic(code, DiagnosticSeverity.Warning, at, message));

    public void AddRange(IEnumerable<RuleDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            _items.Add(diagnostic);
            ErrorCount += diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 0;
        }
    }

    /// <summary>Errors and warnings in file, line, column order: deterministic output for CI logs.</summary>
    public IReadOnlyList<RuleDiagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
