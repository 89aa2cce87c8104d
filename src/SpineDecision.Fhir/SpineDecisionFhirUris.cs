namespace SpineDecision.Fhir;

/// <summary>
/// The project's own FHIR identifiers, for data that standard codes do not carry: concepts without a standard code,
/// case fields without a LOINC code, and procedure relief. Standard code systems (ICD-10-CM, SNOMED CT, LOINC, RxNorm,
/// ATC, CPT, HCPCS) come from the engine's vocabulary, not from here.
/// </summary>
public static class SpineDecisionFhirUris
{
    /// <summary>The base of every URI here.</summary>
    public const string Base = "https://spinedecision.org/fhir/";

    /// <summary>
    /// The code system of one vocabulary set: a Coding with this system carries a concept id as its code, for example
    /// <c>{ "system": "https://spinedecision.org/fhir/CodeSystem/procedure", "code": "medial-branch-block" }</c>.
    /// </summary>
    /// <param name="set">The vocabulary set, for example <c>procedure</c>.</param>
    /// <returns>The code system URI.</returns>
    /// <exception cref="ArgumentException"><paramref name="set"/> is empty.</exception>
    public static string ConceptSystem(string set)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(set);
        return ConceptSystemBase + set;
    }

    private const string ConceptSystemBase = Base + "CodeSystem/";

    /// <summary>Whether <paramref name="system"/> is <see cref="ConceptSystem"/> of <paramref name="set"/>, without
    /// building that URI (the mapping asks for every coding it reads).</summary>
    internal static bool IsConceptSystem(string? system, string set) =>
        system is not null && system.Length == ConceptSystemBase.Length + set.Length
        && system.StartsWith(ConceptSystemBase, StringComparison.Ordinal) && system.EndsWith(set, StringComparison.Ordinal);

    /// <summary>
    /// The code system of case fields: an Observation coded with this system and a case path (for example
    /// <c>exam.imagingConcordant</c>) sets that field from its value; a List coded with it and a list path (for example
    /// <c>redFlags</c>) and <c>emptyReason</c> <c>nilknown</c> declares the list reviewed and empty; a component of an
    /// imaging report's result Observation coded with <c>imaging.findings.</c> and a finding detail (for example
    /// <c>imaging.findings.heightLossPercent</c>) sets that detail of the finding.
    /// </summary>
    public const string CaseFieldSystem = Base + "CodeSystem/case-field";

    /// <summary>Extension on a Procedure: percent relief of the index pain (<c>valueDecimal</c>, 0–100).</summary>
    public const string ReliefPercentExtension = Base + "StructureDefinition/relief-percent";

    /// <summary>Extension on a Procedure: how long the relief lasted (<c>valueQuantity</c>, UCUM <c>h</c>, <c>d</c>,
    /// <c>wk</c> or <c>mo</c>).</summary>
    public const string ReliefDurationExtension = Base + "StructureDefinition/relief-duration";

    /// <summary>Extension on a pain Observation linked to a Procedure by <c>partOf</c>: whether it was scored
    /// <c>before</c> or <c>after</c> the procedure (<c>valueCode</c>). Needed when the dates alone cannot tell, as for a
    /// block scored before and after on the same day without times.</summary>
    public const string ProcedurePainTimingExtension = Base + "StructureDefinition/procedure-pain-timing";

    /// <summary>Extension on a Condition that records a red flag: whether a completed work-up has explained it
    /// (<c>valueBoolean</c>). Only <c>true</c> stops the flag withholding elective procedures; without the extension the
    /// flag counts as unexplained.</summary>
    public const string RedFlagExplainedExtension = Base + "StructureDefinition/red-flag-explained";

    /// <summary>Extension on a MedicationRequest or MedicationStatement: the opioid dose in morphine milligram
    /// equivalents per day (<c>valueQuantity</c>, UCUM <c>{MME}/d</c>, or <c>valueDecimal</c>).</summary>
    public const string MmePerDayExtension = Base + "StructureDefinition/mme-per-day";
}
