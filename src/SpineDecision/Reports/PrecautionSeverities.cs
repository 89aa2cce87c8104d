namespace SpineDecision.Reports;

/// <summary>The severities a <see cref="Precaution"/> can have, as written in the rules and the JSON.</summary>
public static class PrecautionSeverities
{
    /// <summary>A condition that must be met before the procedure (management plan, glycaemic review, INR check):
    /// it makes a recommendation <c>conditional</c>.</summary>
    public const string MustAddress = "must-address";

    /// <summary>A technique or dose note; the recommendation stands as it is.</summary>
    public const string Advisory = "advisory";
}
