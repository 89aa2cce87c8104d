namespace SpineDecision.Cases;

/// <summary>One prior interventional procedure and its documented effect.</summary>
public sealed record PriorProcedure
{
    /// <summary>The procedure (a concept of the <c>procedure</c> set), for example <c>medial-branch-block</c>.</summary>
    public required string Procedure { get; init; }

    /// <summary>Spinal region treated (a concept of the <c>region</c> set).</summary>
    public string? Region { get; init; }

    /// <summary>Date performed.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Number of levels treated in the session.</summary>
    public int? Levels { get; init; }

    /// <summary>Side treated (a concept of the <c>side</c> set).</summary>
    public string? Side { get; init; }

    /// <summary>Pain score before the procedure on the 0–10 scale.</summary>
    public double? PainBefore { get; init; }

    /// <summary>Pain score after the procedure on the same scale.</summary>
    public double? PainAfter { get; init; }

    /// <summary>Percent relief of the index pain. When absent it is computed from <see cref="PainBefore"/> and <see cref="PainAfter"/>.</summary>
    public double? ReliefPercent { get; init; }

    /// <summary>How long the relief lasted, in weeks.</summary>
    public double? ReliefDurationWeeks { get; init; }

    /// <summary>Functional (ADL or disability-scale) improvement, percent.</summary>
    public double? FunctionalImprovementPercent { get; init; }
}
