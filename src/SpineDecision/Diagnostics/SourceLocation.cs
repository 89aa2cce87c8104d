namespace SpineDecision.Diagnostics;

/// <summary>A position in a rule, profile, scenario or case file.</summary>
/// <param name="File">The file name or path as it was given to the loader.</param>
/// <param name="Line">One-based line.</param>
/// <param name="Column">One-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats the location the way compilers do: <c>file(line,col)</c>.</summary>
    /// <returns>The formatted location.</returns>
    public override string ToString() => $"{File}({Line},{Column})";
}
