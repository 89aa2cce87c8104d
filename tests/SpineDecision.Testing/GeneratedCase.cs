using System.Collections.Immutable;
using SpineDecision.Cases;

namespace SpineDecision.Testing;

/// <summary>A generated case and what it was built to show.</summary>
/// <param name="Case">The valid patient case.</param>
/// <param name="Pathway">The pathway it was built to reach.</param>
/// <param name="Complications">What was added on top of the pathway, for example <c>caution:anticoagulant</c> (the
/// recommendation becomes conditional) or <c>contraindication:bleeding-disorder</c> (it may be withheld).</param>
public sealed record GeneratedCase(PatientCase Case, CasePathway Pathway, ImmutableArray<string> Complications)
{
    /// <summary>Whether a complication may withhold the pathway's procedure.</summary>
    public bool Contraindicated => Complications.Any(c => c.StartsWith("contraindication:", StringComparison.Ordinal));

    /// <summary>The procedures the default rules recommend for this case when it is not <see cref="Contraindicated"/>.</summary>
    public ImmutableArray<string> ExpectedRecommendations => Pathway switch
    {
        CasePathway.EpiduralSteroid => ["epidural-steroid-injection"],
        CasePathway.FacetBlock => ["medial-branch-block"],
        // After a prior RFA (older than 12 months, with a lasting response) a further one is the repeat concept.
        CasePathway.FacetRadiofrequency => [Case.PriorProcedures?.Any(p => p.Procedure == "facet-rfa") == true ? "facet-rfa-repeat" : "facet-rfa"],
        CasePathway.ScsTrial => ["scs-trial"],
        CasePathway.ScsImplant => ["scs-implant"],
        _ => [],
    };
}
