namespace SpineDecision.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The file is usable but something looks wrong.</summary>
    Warning,

    /// <summary>The file cannot be used.</summary>
    Error,
}
