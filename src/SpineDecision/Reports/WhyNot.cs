using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>Why a procedure of a considered pathway is not recommended: the criteria of the rules that would
/// recommend it that failed or were unknown. Computed only when <see cref="EvaluationOptions.Explain"/> is on. Of the
/// rules that recommend the procedure, only those closest to firing (fewest unmet conditions) are listed; a conclusion
/// they need that was not derived is explained by the closest of the rules deriving it.</summary>
/// <param name="Procedure">The procedure.</param>
/// <param name="Pathway">Its pathway id.</param>
/// <param name="Criteria">The unmet criteria, by rule.</param>
public sealed record WhyNot(ProcedureInfo Procedure, string Pathway, ImmutableArray<UnmetCriterion> Criteria);

/// <summary>One criterion that failed or was unknown.</summary>
/// <param name="Status"><c>failed</c> or <c>unknown</c> (a datum is not documented).</param>
/// <param name="Criterion">The condition as written in the rule.</param>
/// <param name="Text">The patient's values against the thresholds, for example
/// <c>pain.durationWeeks = 3 weeks, required &gt;= 4 weeks (param esiMinPainWeeks)</c>.</param>
/// <param name="Parameters">The threshold parameters the unmet part of the criterion reads.</param>
/// <param name="Fields">The case fields, fact types and conclusions the unmet part reads, named as information
/// requests name a datum (<c>pain.durationWeeks</c>, <c>therapy.outcome</c>, <c>radicularPainConcordant</c>).</param>
/// <param name="Rule">The rule the criterion belongs to (the recommending rule, or a rule deriving a conclusion it needs).</param>
/// <param name="ForRule">The recommending rule that needed it.</param>
public sealed record UnmetCriterion(string Status, string Criterion, string Text, ImmutableArray<string> Parameters, ImmutableArray<string> Fields,
    RuleReference Rule, string ForRule);
