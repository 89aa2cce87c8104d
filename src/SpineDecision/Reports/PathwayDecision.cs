using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>The answer for one pathway the case was considered for (its rules derived, asked, recommended or withheld
/// something beyond "not indicated", or the request names one of its procedures).</summary>
/// <param name="Pathway">Pathway id from the vocabulary's <c>pathway</c> set, for example <c>facet</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Disposition">One of <see cref="Dispositions"/>.</param>
/// <param name="Reasons">The items that decided it.</param>
public sealed record PathwayDecision(string Pathway, string Display, string Disposition, ImmutableArray<DecisionReason> Reasons);
