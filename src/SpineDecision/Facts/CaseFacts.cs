namespace SpineDecision.Facts;

// Facts are classes with reference identity on purpose: NRules identifies facts by Equals, and two identical
// prior procedures must stay two facts (NRULES.md §5.1). Properties are flattened and nullable so that conditions
// compile to plain member access.

/// <summary>The single per-case fact: every scalar datum of the case.</summary>
internal sealed class CaseFact
{
    public int? AssessmentDate { get; init; }
    public double? Age { get; init; }
    public string? Sex { get; init; }
    public bool? Pregnant { get; init; }
    public bool? Hospitalised { get; init; }
    public string? PainRegion { get; init; }
    public string? PainPattern { get; init; }
    public string? PainLaterality { get; init; }
    public double? PainDurationWeeks { get; init; }
    public double? PainNrs { get; init; }
    public string? DisabilityScale { get; init; }
    public double? DisabilityScore { get; init; }
    public bool? PainWorsening { get; init; }
    public bool? StraightLegRaise { get; init; }
    public double? SiProvocationPositive { get; init; }
    public bool? MyelopathicSigns { get; init; }
    public bool? ImagingConcordant { get; init; }
    public bool? RootLevelUncertain { get; init; }
    public double? Inr { get; init; }
    public double? Platelets { get; init; }
    public double? HbA1c { get; init; }
    public string? PsychEvaluation { get; init; }
    public bool? UntreatedSubstanceUse { get; init; }
    public bool? UncontrolledPsychiatricIllness { get; init; }
    public bool? OpioidReductionAgreed { get; init; }
    public double? LifeExpectancyMonths { get; init; }
    public string? ReferralQuestion { get; init; }
    public bool? DiagnosesDocumented { get; init; }
    public bool? ImagingDocumented { get; init; }
    public bool? ConservativeCareDocumented { get; init; }
    public bool? ProceduresDocumented { get; init; }
    public bool? RedFlagsDocumented { get; init; }
    public bool? MedicationsDocumented { get; init; }
    public bool? AllergiesDocumented { get; init; }
    public bool? ComorbiditiesDocumented { get; init; }
    public bool? TrialsDocumented { get; init; }
}

internal sealed class DiagnosisFact(string code)
{
    public string Code { get; } = code;
}

internal sealed class ImagingFact
{
    public string? Finding { get; init; }
    public string? Level { get; init; }
    public string? Side { get; init; }
    public string? Modality { get; init; }
    public int? Date { get; init; }
    public bool? Acute { get; init; }
    public double? HeightLossPercent { get; init; }
}

internal sealed class TherapyFact
{
    public string? Modality { get; init; }
    public double? Weeks { get; init; }
    public string? Outcome { get; init; }
}

internal sealed class ProcedureFact
{
    public string? Procedure { get; init; }
    public string? Region { get; init; }
    public int? Date { get; init; }
    public double? Levels { get; init; }
    public string? Side { get; init; }
    public double? PainBefore { get; init; }
    public double? PainAfter { get; init; }
    public double? ReliefPercent { get; init; }
    public double? ReliefDurationWeeks { get; init; }
    public double? FunctionalImprovementPercent { get; init; }
}

internal sealed class RedFlagFact
{
    public string? Flag { get; init; }
    public bool? Explained { get; init; }
}

internal sealed class MedicationFact
{
    public string? Name { get; init; }
    public string? Class { get; init; }
}

internal sealed class AllergyFact(string substance)
{
    public string Substance { get; } = substance;
}

internal sealed class ComorbidityFact(string condition)
{
    public string Condition { get; } = condition;
}

internal sealed class TrialFact
{
    public string? Kind { get; init; }
    public int? Date { get; init; }
    public double? ReliefPercent { get; init; }
    public double? DurationDays { get; init; }
    public bool? FunctionalImprovement { get; init; }
}
