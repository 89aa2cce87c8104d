using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One current medication.</summary>
public sealed record Medication
{
    /// <summary>The drug class, for example <c>anticoagulant</c>, or a drug code the class claims (RxNorm, ATC).</summary>
    [Key]
    [Concept("medication-class")]
    public string? Class { get; init; }

    /// <summary>The drug name as documented, for example <c>apixaban</c>; rules may quote it, never interpret it.</summary>
    public string? Name { get; init; }

    /// <summary>Daily dose in morphine milligram equivalents, for opioids.</summary>
    [ValueRange(0, 10000)]
    [Unit("MME/day")]
    public double? MmePerDay { get; init; }

    /// <summary>Date of the last dose, where a hold interval matters (anticoagulants, antiplatelets).</summary>
    public DateOnly? LastDoseDate { get; init; }

    /// <summary>Whether a peri-procedural management plan agreed with the prescriber is documented (hold, bridge or
    /// continue), for anticoagulants and antiplatelets.</summary>
    public bool? ManagementPlan { get; init; }

    /// <summary>The medication as documented, when no concept or code covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
