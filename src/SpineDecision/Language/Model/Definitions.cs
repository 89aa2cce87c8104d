using System.Collections.Immutable;
using SpineDecision.Diagnostics;
using SpineDecision.Facts;

namespace SpineDecision.Language.Model;

/// <summary>An expression as written in YAML, with where it starts so errors can point inside it.</summary>
internal sealed record ExprText(string Text, SourceLocation At, bool Quoted)
{
    public SourceLocation AtOffset(int offset)
    {
        // Offsets map exactly for single-line scalars; for folded multi-line ones the line start is the best we know.
        if (Text.Contains('\n', StringComparison.Ordinal))
        {
            return At;
        }

        return At with { Column = At.Column + offset + (Quoted ? 1 : 0) };
    }
}

/// <summary>A cited source: <c>id</c>, full citation and evidence tag (V read in the primary text, S secondary digest,
/// U commonly used, unverified), as in CLINICAL.md.</summary>
internal sealed record SourceDef(string Id, string Citation, string Evidence, string? Url, SourceLocation At);

/// <summary>The rule-set header: the ONC HTI-1 §170.315(b)(11) source attributes.</summary>
internal sealed record RuleSetHeader(
    string Id,
    string Title,
    string Version,
    string Status,
    string Description,
    string Developer,
    string Funding,
    DateOnly Released,
    DateOnly Revised,
    ImmutableArray<string> Reviewers,
    ImmutableArray<SourceDef> Sources,
    string File,
    SourceLocation At);

/// <summary>A named threshold. Profiles override <see cref="Default"/>.</summary>
internal sealed record ParameterDef(
    string Id,
    DataType Type,
    object Default,
    string? Unit,
    string Description,
    ImmutableArray<string> Sources,
    string RuleSetId,
    SourceLocation At);

internal sealed record AttributeDef(string Name, DataType Type, SourceLocation At);

/// <summary>An intermediate fact rules derive and match (forward chaining).</summary>
internal sealed record ConclusionDef(string Id, string Description, ImmutableArray<AttributeDef> Attributes, string RuleSetId, SourceLocation At);

internal sealed record ParameterOverride(string ParameterId, string? RawValue, SourceLocation At);

/// <summary>A payer or guideline profile: parameter values that differ from the defaults.</summary>
internal sealed record ProfileDef(
    string Id,
    string Title,
    string Description,
    bool IsDefault,
    ImmutableArray<string> Sources,
    ImmutableArray<ParameterOverride> Overrides,
    SourceLocation At);

internal enum ConditionKind
{
    Check,
    Match,
    Exists,
    None,
    Count,
    Any,
}

/// <summary>One item of a rule's <c>when:</c> list.</summary>
internal sealed record ConditionDef(
    ConditionKind Kind,
    SourceLocation At,
    ExprText? Expression = null,
    string? FactType = null,
    SourceLocation? FactTypeAt = null,
    string? Alias = null,
    ExprText? Where = null,
    int? WithinDays = null,
    ExprText? AtLeast = null,
    ExprText? AtMost = null,
    ImmutableArray<ConditionDef> Any = default);

internal enum ActionKind
{
    Derive,
    Recommend,
    Withhold,
    Caution,
    Alert,
    Ask,
}

internal sealed record TemplateText(string Text, SourceLocation At, bool Quoted);

/// <summary>One item of a rule's <c>then:</c> list. Which members are set depends on <see cref="Kind"/>: <see cref="Severity"/>
/// is an alert's severity or a caution's (<c>must-address</c>, <c>advisory</c>); <see cref="Until"/> makes a withhold
/// temporary and says when to reassess.</summary>
internal sealed record ActionDef(
    ActionKind Kind,
    SourceLocation At,
    string? Conclusion = null,
    ImmutableArray<(string Name, ExprText Value)> With = default,
    string? Procedure = null,
    string? Group = null,
    SourceLocation? TargetAt = null,
    string? Intent = null,
    string? Strength = null,
    string? Approach = null,
    ExprText? TargetRegion = null,
    ExprText? TargetSide = null,
    ExprText? TargetLevels = null,
    TemplateText? Text = null,
    ImmutableArray<TemplateText> NextSteps = default,
    string? Reason = null,
    string? Severity = null,
    string? Category = null,
    string? Datum = null,
    ImmutableArray<(string Value, SourceLocation At)> Unlocks = default,
    TemplateText? Until = null);

internal sealed record RuleDef(
    string Id,
    string Title,
    string Description,
    ImmutableArray<(string Value, SourceLocation At)> Cites,
    int Priority,
    ImmutableArray<ConditionDef> When,
    ImmutableArray<ActionDef> Then,
    RuleSetHeader RuleSet,
    SourceLocation At);

/// <summary>Everything read from one <c>ruleSet:</c> file.</summary>
internal sealed record RuleSetDocument(
    RuleSetHeader Header,
    ImmutableArray<ParameterDef> Parameters,
    ImmutableArray<ConclusionDef> Conclusions,
    ImmutableArray<RuleDef> Rules);

/// <summary>Everything read from a set of rule files, before checking.</summary>
internal sealed record LoadedRules(
    ImmutableArray<RuleSetDocument> RuleSets,
    ImmutableArray<Concept> Concepts,
    ImmutableArray<string> DeclaredSets,
    ImmutableArray<CodeSystemDef> CodeSystems,
    ImmutableArray<ProfileDef> Profiles,
    string ContentHash)
{
    /// <summary>The billing-code attributes of every vocabulary file.</summary>
    public ImmutableArray<BillingCodeDef> BillingCodes { get; init; } = [];
}
