namespace SpineDecision.Testing;

/// <summary>How <see cref="CaseGenerator"/> mixes pathways and complications.</summary>
public sealed record CaseGeneratorOptions
{
    /// <summary>The default mix: every pathway, a quarter of the cases with a precaution, one in ten contraindicated.</summary>
    public static CaseGeneratorOptions Default { get; } = new();

    /// <summary>Only the plain pathways: no precautions, no contraindications.</summary>
    public static CaseGeneratorOptions Plain { get; } = new() { CautionRate = 0, ContraindicationRate = 0 };

    /// <summary>Relative weight of each pathway when <see cref="CaseGenerator.Next()"/> draws one; pathways not
    /// listed are never drawn.</summary>
    public IReadOnlyDictionary<CasePathway, int> PathwayWeights { get; init; } = new Dictionary<CasePathway, int>
    {
        [CasePathway.EpiduralSteroid] = 30,
        [CasePathway.FacetBlock] = 15,
        [CasePathway.FacetRadiofrequency] = 15,
        [CasePathway.ScsTrial] = 10,
        [CasePathway.ScsImplant] = 10,
        [CasePathway.RedFlag] = 10,
        [CasePathway.MissingInformation] = 10,
    };

    /// <summary>Share of cases (0–1) given a precaution that makes the recommendation conditional but keeps it
    /// (anticoagulant, heart failure, uncontrolled diabetes, contrast allergy, an explained red flag).</summary>
    public double CautionRate { get; init; } = 0.25;

    /// <summary>Share of cases (0–1) given a contraindication that may withhold the pathway's procedure
    /// (infection, bleeding disorder, local-anaesthetic allergy, pacemaker, untreated substance use).</summary>
    public double ContraindicationRate { get; init; } = 0.10;
}
