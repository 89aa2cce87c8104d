namespace SpineDecision.Diagnostics;

/// <summary>Collects every problem found in one load so that authors see them all at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<RuleDiagnostic> _items = [];

    public IReadOnlyList<RuleDiagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(string code, SourceLocation at, string message) =>
        _items.Add(new RuleDiagnostic(code, DiagnosticSeverity.Error, at, message));

    public void Warning(string code, SourceLocation at, string message) =>
        _items.Add(new RuleDiagnostic(code, DiagnosticSeverity.Warning, at, message));

    public void AddRange(IEnumerable<RuleDiagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Errors and warnings in file, line, column order: deterministic output for CI logs.</summary>
    public IReadOnlyList<RuleDiagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
