using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using SpineDecision.Diagnostics;
using SpineDecision.Facts;
using SpineDecision.Language.Model;
using SpineDecision.Language.Syntax;

namespace SpineDecision.Language.Checking;

/// <summary>
/// Gives loaded rules their meaning and checks it against the case schema, the vocabulary and the parameters:
/// unknown fields, concepts, parameters and fact types, type mismatches and malformed expressions are located
/// errors with a did-you-mean. Reports everything it finds; the result is only usable when there are no errors.
/// </summary>
internal sealed class RuleChecker
{
    private static readonly FrozenSet<string> Intents = FrozenSet.Create(StringComparer.Ordinal, "diagnostic", "therapeutic");
    private static readonly FrozenSet<string> Strengths = FrozenSet.Create(StringComparer.Ordinal, "recommended", "consider");
    private static readonly FrozenSet<string> WithholdReasons = FrozenSet.Create(StringComparer.Ordinal,
        "contraindication", "frequency-limit", "not-covered", "not-indicated", "insufficient-response", "investigational", "red-flag", "safety");
    internal static readonly FrozenSet<string> CautionReasons = FrozenSet.Create(StringComparer.Ordinal,
        "management-plan-required", "relative-contraindication", "precaution", "documentation-required");
    private static readonly FrozenSet<string> AlertCategories = FrozenSet.Create(StringComparer.Ordinal, "red-flag", "safety");
    private static readonly FrozenSet<string> Severities = FrozenSet.Create(StringComparer.Ordinal, "emergency", "urgent", "warning");
    internal static readonly FrozenSet<string> PrecautionSeverities = FrozenSet.Create(StringComparer.Ordinal, Reports.PrecautionSeverities.MustAddress, Reports.PrecautionSeverities.Advisory);

    private readonly DiagnosticBag _diagnostics;
    private readonly Vocabulary _vocabulary;
    private readonly FrozenDictionary<string, ParameterDef> _parameters;
    private readonly FrozenDictionary<string, FactTypeDef> _conclusions;
    private readonly FrozenSet<string> _groups;
    private readonly FunctionTable _functions;

    /// <summary>The parameter values of the defaults and of every profile, to check count bounds under each.</summary>
    private readonly ImmutableArray<(string Profile, Func<ParameterDef, object?> Value)> _assignments;

    /// <summary>The largest number parameter value: thresholds are small (scores, percentages, weeks, days of a window).</summary>
    public const double MaxParameterValue = 100_000;

    /// <summary>The largest count bound: no case list holds more items.</summary>
    public static int MaxCount => Yaml.YamlLimits.Default.MaxSequenceLength;

    private RuleChecker(DiagnosticBag diagnostics, Vocabulary vocabulary, FrozenDictionary<string, ParameterDef> parameters, FrozenDictionary<string, FactTypeDef> conclusions, FunctionTable functions,
        ImmutableArray<ProfileDef> profiles)
    {
        _functions = functions;
        _assignments = [("(defaults)", p => p.Default), .. profiles.Select(profile => (profile.Id, (Func<ParameterDef, object?>)(p =>
            profile.Overrides.FirstOrDefault(o => o.ParameterId == p.Id) is { } o ? ParseParameterValue(p, o.RawValue) : p.Default)))];
        _diagnostics = diagnostics;
        _vocabulary = vocabulary;
        _parameters = parameters;
        _conclusions = conclusions;
        _groups = vocabulary.ConceptsOf("procedure").SelectMany(c => c.Groups).ToFrozenSet(StringComparer.Ordinal);
    }

    public static CheckedRuleBase Check(LoadedRules loaded, DiagnosticBag diagnostics, FunctionTable? functions = null)
    {
        var vocabulary = CheckVocabulary(loaded, diagnostics);
        var parameters = Unique(loaded.RuleSets.SelectMany(s => s.Parameters), p => p.Id, p => p.At, "parameter", diagnostics);
        foreach (var set in loaded.RuleSets)
        {
            foreach (var parameter in set.Parameters)
            {
                CheckParameterRange(parameter, parameter.Default, parameter.At, "its default", diagnostics);
                if (parameter.Sources.IsEmpty)
                {
                    diagnostics.Error(DiagnosticCodes.MissingKey, parameter.At,
                        $"parameter '{parameter.Id}' must cite at least one source under 'sources': a threshold without a source is never allowed");
                }

                foreach (var source in parameter.Sources.Where(s => !set.Header.Sources.Any(d => d.Id == s)))
                {
                    diagnostics.Error(DiagnosticCodes.UnknownSource, parameter.At,
                        $"parameter '{parameter.Id}' cites '{source}', which rule set '{set.Header.Id}' does not declare under 'sources'{DidYouMean.Hint(source, set.Header.Sources.Select(d => d.Id))}");
                }
            }
        }

        Unique(loaded.RuleSets.Select(s => s.Header), h => h.Id, h => h.At, "rule set", diagnostics);
        var conclusionDefs = Unique(loaded.RuleSets.SelectMany(s => s.Conclusions), c => c.Id, c => c.At, "conclusion", diagnostics);
        var conclusions = conclusionDefs.Values.Select(c => ConclusionType(c, vocabulary, diagnostics)).ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var clash in conclusionDefs.Values.Where(c => FactSchema.ListTypes.ContainsKey(c.Id) || c.Id == "case"))
        {
            diagnostics.Error(DiagnosticCodes.DuplicateDefinition, clash.At, $"conclusion id '{clash.Id}' is the name of a case fact type; choose another");
        }

        CheckProfiles(loaded.Profiles, parameters, diagnostics);

        var checker = new RuleChecker(diagnostics, vocabulary, parameters, conclusions, functions ?? FunctionTable.Default, loaded.Profiles);
        var rules = ImmutableArray.CreateBuilder<CheckedRule>();
        var seenRuleIds = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var set in loaded.RuleSets)
        {
            foreach (var rule in set.Rules)
            {
                if (seenRuleIds.TryGetValue(rule.Id, out var first))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateRuleId, rule.At, $"rule id '{rule.Id}' is already used at {first}; rule ids are never reused");
                    continue;
                }

                seenRuleIds[rule.Id] = rule.At;
                if (checker.CheckRule(rule, set.Header) is { } checkedRule)
                {
                    rules.Add(checkedRule);
                }
            }
        }

        var checkedRules = rules.ToImmutable();
        ConclusionCycles.Report(checkedRules, diagnostics);
        return new CheckedRuleBase(vocabulary, parameters, conclusions, loaded.Profiles, [.. loaded.RuleSets.Select(s => s.Header)],
            checkedRules, loaded.ContentHash);
    }

    private static FrozenDictionary<string, T> Unique<T>(IEnumerable<T> items, Func<T, string> id, Func<T, SourceLocation> at, string what, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (result.TryGetValue(id(item), out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateDefinition, at(item), $"{what} '{id(item)}' is already declared at {at(first)}");
            }
            else
            {
                result[id(item)] = item;
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Vocabulary CheckVocabulary(LoadedRules loaded, DiagnosticBag diagnostics)
    {
        foreach (var group in loaded.Concepts.GroupBy(c => (c.Set, c.Id)).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateDefinition, duplicate.At, $"concept '{duplicate.Id}' is already declared in set '{duplicate.Set}' at {group.First().At}");
            }
        }

        var vocabulary = new Vocabulary(loaded.Concepts, loaded.DeclaredSets, loaded.CodeSystems, diagnostics, loaded.BillingCodes);
        if (loaded.RuleSets.Length > 0)
        {
            var at = loaded.RuleSets[0].Header.At;
            foreach (var set in FactSchema.ConceptSets.Where(s => !vocabulary.HasSet(s)))
            {
                diagnostics.Error(DiagnosticCodes.UnknownValueSet, at, $"the vocabulary does not declare the concept set '{set}' that the case model uses; load a vocabulary file that declares it");
            }
        }

        return vocabulary;
    }

    private static FactTypeDef ConclusionType(ConclusionDef conclusion, Vocabulary vocabulary, DiagnosticBag diagnostics)
    {
        var fields = new List<FieldDef>();
        for (var i = 0; i < conclusion.Attributes.Length; i++)
        {
            var attribute = conclusion.Attributes[i];
            if (attribute.Type.ConceptSet is { } set && !vocabulary.HasSet(set))
            {
                diagnostics.Error(DiagnosticCodes.UnknownValueSet, attribute.At, $"attribute '{attribute.Name}' uses unknown concept set '{set}'{DidYouMean.Hint(set, vocabulary.SetNames)}");
            }

            var index = i;
            fields.Add(new FieldDef(attribute.Name, attribute.Type,
                instance => Expression.Convert(
                    Expression.ArrayIndex(Expression.Property(instance, nameof(DerivedFact.Values)), Expression.Constant(index)),
                    attribute.Type.ClrType),
                $"attribute of {conclusion.Id}"));
        }

        return new FactTypeDef(conclusion.Id, typeof(DerivedFact), fields, conclusion.Description, conclusionId: conclusion.Id);
    }

    private static void CheckProfiles(ImmutableArray<ProfileDef> profiles, FrozenDictionary<string, ParameterDef> parameters, DiagnosticBag diagnostics)
    {
        Unique(profiles, p => p.Id, p => p.At, "profile", diagnostics);
        foreach (var extra in profiles.Where(p => p.IsDefault).Skip(1))
        {
            diagnostics.Error(DiagnosticCodes.DuplicateDefinition, extra.At, $"profile '{extra.Id}' is marked default, but another profile already is");
        }

        foreach (var profile in profiles)
        {
            foreach (var o in profile.Overrides)
            {
                if (!parameters.TryGetValue(o.ParameterId, out var parameter))
                {
                    diagnostics.Error(DiagnosticCodes.UnknownParameter, o.At,
                        $"profile '{profile.Id}' sets unknown parameter '{o.ParameterId}'{DidYouMean.Hint(o.ParameterId, parameters.Keys)}");
                }
                else if (ParseParameterValue(parameter, o.RawValue) is not { } value)
                {
                    diagnostics.Error(DiagnosticCodes.TypeMismatch, o.At, $"parameter '{o.ParameterId}' is a {parameter.Type}; '{o.RawValue}' is not");
                }
                else
                {
                    CheckParameterRange(parameter, value, o.At, $"profile '{profile.Id}'", diagnostics);
                }
            }
        }
    }

    /// <summary>A number parameter lies from 0 to <see cref="MaxParameterValue"/>, and a percentage from 0 to 100.</summary>
    private static void CheckParameterRange(ParameterDef parameter, object value, SourceLocation at, string whose, DiagnosticBag diagnostics)
    {
        if (value is not double number)
        {
            return;
        }

        var max = parameter.Unit == "percent" ? 100 : MaxParameterValue;
        if (number < 0 || number > max)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, at, string.Create(CultureInfo.InvariantCulture,
                $"parameter '{parameter.Id}' must be from 0 to {max}{(parameter.Unit == "percent" ? " percent" : string.Empty)}; {whose} is {number}"));
        }
    }

    /// <summary>Reads a profile's value for a parameter, or null when it does not fit the parameter's type.</summary>
    public static object? ParseParameterValue(ParameterDef parameter, string? raw) => parameter.Type.Kind switch
    {
        ValueKind.Boolean => raw switch { "true" => true, "false" => false, _ => null },
        _ => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
    };

    private CheckedRule? CheckRule(RuleDef rule, RuleSetHeader set)
    {
        var errorsBefore = _diagnostics.ErrorCount;
        var citations = ImmutableArray.CreateBuilder<SourceDef>();
        foreach (var (cite, at) in rule.Cites)
        {
            var source = set.Sources.FirstOrDefault(s => s.Id == cite);
            if (source is null)
            {
                _diagnostics.Error(DiagnosticCodes.UnknownSource, at,
                    $"rule '{rule.Id}' cites '{cite}', which rule set '{set.Id}' does not declare under 'sources'{DidYouMean.Hint(cite, set.Sources.Select(s => s.Id))}");
            }
            else
            {
                citations.Add(source);
            }
        }

        if (rule.Cites.IsEmpty)
        {
            _diagnostics.Error(DiagnosticCodes.MissingKey, rule.At, $"rule '{rule.Id}' must cite at least one source");
        }

        var scope = new Scope(new FactBinding("case", FactSchema.Case, BindingKind.Case));
        var conditions = ImmutableArray.CreateBuilder<CheckedCondition>();
        foreach (var condition in rule.When)
        {
            if (CheckCondition(condition, scope, allowBindings: true) is { } checkedCondition)
            {
                conditions.Add(checkedCondition);
            }
        }

        var actions = ImmutableArray.CreateBuilder<CheckedAction>();
        foreach (var action in rule.Then)
        {
            if (CheckAction(action, scope) is { } checkedAction)
            {
                actions.Add(checkedAction);
            }
        }

        if (rule.Then.IsEmpty)
        {
            _diagnostics.Error(DiagnosticCodes.MissingKey, rule.At, $"rule '{rule.Id}' needs at least one action under 'then'");
        }

        if (_diagnostics.ErrorCount > errorsBefore)
        {
            return null;
        }

        var allBound = conditions.SelectMany(AllBound).Concat(actions.SelectMany(AllBound)).ToList();
        var demographic = allBound.SelectMany(b => b.Fields()).Where(f => f.Demographic).Select(f => f.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var caseFields = allBound.SelectMany(CaseFields).Where(f => f.Name != "assessmentDate").Distinct().OrderBy(f => f.Name, StringComparer.Ordinal);
        return new CheckedRule(rule, [.. scope.Declarations], conditions.ToImmutable(), actions.ToImmutable(), citations.ToImmutable(),
            [.. demographic], [.. caseFields], [.. rule.When.Select(Describe)]);
    }

    private static IEnumerable<FieldDef> CaseFields(Bound bound) => bound switch
    {
        BoundField { Binding.Kind: BindingKind.Case } f => [f.Field],
        _ => bound.Children.SelectMany(CaseFields),
    };

    /// <summary>A condition as the explanation shows it to a clinician: close to how it was written.</summary>
    private static string Describe(ConditionDef c) => c.Kind switch
    {
        ConditionKind.Check => c.Expression!.Text,
        ConditionKind.Any => "any of: " + string.Join("; ", c.Any.Select(Describe)),
        _ => string.Join(' ', new[]
        {
            c.Kind.ToString().ToLowerInvariant(),
            c.FactType,
            c.Where is null ? null : $"where {c.Where.Text}",
            c.WithinDays is null ? null : $"within {c.WithinDays} days",
            c.AtLeast is null ? null : $"at least {c.AtLeast.Text}",
            c.AtMost is null ? null : $"at most {c.AtMost.Text}",
        }.OfType<string>()),
    };

    private static IEnumerable<Bound> AllBound(CheckedCondition condition) => condition switch
    {
        CheckedCheck c => [c.Expression],
        CheckedPattern p => p.Conjuncts.Concat(new[] { p.AtLeast, p.AtMost }.OfType<Bound>()),
        CheckedAny a => a.Alternatives.SelectMany(AllBound),
        _ => [],
    };

    private static IEnumerable<Bound> AllBound(CheckedAction action) =>
        action.ConclusionValues.Concat(action.Target).OfType<Bound>()
            .Concat(action.Text.Expressions).Concat(action.Steps.SelectMany(s => s.Expressions))
            .Concat(action.Until?.Expressions ?? []);

    private CheckedCondition? CheckCondition(ConditionDef condition, Scope scope, bool allowBindings)
    {
        switch (condition.Kind)
        {
            case ConditionKind.Check:
                {
                    var bound = BindBoolean(condition.Expression!, scope, current: null);
                    return bound is null ? null : new CheckedCheck(bound);
                }

            case ConditionKind.Any:
                {
                    var alternatives = ImmutableArray.CreateBuilder<CheckedCondition>();
                    foreach (var alternative in condition.Any)
                    {
                        if (alternative.Kind is ConditionKind.Match or ConditionKind.Count or ConditionKind.Any)
                        {
                            _diagnostics.Error(DiagnosticCodes.InvalidValue, alternative.At, "inside 'any' only 'check', 'exists' and 'none' are allowed (an alternative cannot bind facts)");
                            continue;
                        }

                        if (CheckCondition(alternative, scope, allowBindings: false) is { } c)
                        {
                            alternatives.Add(c);
                        }
                    }

                    if (condition.Any.IsDefaultOrEmpty)
                    {
                        _diagnostics.Error(DiagnosticCodes.MissingKey, condition.At, "'any' needs a list of at least one condition");
                    }

                    return new CheckedAny(alternatives.ToImmutable());
                }

            default:
                return CheckPattern(condition, scope, allowBindings);
        }
    }

    private CheckedPattern? CheckPattern(ConditionDef condition, Scope scope, bool allowBindings)
    {
        var type = ResolveFactType(condition.FactType!, condition.FactTypeAt ?? condition.At);
        if (type is null)
        {
            return null;
        }

        var index = scope.Declarations.Count + scope.LocalCount++;
        FactBinding fact;
        var collectionName = condition.Kind == ConditionKind.Count ? condition.Alias ?? CountValues.Count : null;
        switch (condition.Kind)
        {
            case ConditionKind.Match:
                fact = new FactBinding(condition.Alias ?? $"{type.Name}{index}", type, BindingKind.Match);
                break;
            case ConditionKind.Count:
                fact = new FactBinding($"{collectionName}_item{index}", type, BindingKind.Local);
                break;
            default:
                fact = new FactBinding($"{type.Name}_local{index}", type, BindingKind.Local);
                break;
        }

        var conjuncts = ImmutableArray.CreateBuilder<Bound>();
        if (condition.Where is { } where && BindBoolean(where, scope, fact) is { } bound)
        {
            conjuncts.AddRange(SplitConjuncts(bound));
        }

        if (condition.WithinDays is { } days)
        {
            if (type.DateField is null)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, condition.At, $"'within' needs a dated fact; '{type.Name}' has no date");
            }
            else
            {
                // date >= assessmentDate - days, and not after the assessment.
                var date = new BoundField(fact, type.Fields[type.DateField]);
                var assessed = new BoundField(scope.Case, FactSchema.Case.Fields["assessmentDate"]);
                conjuncts.Add(new BoundBinary(">=", date, new BoundBinary("-days", assessed, new BoundConstant((double)days, DataType.Number), DataType.Date), DataType.Boolean));
                conjuncts.Add(new BoundBinary("<=", date, assessed, DataType.Boolean));
            }
        }

        Bound? atLeast = null, atMost = null;
        FactBinding? collection = null;
        if (collectionName is not null)
        {
            atLeast = condition.AtLeast is { } least ? CheckCountBound(BindTyped(least, scope, null, DataType.Number, "'atLeast'"), least, "atLeast", 1) : null;
            atMost = condition.AtMost is { } most ? CheckCountBound(BindTyped(most, scope, null, DataType.Number, "'atMost'"), most, "atMost", 0) : null;
            collection = new FactBinding(collectionName, type, BindingKind.Count)
            {
                WindowDays = type.DateField is null ? null : condition.WithinDays,
                AtLeast = atLeast,
            };
        }

        var name = collection?.Name ?? fact.Name;
        if (collection is not null || condition.Kind == ConditionKind.Match)
        {
            if (!allowBindings)
            {
                return null;
            }

            if (scope.Declarations.Any(d => d.Name == name) || name is "param" or "case")
            {
                _diagnostics.Error(DiagnosticCodes.UnknownBinding, condition.At, $"the name '{name}' is already bound in this rule; give this pattern another name with 'as'");
                return null;
            }

            scope.Declarations.Add(collection ?? fact);
        }

        return new CheckedPattern(condition.Kind, fact, collection, conjuncts.ToImmutable(), atLeast, atMost);
    }

    private static IEnumerable<Bound> SplitConjuncts(Bound bound) =>
        bound is BoundBinary { Operator: "and" } and ? SplitConjuncts(and.Left).Concat(SplitConjuncts(and.Right)) : [bound];

    private FactTypeDef? ResolveFactType(string name, SourceLocation at)
    {
        if (FactSchema.ListTypes.TryGetValue(name, out var type) || _conclusions.TryGetValue(name, out type))
        {
            return type;
        }

        _diagnostics.Error(DiagnosticCodes.UnknownFactType, at,
            $"unknown fact type or conclusion '{name}'{DidYouMean.Hint(name, FactSchema.ListTypes.Keys.Concat(_conclusions.Keys))}; case facts are {string.Join(", ", FactSchema.ListTypes.Keys.Order(StringComparer.Ordinal))}");
        return null;
    }

    private CheckedAction? CheckAction(ActionDef action, Scope scope)
    {
        FactTypeDef? conclusion = null;
        var values = ImmutableArray<Bound?>.Empty;
        Concept? procedure = null, approach = null;
        var target = ImmutableArray<Bound?>.Empty;
        var at = action.TargetAt ?? action.At;
        switch (action.Kind)
        {
            case ActionKind.Derive:
                conclusion = action.Conclusion is null ? null : ResolveConclusion(action.Conclusion, at);
                if (conclusion is not null)
                {
                    var slots = new Bound?[conclusion.Fields.Count];
                    foreach (var (name, value) in action.With)
                    {
                        if (!conclusion.Fields.TryGetValue(name, out var field))
                        {
                            _diagnostics.Error(DiagnosticCodes.UnknownField, value.At,
                                $"conclusion '{conclusion.Name}' has no attribute '{name}'{DidYouMean.Hint(name, conclusion.Fields.Keys)}");
                            continue;
                        }

                        slots[AttributeIndex(conclusion, name)] = BindTyped(value, scope, null, field.Type, $"attribute '{name}'");
                    }

                    values = [.. slots];
                }

                break;
            case ActionKind.Recommend:
                procedure = ResolveConcept("procedure", action.Procedure, at);
                approach = action.Approach is null ? null : ResolveConcept("approach", action.Approach, action.At);
                Require(action.Intent, Intents, "intent", action.At);
                Require(action.Strength, Strengths, "strength", action.At);
                target =
                [
                    action.TargetRegion is { } r ? BindTyped(r, scope, null, DataType.Concept("region"), "'region'") : null,
                    action.TargetSide is { } s ? BindTyped(s, scope, null, DataType.Concept("side"), "'side'") : null,
                    action.TargetLevels is { } l ? BindAny(l, scope) : null,
                ];
                break;
            case ActionKind.Withhold or ActionKind.Caution:
                if (action.Procedure is not null)
                {
                    procedure = ResolveConcept("procedure", action.Procedure, at);
                }
                else if (action.Group is not null && !_groups.Contains(action.Group) && action.Group != "elective")
                {
                    _diagnostics.Error(DiagnosticCodes.UnknownConcept, at,
                        $"unknown procedure group '{action.Group}'{DidYouMean.Hint(action.Group, _groups.Append("elective"))}");
                }

                Require(action.Reason, action.Kind == ActionKind.Withhold ? WithholdReasons : CautionReasons, "reason", action.At);
                if (action.Kind == ActionKind.Caution)
                {
                    Require(action.Severity, PrecautionSeverities, "severity", action.At);
                }

                break;
            case ActionKind.Alert:
                Require(action.Category, AlertCategories, "category", action.At);
                Require(action.Severity, Severities, "severity", action.At);
                break;
            case ActionKind.Ask:
                if (action.Datum is { } datum && !IsKnownDatum(datum))
                {
                    _diagnostics.Error(DiagnosticCodes.UnknownField, at,
                        $"'datum' must name a case field or fact type, not '{datum}'{DidYouMean.Hint(datum, FactSchema.Case.Fields.Keys.Concat(FactSchema.ListTypes.Keys))}");
                }

                break;
        }

        var unlocks = ImmutableArray.CreateBuilder<Concept>();
        if (!action.Unlocks.IsDefault)
        {
            foreach (var (value, unlockAt) in action.Unlocks)
            {
                if (ResolveConcept("procedure", value, unlockAt) is { } c)
                {
                    unlocks.Add(c);
                }
            }
        }

        var text = action.Text is { } t ? BindTemplate(t, scope) : BoundTemplate.Empty;
        var steps = action.NextSteps.IsDefault ? [] : action.NextSteps.Select(s => BindTemplate(s, scope)).ToImmutableArray();
        var until = action.Until is { } u ? BindTemplate(u, scope) : null;
        return new CheckedAction(action, conclusion, values, procedure, approach, target, text, steps, unlocks.ToImmutable(), until);
    }

    private static int AttributeIndex(FactTypeDef conclusion, string name) =>
        conclusion.OrderedFields.IndexOf(conclusion.Fields[name]);

    private static bool IsKnownDatum(string datum) =>
        FactSchema.Case.Fields.ContainsKey(datum) || FactSchema.ListTypes.ContainsKey(datum) ||
        (datum.Split('.') is [var type, var field] && FactSchema.ListTypes.TryGetValue(type, out var t) && t.Fields.ContainsKey(field));

    private void Require(string? value, FrozenSet<string> allowed, string key, SourceLocation at)
    {
        if (value is not null && !allowed.Contains(value))
        {
            _diagnostics.Error(DiagnosticCodes.InvalidChoice, at,
                $"'{key}' must be one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}, not '{value}'{DidYouMean.Hint(value, allowed)}");
        }
    }

    private FactTypeDef? ResolveConclusion(string id, SourceLocation at)
    {
        if (_conclusions.TryGetValue(id, out var type))
        {
            return type;
        }

        _diagnostics.Error(DiagnosticCodes.UnknownFactType, at, $"unknown conclusion '{id}'{DidYouMean.Hint(id, _conclusions.Keys)}; declare it under 'conclusions'");
        return null;
    }

    private Concept? ResolveConcept(string set, string? id, SourceLocation at)
    {
        if (id is null)
        {
            return null;
        }

        var concept = _vocabulary.Find(set, id);
        if (concept is null)
        {
            _diagnostics.Error(DiagnosticCodes.UnknownConcept, at, $"unknown {set} '{id}'{_vocabulary.Hint(set, id)}");
        }

        return concept;
    }

    private BoundTemplate BindTemplate(TemplateText template, Scope scope)
    {
        var parts = ImmutableArray.CreateBuilder<object>();
        var text = template.Text;
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add(text[i..]);
                break;
            }

            if (open > i)
            {
                parts.Add(text[i..open]);
            }

            var close = text.IndexOf('}', open + 1);
            var at = new ExprText(text, template.At, template.Quoted);
            if (close < 0)
            {
                _diagnostics.Error(DiagnosticCodes.TemplateError, at.AtOffset(open), "'{' has no matching '}' in the text");
                break;
            }

            var inner = new ExprText(text[(open + 1)..close], at.AtOffset(open + 1), false);
            if (BindAny(inner, scope) is { } bound)
            {
                parts.Add(bound);
            }

            i = close + 1;
        }

        return new BoundTemplate(parts.ToImmutable());
    }

    // ---- expressions -------------------------------------------------------------------------------------------

    private Bound? BindBoolean(ExprText text, Scope scope, FactBinding? current) =>
        BindTyped(text, scope, current, DataType.Boolean, "a condition");

    /// <summary>
    /// A count bound made of numbers and parameters must be a whole number from <paramref name="min"/> (1 for
    /// <c>atLeast</c>: at least 0 always holds) to <see cref="MaxCount"/> under the defaults and under every profile:
    /// <c>atLeast: 2.5</c> or <c>atLeast: -1</c> would silently mean something else. A bound that reads a fact is
    /// compared as written.
    /// </summary>
    private Bound? CheckCountBound(Bound? bound, ExprText text, string key, int min)
    {
        if (bound is null)
        {
            return null;
        }

        foreach (var (profile, value) in _assignments)
        {
            if (Fold(bound, value) is { } count && (count != Math.Floor(count) || count < min || count > MaxCount))
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, text.At, string.Create(CultureInfo.InvariantCulture,
                    $"'{key}' must be a whole number from {min} to {MaxCount}; '{Excerpt(text.Text)}' is {count}{(profile == "(defaults)" ? string.Empty : $" under profile '{profile}'")}"));
                return null;
            }
        }

        return bound;
    }

    /// <summary>The value of numbers, parameters and arithmetic on them under one assignment of the parameters; null
    /// when the expression reads anything else.</summary>
    private static double? Fold(Bound bound, Func<ParameterDef, object?> value) => bound switch
    {
        BoundConstant { Value: double number } => number,
        BoundParameter parameter => value(parameter.Parameter) as double?,
        BoundUnary { Operator: "-" } negate => -Fold(negate.Operand, value),
        BoundBinary { Operator: "+" or "-" or "*" or "/" } binary when Fold(binary.Left, value) is { } left && Fold(binary.Right, value) is { } right =>
            binary.Operator switch { "+" => left + right, "-" => left - right, "*" => left * right, _ => right == 0 ? null : left / right },
        _ => null,
    };

    private Bound? BindTyped(ExprText text, Scope scope, FactBinding? current, DataType expected, string what)
    {
        var bound = BindAny(text, scope, current);
        if (bound is not null && !bound.Type.ComparableWith(expected))
        {
            _diagnostics.Error(DiagnosticCodes.TypeMismatch, text.At, $"{what} must be a {expected}, but '{Excerpt(text.Text)}' is a {bound.Type}");
            return null;
        }

        return bound;
    }

    private Bound? BindAny(ExprText text, Scope scope, FactBinding? current = null)
    {
        ExprNode node;
        try
        {
            node = ExprParser.Parse(text.Text);
        }
        catch (ExprSyntaxException e)
        {
            _diagnostics.Error(e.IsTooDeep ? DiagnosticCodes.TooDeep : DiagnosticCodes.ExpressionSyntax, text.AtOffset(e.Offset), $"{e.Message} in '{Excerpt(text.Text)}'");
            return null;
        }

        try
        {
            return new ExpressionBinder(this, text, scope, current).Bind(node, expected: null);
        }
        catch (InsufficientExecutionStackException)
        {
            // Unreachable while the parser's limit holds; a located error, never a dead host, if it ever does not.
            _diagnostics.Error(DiagnosticCodes.TooDeep, text.At, $"expression nests too deep to check in '{Excerpt(text.Text)}'");
            return null;
        }
    }

    /// <summary>The names visible in one rule: the case, and the bindings declared so far.</summary>
    private sealed class Scope(FactBinding @case)
    {
        public FactBinding Case { get; } = @case;

        public List<FactBinding> Declarations { get; } = [@case];

        public int LocalCount { get; set; }

        public FactBinding? Find(string name) => Declarations.FirstOrDefault(d => d.Name == name);
    }

    private const int MaxQuotedExpression = 200;

    private sealed class ExpressionBinder(RuleChecker checker, ExprText text, Scope scope, FactBinding? current)
    {
        private DiagnosticBag Diagnostics => checker._diagnostics;

        /// <summary>How deep the binder is in the tree: a backstop to the parser's limit, which already bounds it.</summary>
        private int _depth;

        public Bound? Bind(ExprNode node, DataType? expected)
        {
            if (_depth >= ExprParser.MaxDepth)
            {
                Error(DiagnosticCodes.TooDeep, node.Offset, $"expression nests deeper than {ExprParser.MaxDepth} levels");
                return null;
            }

            RuntimeHelpers.EnsureSufficientExecutionStack();
            _depth++;
            try
            {
                return BindNode(node, expected);
            }
            finally
            {
                _depth--;
            }
        }

        private Bound? BindNode(ExprNode node, DataType? expected)
        {
            switch (node)
            {
                case NumberLiteral n:
                    return new BoundConstant(n.Value, DataType.Number);
                case BooleanLiteral b:
                    return new BoundConstant(b.Value, DataType.Boolean);
                case StringLiteral s:
                    return expected is { Kind: ValueKind.Concept, ConceptSet: { } set } ? Concept(set, s.Value, s.Offset) : new BoundConstant(s.Value, DataType.Text);
                case PathNode p:
                    return BindPath(p, expected);
                case UnaryNode { Operator: "not" } u:
                    return Expect(Bind(u.Operand, DataType.Boolean), DataType.Boolean, u.Operand) is { } operand ? new BoundUnary("not", operand) : null;
                case UnaryNode u:
                    return Expect(Bind(u.Operand, DataType.Number), DataType.Number, u.Operand) is { } negated ? new BoundUnary("-", negated) : null;
                case BinaryNode { Operator: "and" or "or" } logic:
                    {
                        var left = Expect(Bind(logic.Left, DataType.Boolean), DataType.Boolean, logic.Left);
                        var right = Expect(Bind(logic.Right, DataType.Boolean), DataType.Boolean, logic.Right);
                        return left is null || right is null ? null : new BoundBinary(logic.Operator, left, right, DataType.Boolean);
                    }

                case BinaryNode { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" } compare:
                    return BindComparison(compare);
                case BinaryNode arithmetic:
                    return BindArithmetic(arithmetic);
                case InNode inNode:
                    {
                        var value = Bind(inNode.Value, null);
                        if (value is null)
                        {
                            return null;
                        }

                        var items = ImmutableArray.CreateBuilder<Bound>();
                        var bound = 0;
                        foreach (var item in inNode.Items)
                        {
                            if (Expect(Bind(item, value.Type), value.Type, item) is { } boundItem)
                            {
                                bound++;
                                items.AddRange(WithKinds(boundItem).Where(k => !items.Contains(k)));
                            }
                        }

                        return bound == inNode.Items.Length ? new BoundIn(value, items.ToImmutable(), inNode.Negated) : null;
                    }

                case KnownNode known:
                    return Bind(known.Value, null) is { } v ? new BoundKnown(v, known.Known) : null;
                case CallNode call:
                    return BindCall(call);
                default:
                    Error(DiagnosticCodes.ExpressionSyntax, node.Offset, "unsupported expression");
                    return null;
            }
        }

        /// <summary>A concept literal stands for itself and its kinds (the vocabulary's <c>kindOf</c>): a rule that
        /// names <c>facet-rfa</c> matches a <c>facet-rfa-repeat</c> too. Anything else stands for itself.</summary>
        private IEnumerable<Bound> WithKinds(Bound item) =>
            item is BoundConstant { Value: string id, Type: { Kind: ValueKind.Concept, ConceptSet: { } set } } constant
                ? checker._vocabulary.WithKinds(set, id).Select(k => k == id ? constant : new BoundConstant(k, constant.Type))
                : [item];

        private Bound? BindComparison(BinaryNode compare)
        {
            // Bind the side that is not a bare name first, so "lumbar == pain.region" also resolves the concept.
            var leftFirst = !(compare.Left is PathNode { Segments.Length: 1 } && compare.Right is not PathNode { Segments.Length: 1 });
            Bound? left, right;
            if (leftFirst)
            {
                left = Bind(compare.Left, null);
                right = left is null ? null : Bind(compare.Right, left.Type);
            }
            else
            {
                right = Bind(compare.Right, null);
                left = right is null ? null : Bind(compare.Left, right.Type);
            }

            if (left is null || right is null)
            {
                return null;
            }

            if (!left.Type.ComparableWith(right.Type))
            {
                Error(DiagnosticCodes.TypeMismatch, compare.Offset, $"cannot compare a {left.Type} with a {right.Type}");
                return null;
            }

            if (compare.Operator is not ("==" or "!=") && left.Type.Kind is not (ValueKind.Number or ValueKind.Date))
            {
                Error(DiagnosticCodes.TypeMismatch, compare.Offset, $"'{compare.Operator}' compares numbers or dates, not {left.Type}");
                return null;
            }

            // "procedure == facet-rfa" reads "procedure in [facet-rfa, facet-rfa-repeat]" when the concept has kinds;
            // between two case values (no literal) a comparison stays exact.
            foreach (var (value, literal) in new[] { (left, right), (right, left) })
            {
                if (value is not BoundConstant && WithKinds(literal).Skip(1).Any())
                {
                    return new BoundIn(value, [.. WithKinds(literal)], Negated: compare.Operator == "!=");
                }
            }

            return new BoundBinary(compare.Operator, left, right, DataType.Boolean);
        }

        private BoundBinary? BindArithmetic(BinaryNode node)
        {
            var left = Bind(node.Left, DataType.Number);
            var right = Bind(node.Right, DataType.Number);
            if (left is null || right is null)
            {
                return null;
            }

            if (node.Operator == "-" && left.Type.Kind == ValueKind.Date && right.Type.Kind == ValueKind.Date)
            {
                return new BoundBinary("-", left, right, DataType.Number);
            }

            if (node.Operator == "+" && left.Type.Kind == ValueKind.Date)
            {
                // date + days: the date a waiting interval ends ("possible from").
                return Expect(right, DataType.Number, node.Right) is null ? null : new BoundBinary("+days", left, right, DataType.Date);
            }

            if (Expect(left, DataType.Number, node.Left) is null || Expect(right, DataType.Number, node.Right) is null)
            {
                return null;
            }

            return new BoundBinary(node.Operator, left, right, DataType.Number);
        }

        private BoundCall? BindCall(CallNode call)
        {
            if (checker._functions.Find(call.Function) is not { } function)
            {
                Error(DiagnosticCodes.UnknownFunction, call.Offset, $"unknown function '{call.Function}'{DidYouMean.Hint(call.Function, checker._functions.Names)}; the functions are {string.Join(", ", checker._functions.Names)}");
                return null;
            }

            if (call.Arguments.Length != function.Parameters.Length)
            {
                Error(DiagnosticCodes.UnknownFunction, call.Offset, $"'{call.Function}' takes {function.Parameters.Length} argument(s), not {call.Arguments.Length}");
                return null;
            }

            var arguments = ImmutableArray.CreateBuilder<Bound>();
            for (var i = 0; i < call.Arguments.Length; i++)
            {
                if (Expect(Bind(call.Arguments[i], function.Parameters[i]), function.Parameters[i], call.Arguments[i]) is { } bound)
                {
                    arguments.Add(bound);
                }
            }

            return arguments.Count == function.Parameters.Length
                ? new BoundCall(function, arguments.ToImmutable(), function.UsesAssessmentDate ? scope.Case : null)
                : null;
        }

        private Bound? BindPath(PathNode path, DataType? expected)
        {
            var segments = path.Segments;
            if (segments[0] == "param")
            {
                var id = string.Join('.', segments.Skip(1));
                if (segments.Length == 2 && checker._parameters.TryGetValue(id, out var parameter))
                {
                    return new BoundParameter(parameter);
                }

                Error(DiagnosticCodes.UnknownParameter, path.Offset, $"unknown parameter '{id}'{DidYouMean.Hint(id, checker._parameters.Keys)}");
                return null;
            }

            if (expected is { Kind: ValueKind.Concept, ConceptSet: { } set } && segments.Length == 1 && checker._vocabulary.Find(set, segments[0]) is not null)
            {
                return Concept(set, segments[0], path.Offset);
            }

            if (scope.Find(segments[0]) is { Kind: not BindingKind.Case } binding)
            {
                if (segments.Length == 2 && binding.Kind == BindingKind.Count && segments[1] == CountValues.Count)
                {
                    return new BoundCount(binding);
                }

                if (segments.Length == 2 && binding.Kind == BindingKind.Count && segments[1] == CountValues.FreesOn)
                {
                    return FreesOn(binding, path.Offset);
                }

                if (segments.Length == 2 && binding.Kind == BindingKind.Match && binding.Type.Fields.TryGetValue(segments[1], out var boundField))
                {
                    return new BoundField(binding, boundField);
                }

                var fields = binding.Kind == BindingKind.Count ? CountValues.Names : binding.Type.FieldNames;
                Error(DiagnosticCodes.UnknownField, path.Offset,
                    $"'{segments[0]}' ({binding.Type.Name}) has no field '{string.Join('.', segments.Skip(1))}'{DidYouMean.Hint(string.Join('.', segments.Skip(1)), fields)}");
                return null;
            }

            var text = path.Text;
            if (current is not null && current.Type.Fields.TryGetValue(text, out var own))
            {
                return new BoundField(current, own);
            }

            if (FactSchema.Case.Fields.TryGetValue(text, out var caseField))
            {
                return new BoundField(scope.Case, caseField);
            }

            if (expected is { Kind: ValueKind.Concept, ConceptSet: { } conceptSet } && segments.Length == 1)
            {
                return Concept(conceptSet, text, path.Offset);
            }

            var candidates = FactSchema.Case.Fields.Keys
                .Concat(current?.Type.FieldNames ?? [])
                .Concat(scope.Declarations.Where(d => d.Kind != BindingKind.Case).Select(d => d.Name));
            var context = current is null ? string.Empty : $" ({current.Type.Name} fields: {string.Join(", ", current.Type.FieldNames)})";
            Error(DiagnosticCodes.UnknownField, path.Offset, $"unknown field '{text}'{DidYouMean.Hint(text, candidates)}{context}");
            return null;
        }

        private BoundFreesOn? FreesOn(FactBinding count, int offset)
        {
            if (count is { WindowDays: { } days, AtLeast: { } atLeast, Type.DateField: { } date })
            {
                return new BoundFreesOn(count, count.Type.Fields[date], days, atLeast);
            }

            Error(DiagnosticCodes.UnknownField, offset,
                $"'{count.Name}.{CountValues.FreesOn}' needs its count to have 'within' (a rolling window) and 'atLeast' (the limit): it is the date on which fewer than atLeast facts are left in the window");
            return null;
        }

        private BoundConstant? Concept(string set, string id, int offset)
        {
            if (checker._vocabulary.Find(set, id) is not null)
            {
                return new BoundConstant(id, DataType.Concept(set));
            }

            Error(DiagnosticCodes.UnknownConcept, offset, $"unknown {set} concept '{id}'{checker._vocabulary.Hint(set, id)}");
            return null;
        }

        private Bound? Expect(Bound? bound, DataType type, ExprNode node)
        {
            if (bound is null)
            {
                return null;
            }

            if (!bound.Type.ComparableWith(type))
            {
                Error(DiagnosticCodes.TypeMismatch, node.Offset, $"expected a {type} here, but this is a {bound.Type}");
                return null;
            }

            return bound;
        }

        private void Error(string code, int offset, string message) =>
            Diagnostics.Error(code, text.AtOffset(offset), $"{message} in '{Excerpt(text.Text)}'");
    }

    /// <summary>The expression as quoted in a message: whole when short, else its start, so a hostile 8 KB expression
    /// does not make an 8 KB message per error.</summary>
    private static string Excerpt(string expression) =>
        expression.Length <= MaxQuotedExpression ? expression : string.Concat(expression.AsSpan(0, MaxQuotedExpression), "…");
}
