namespace SpineDecision.Reports;

/// <summary>
/// A condition or note attached to a procedure or group. Reported whether or not anything is recommended, so a
/// warning (pregnancy, anticoagulant) never vanishes; only a <see cref="PrecautionSeverities.MustAddress"/> precaution
/// makes a recommendation <c>conditional</c>.
/// </summary>
/// <param name="Code">The precaution's reason code: <c>management-plan-required</c>, <c>relative-contraindication</c>,
/// <c>precaution</c> or <c>documentation-required</c>.</param>
/// <param name="Severity"><see cref="PrecautionSeverities.MustAddress"/> (a condition to meet before the procedure) or
/// <see cref="PrecautionSeverities.Advisory"/> (technique or dose advice).</param>
/// <param name="Text">The precaution for the clinician, with the patient's values.</param>
/// <param name="Procedure">The procedure it applies to, when one is named.</param>
/// <param name="Group">The procedure group it applies to (for example <c>neuraxial</c>), when a group is named.</param>
/// <param name="Rule">The rule that raised it.</param>
public sealed record Precaution(string Code, string Severity, string Text, ProcedureInfo? Procedure, string? Group, RuleReference Rule);
