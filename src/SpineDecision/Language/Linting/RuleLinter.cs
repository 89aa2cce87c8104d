using System.Collections.Immutable;
using System.Globalization;
using SpineDecision.Compilation;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Loading;
using SpineDecision.Language.Model;

namespace SpineDecision.Language.Linting;

/// <summary>
/// Finds what loads and runs but looks wrong: duplicate or shadowed rules, conclusions derived but never matched
/// (or matched but never derived), unused parameters and sources, rules a profile makes impossible, profiles citing
/// unknown sources, and missing review metadata. Reports warnings only (codes <c>SD1xxx</c>); it runs on rules that
/// checked without errors, so a warning never repeats an error.
/// </summary>
internal static class RuleLinter
{
    /// <summary>The placeholder reviewer the shipped rule sets carry until a clinician signs them off.</summary>
    public const string PendingReview = "Pending clinical review";

    /// <summary>Loads, checks and, when there were no errors, lints: what <c>spine-rules validate</c> runs.</summary>
    /// <returns>The checked rules, or null when there were errors.</returns>
    public static CheckedRuleBase? LoadCheckAndLint(IEnumerable<RuleSourceFile> files, DiagnosticBag diagnostics)
    {
        var loaded = RuleFileLoader.Load(files, diagnostics);
        if (loaded.RuleSets.IsEmpty && !diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.NoRules, new SourceLocation("(rules)", 1, 1), "no rule sets were loaded");
        }

        var rules = RuleChecker.Check(loaded, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        Lint(loaded, rules, diagnostics);
        return rules;
    }

    /// <summary>Adds every lint warning for rules that checked without errors.</summary>
    public static void Lint(LoadedRules loaded, CheckedRuleBase rules, DiagnosticBag diagnostics)
    {
        DuplicateAndShadowedRules(rules, diagnostics);
        Conclusions(loaded, rules, diagnostics);
        UnusedParameters(loaded, rules, diagnostics);
        Sources(loaded, rules, diagnostics);
        ImpossibleRules(rules, diagnostics);
        Metadata(loaded, diagnostics);
    }

    // ---- duplicate and shadowed rules ------------------------------------------------------------------------

    private static void DuplicateAndShadowedRules(CheckedRuleBase rules, DiagnosticBag diagnostics)
    {
        var signatures = rules.Rules.Select(r => (Rule: r, Conditions: ConditionSignature(r), Actions: ActionSignature(r))).ToList();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < signatures.Count; i++)
        {
            for (var j = 0; j < signatures.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var (a, aConditions, aActions) = signatures[i];
                var (b, bConditions, bActions) = signatures[j];
                if (i < j && aConditions.SetEquals(bConditions) && aActions.SequenceEqual(bActions) && reported.Add(b.Id))
                {
                    diagnostics.Warning(DiagnosticCodes.DuplicateRule, b.Definition.At,
                        $"rule '{b.Id}' has the same conditions and actions as rule '{a.Id}' at {a.Definition.At}; remove one of them or make them differ");
                }
                else if (aConditions.IsProperSubsetOf(bConditions) && !bActions.Except(aActions, StringComparer.Ordinal).Any() && reported.Add(b.Id))
                {
                    diagnostics.Warning(DiagnosticCodes.ShadowedRule, b.Definition.At,
                        $"rule '{b.Id}' is shadowed by rule '{a.Id}' at {a.Definition.At}: whenever '{b.Id}' fires, '{a.Id}' fires too with the same actions, so '{b.Id}' adds nothing");
                }
            }
        }
    }

    private static ImmutableHashSet<string> ConditionSignature(CheckedRule rule) =>
        rule.Criteria.Select(Normalize).ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>What the actions do, without their free text: two rules with the same effect and different wording are still duplicates.</summary>
    private static ImmutableArray<string> ActionSignature(CheckedRule rule) =>
        [.. rule.Definition.Then.Select(a => a.Kind switch
        {
            ActionKind.Derive => $"derive {a.Conclusion} with {string.Join(", ", a.With.IsDefault ? [] : a.With.Select(w => $"{w.Name}={Normalize(w.Value.Text)}").Order(StringComparer.Ordinal))}",
            ActionKind.Recommend => $"recommend {a.Procedure} {a.Intent} {a.Strength} {a.Approach} region={Normalize(a.TargetRegion?.Text)} side={Normalize(a.TargetSide?.Text)} levels={Normalize(a.TargetLevels?.Text)}",
            ActionKind.Withhold or ActionKind.Caution => $"{a.Kind} {a.Procedure ?? "group " + a.Group} {a.Reason}",
            ActionKind.Alert => $"alert {a.Category} {a.Severity}",
            _ => $"ask {a.Datum}",
        }).Order(StringComparer.Ordinal)];

    private static string Normalize(string? text) =>
        text is null ? string.Empty : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // ---- conclusions -----------------------------------------------------------------------------------------

    private static void Conclusions(LoadedRules loaded, CheckedRuleBase rules, DiagnosticBag diagnostics)
    {
        var derived = rules.Rules.SelectMany(r => r.Actions).Select(a => a.Conclusion?.ConclusionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var matched = rules.Rules.SelectMany(r => r.Conditions.SelectMany(Patterns)).Select(p => p.Fact.Type.ConclusionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var conclusion in loaded.RuleSets.SelectMany(s => s.Conclusions))
        {
            var isDerived = derived.Contains(conclusion.Id);
            var isMatched = matched.Contains(conclusion.Id);
            if (isDerived && !isMatched)
            {
                diagnostics.Warning(DiagnosticCodes.ConclusionNeverMatched, conclusion.At,
                    $"conclusion '{conclusion.Id}' is derived but no rule matches it; derive it only if a rule uses it");
            }
            else if (isMatched && !isDerived)
            {
                var users = rules.Rules.Where(r => r.Conditions.SelectMany(Patterns).Any(p => p.Fact.Type.ConclusionId == conclusion.Id)).Select(r => r.Id);
                diagnostics.Warning(DiagnosticCodes.ConclusionNeverDerived, conclusion.At,
                    $"conclusion '{conclusion.Id}' is matched by {string.Join(", ", users)} but no rule derives it, so those rules can only fire when it is absent");
            }
            else if (!isDerived && !isMatched)
            {
                diagnostics.Warning(DiagnosticCodes.ConclusionUnused, conclusion.At,
                    $"conclusion '{conclusion.Id}' is declared but no rule derives or matches it");
            }
        }
    }

    private static IEnumerable<CheckedPattern> Patterns(CheckedCondition condition) => ConclusionCycles.Patterns(condition);

    // ---- parameters and sources ------------------------------------------------------------------------------

    private static void UnusedParameters(LoadedRules loaded, CheckedRuleBase rules, DiagnosticBag diagnostics)
    {
        var used = rules.Rules.SelectMany(AllBound).SelectMany(Descendants).OfType<BoundParameter>()
            .Select(p => p.Parameter.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in loaded.RuleSets.SelectMany(s => s.Parameters).Where(p => !used.Contains(p.Id)))
        {
            diagnostics.Warning(DiagnosticCodes.UnusedParameter, parameter.At,
                $"parameter '{parameter.Id}' is not used by any rule; use it as param.{parameter.Id} or remove it");
        }
    }

    private static void Sources(LoadedRules loaded, CheckedRuleBase rules, DiagnosticBag diagnostics)
    {
        var declared = loaded.RuleSets.SelectMany(s => s.Header.Sources).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var profile in rules.Profiles)
        {
            var unknown = profile.Sources.Where(s => !declared.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                diagnostics.Warning(DiagnosticCodes.ProfileUnknownSource, profile.At,
                    $"profile '{profile.Id}' cites {string.Join(", ", unknown.Select(s => $"'{s}'{DidYouMean.Hint(s, declared)}"))}, which no rule set declares under 'sources'");
            }
        }

        var citedByProfiles = rules.Profiles.SelectMany(p => p.Sources).ToHashSet(StringComparer.Ordinal);
        foreach (var set in loaded.RuleSets)
        {
            var cited = set.Rules.SelectMany(r => r.Cites.Select(c => c.Value)).Concat(set.Parameters.SelectMany(p => p.Sources)).ToHashSet(StringComparer.Ordinal);
            foreach (var source in set.Header.Sources.Where(s => !cited.Contains(s.Id) && !citedByProfiles.Contains(s.Id)))
            {
                diagnostics.Warning(DiagnosticCodes.UnusedSource, source.At,
                    $"source '{source.Id}' of rule set '{set.Header.Id}' is not cited by any rule, parameter or profile; cite it or remove it");
            }
        }
    }

    private static IEnumerable<Bound> AllBound(CheckedRule rule) =>
        rule.Conditions.SelectMany(AllBound).Concat(rule.Actions.SelectMany(a =>
            (a.ConclusionValues.IsDefault ? [] : a.ConclusionValues).Concat(a.Target.IsDefault ? [] : a.Target).OfType<Bound>()
                .Concat(a.Text.Expressions).Concat(a.Steps.SelectMany(s => s.Expressions))));

    private static IEnumerable<Bound> AllBound(CheckedCondition condition) => condition switch
    {
        CheckedCheck c => [c.Expression],
        CheckedPattern p => p.Conjuncts.Concat(new[] { p.AtLeast, p.AtMost }.OfType<Bound>()),
        CheckedAny a => a.Alternatives.SelectMany(AllBound),
        _ => [],
    };

    private static IEnumerable<Bound> Descendants(Bound bound) => bound.Children.SelectMany(Descendants).Prepend(bound);

    // ---- rules a profile makes impossible --------------------------------------------------------------------

    private static void ImpossibleRules(CheckedRuleBase rules, DiagnosticBag diagnostics)
    {
        var profiles = rules.Profiles.IsEmpty ? [null] : rules.Profiles.Select(p => p.Id).Order(StringComparer.Ordinal).ToList<string?>();
        var impossible = new Dictionary<string, List<(string Profile, string Why)>>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var compiled = RuleBaseCompiler.Compile(rules, profile);
            var name = profile ?? compiled.ProfileId;
            foreach (var id in compiled.RulesImpossibleUnderProfile)
            {
                Add(id, name, "a condition is always false with the profile's parameter values");
            }

            foreach (var rule in rules.Rules.Where(r => !compiled.RulesImpossibleUnderProfile.Contains(r.Id)))
            {
                if (ContradictoryCount(rule, compiled.ParameterValues) is { } why)
                {
                    Add(rule.Id, name, why);
                }
            }
        }

        foreach (var rule in rules.Rules.Where(r => impossible.ContainsKey(r.Id)))
        {
            var under = impossible[rule.Id];
            if (under.Count < profiles.Count && IsProfileSwitch(rule))
            {
                // The author switched the rule on and off by profile on purpose (check: "param.x == true").
                continue;
            }

            var scope = under.Count == profiles.Count && profiles.Count > 1 ? "any profile" : $"profile {string.Join(", ", under.Select(u => $"'{u.Profile}'"))}";
            diagnostics.Warning(DiagnosticCodes.RuleImpossibleUnderProfile, rule.Definition.At,
                $"rule '{rule.Id}' can never fire under {scope}: {string.Join("; ", under.Select(u => u.Why).Distinct(StringComparer.Ordinal))}" +
                (under.Count < profiles.Count ? "; if that is intended, say so with a check on the parameter, for example check: \"param.x >= 2\"" : string.Empty));
        }

        void Add(string ruleId, string profile, string why)
        {
            if (!impossible.TryGetValue(ruleId, out var list))
            {
                impossible[ruleId] = list = [];
            }

            list.Add((profile, why));
        }
    }

    /// <summary>A condition on parameters alone, such as <c>check: "param.sijRfaCovered == true"</c>: the rule is meant
    /// to be switched on or off by profile, so a profile that switches it off is no surprise.</summary>
    private static bool IsProfileSwitch(CheckedRule rule) =>
        rule.Conditions.OfType<CheckedCheck>().Any(c => !c.Expression.Uses().Any() && Descendants(c.Expression).OfType<BoundParameter>().Any());

    /// <summary>A count whose constant bounds cannot both hold, for example at least 1 and at most
    /// <c>param.mbbBlocksRequired - 1</c> = 0 when a profile requires one block.</summary>
    private static string? ContradictoryCount(CheckedRule rule, IReadOnlyDictionary<string, object> values)
    {
        foreach (var pattern in rule.Conditions.OfType<CheckedPattern>().Where(p => p.Kind == ConditionKind.Count))
        {
            var least = pattern.AtLeast is null ? 0 : Constant(pattern.AtLeast, values);
            var most = pattern.AtMost is null ? double.PositiveInfinity : Constant(pattern.AtMost, values);
            if (least is { } l && most is { } m && (l > m || m < 0))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"'count {pattern.Fact.Type.Name}' needs at least {l} and at most {m} with this profile's parameter values");
            }
        }

        return null;
    }

    private static double? Constant(Bound bound, IReadOnlyDictionary<string, object> values) => bound switch
    {
        BoundConstant { Value: double d } => d,
        BoundParameter p when values.TryGetValue(p.Parameter.Id, out var v) && v is double d => d,
        BoundUnary { Operator: "-" } u => -Constant(u.Operand, values),
        BoundBinary { Operator: "+" } b => Constant(b.Left, values) + Constant(b.Right, values),
        BoundBinary { Operator: "-" } b => Constant(b.Left, values) - Constant(b.Right, values),
        BoundBinary { Operator: "*" } b => Constant(b.Left, values) * Constant(b.Right, values),
        _ => null,
    };

    // ---- metadata --------------------------------------------------------------------------------------------

    private static void Metadata(LoadedRules loaded, DiagnosticBag diagnostics)
    {
        foreach (var header in loaded.RuleSets.Select(s => s.Header))
        {
            if (header.Reviewers.All(r => string.IsNullOrWhiteSpace(r) || string.Equals(r.Trim(), PendingReview, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Warning(DiagnosticCodes.ReviewPending, header.At,
                    $"rule set '{header.Id}' has no clinical reviewer yet ('reviewers' is {(header.Reviewers.IsEmpty ? "empty" : $"'{PendingReview}'")}); name the clinicians who reviewed it before it is used for patient care");
            }

            if (header.Revised < header.Released)
            {
                diagnostics.Warning(DiagnosticCodes.RevisedBeforeReleased, header.At, string.Create(CultureInfo.InvariantCulture,
                    $"rule set '{header.Id}' was revised on {header.Revised:yyyy-MM-dd}, before it was released on {header.Released:yyyy-MM-dd}"));
            }
        }
    }
}
