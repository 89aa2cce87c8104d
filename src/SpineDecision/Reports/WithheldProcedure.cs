using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A procedure (or group) that must not be done now, and why. Withhold beats recommend: any
/// recommendation it blocked is listed in <see cref="Overrides"/>.</summary>
/// <param name="Procedure">The withheld procedure, when one is named.</param>
/// <param name="Group">The withheld group (for example <c>elective</c> or <c>neuraxial</c>), when a group is named.</param>
/// <param name="Reason">contraindication, frequency-limit, not-covered, not-indicated, insufficient-response, investigational, red-flag or safety.</param>
/// <param name="Text">The explanation for the clinician, with the patient's values.</param>
/// <param name="Rule">The rule that withholds it.</param>
/// <param name="Explanation">The derivation tree.</param>
/// <param name="Overrides">The recommendations this withhold blocked.</param>
/// <param name="Reassess">For a temporary withhold (pregnancy, an infection to treat first): when to reassess. Null when
/// the withhold is permanent (criteria not met, not covered, a limit with no time window).</param>
public sealed record WithheldProcedure(
    ProcedureInfo? Procedure,
    string? Group,
    string Reason,
    string Text,
    RuleReference Rule,
    Explanation Explanation,
    ImmutableArray<Recommendation> Overrides,
    string? Reassess = null)
{
    /// <summary>Whether the withhold is temporary: it defers the procedure instead of excluding it.</summary>
    public bool Temporary => Reassess is not null;
}
