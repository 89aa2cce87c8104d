namespace SpineDecision.Reports;

/// <summary>A source a rule cites.</summary>
/// <param name="Id">Source id, for example <c>FACET-LCD</c>.</param>
/// <param name="Text">The full citation.</param>
/// <param name="Evidence">Evidence tag: V (read in the primary text), S (secondary digest) or U (commonly used, unverified).</param>
/// <param name="Url">Where the source can be read, if given.</param>
public sealed record Citation(string Id, string Text, string Evidence, string? Url)
{
    /// <summary>What the evidence tags mean, for the footer of a text view (CLINICAL.md §1).</summary>
    public const string EvidenceLegend =
        "Evidence tags: V = read in the primary or official text; S = read only in a secondary digest of the named policy (numbers believed right, wording not checked); U = commonly used, unverified.";
}
