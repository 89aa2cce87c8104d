using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One prior interventional procedure or spine surgery, and its documented effect.</summary>
public sealed record PriorProcedure
{
    /// <summary>The procedure, for example <c>medial-branch-block</c>, <c>spinal-fusion</c> or <c>CPT:64493</c>.</summary>
    [Key]
    [Concept("procedure")]
    public string? Procedure { get; init; }

    /// <summary>Spinal region treated.</summary>
    [Concept("region")]
    public string? Region { get; init; }

    /// <summary>Date performed.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The levels treated, for example <c>[L4-L5, L5-S1]</c> (joint levels; <c>L4/5</c> and <c>L4-5</c> are read alike).</summary>
    [Levels]
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>The number of levels treated, for notes that do not name them.</summary>
    [ValueRange(0, 30)]
    [NotForRules]
    public int? LevelCount { get; init; }

    /// <summary>Side treated.</summary>
    [Concept("side")]
    public string? Side { get; init; }

    /// <summary>Approach: interlaminar, transforaminal or caudal.</summary>
    [Concept("approach")]
    public string? Approach { get; init; }

    /// <summary>The injected agent: lidocaine, bupivacaine, particulate or non-particulate steroid, saline…</summary>
    [Concept("procedure-agent")]
    public string? Agent { get; init; }

    /// <summary>Image guidance: fluoroscopy, ct, ultrasound or none.</summary>
    [Concept("guidance")]
    public string? Guidance { get; init; }

    /// <summary>Pain score before the procedure on the 0–10 scale.</summary>
    [ValueRange(0, 10)]
    [Unit("points")]
    public double? PainBefore { get; init; }

    /// <summary>Pain score after the procedure on the same scale.</summary>
    [ValueRange(0, 10)]
    [Unit("points")]
    public double? PainAfter { get; init; }

    /// <summary>Percent relief of the index pain. When absent it is computed from <see cref="PainBefore"/> and <see cref="PainAfter"/>.</summary>
    [ValueRange(0, 100)]
    [Unit("%")]
    public double? ReliefPercent { get; init; }

    /// <summary>How long the relief lasted, in <see cref="ReliefDurationUnit"/>.</summary>
    [ValueRange(0, 100000)]
    public double? ReliefDuration { get; init; }

    /// <summary>The unit of <see cref="ReliefDuration"/>: hours, days, weeks or months (diagnostic blocks are timed in hours).</summary>
    [Concept("time-unit")]
    public string? ReliefDurationUnit { get; init; }

    /// <summary>Disability score before the procedure (on the case's disability scale).</summary>
    [ValueRange(0, 100)]
    [Unit("scale points")]
    public double? FunctionBefore { get; init; }

    /// <summary>Disability score after the procedure, on the same scale.</summary>
    [ValueRange(0, 100)]
    [Unit("scale points")]
    public double? FunctionAfter { get; init; }

    /// <summary>Functional improvement: the relative reduction of the disability score from its baseline, percent.
    /// When absent it is computed from <see cref="FunctionBefore"/> and <see cref="FunctionAfter"/>.</summary>
    [ValueRange(0, 100)]
    [Unit("%")]
    public double? FunctionalImprovementPercent { get; init; }

    /// <summary>Whether the patient's use of pain medication fell after the procedure (a repeat-injection criterion
    /// of some payers, for example Aetna's "reduced medication use").</summary>
    public bool? MedicationReduced { get; init; }

    /// <summary>The procedure as documented, when no concept or code covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }

    /// <summary>Percent relief = (baseline − post) / baseline on the same scale (CLINICAL.md §10).</summary>
    [Derived("reliefPercent", "percent relief (written, or computed from pain before and after)")]
    internal double? ReliefAsRecorded => ReliefPercent ?? RelativeReduction(PainBefore, PainAfter);

    [Derived("functionalImprovementPercent", "functional improvement, percent of the baseline disability score (written, or computed)")]
    internal double? FunctionalImprovementAsRecorded => FunctionalImprovementPercent ?? RelativeReduction(FunctionBefore, FunctionAfter);

    [Derived("levelCount", "number of levels treated (named, or as counted)")]
    internal double? LevelsTreated => Levels?.Count ?? LevelCount;

    [Derived("reliefDurationHours", "hours the relief lasted")]
    internal double? ReliefHours => Hours(ReliefDuration, ReliefDurationUnit);

    [Derived("reliefDurationWeeks", "weeks the relief lasted")]
    internal double? ReliefWeeks => Hours(ReliefDuration, ReliefDurationUnit) is { } hours ? Math.Round(hours / (24 * 7), 2) : null;

    /// <summary>(before − after) / before × 100, one decimal; unknown when either is missing or the baseline is zero.</summary>
    internal static double? RelativeReduction(double? before, double? after) =>
        before is > 0 && after is not null ? Math.Round((before.Value - after.Value) / before.Value * 100.0, 1) : null;

    private static double? Hours(double? value, string? unit) => (value, unit) switch
    {
        (null, _) => null,
        (var v, "hours") => v,
        (var v, "days") => v * 24,
        (var v, "weeks") => v * 24 * 7,
        (var v, "months") => v * 24 * 7 * 52.0 / 12,
        _ => null,
    };
}
