using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Compilation;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;
using SpineDecision.Reports;

namespace SpineDecision.Engine;

/// <summary>
/// Why-not (<see cref="EvaluationOptions.Explain"/>): for each procedure of a considered pathway that is not
/// recommended, the criteria of the rules that would recommend it that failed or were unknown for this case, with the
/// patient's values against the thresholds.
/// </summary>
/// <remarks>
/// The recommending rules of a procedure are known from the rules alone (<see cref="PathwayMap.Recommenders"/>).
/// Their conditions are evaluated against the case facts and the conclusions the session derived, outside the Rete
/// network, with the network's own expression translation (<see cref="CriterionEvaluator"/>), so the two cannot
/// disagree on three-valued semantics or profile thresholds. Only the closest rules are reported: of a procedure's
/// recommending rules, those with the fewest unmet conditions; a conclusion that was not derived is explained by the
/// closest of the rules that derive it (recursively). A facet question is therefore never answered with SCS
/// criteria: only pathways the report considered are explained. Runs only when asked for; nothing here touches the
/// evaluation path otherwise.
/// </remarks>
internal sealed class WhyNotBuilder(CompiledRuleBase compiled, PathwayMap map, FrozenDictionary<string, RuleReference> references,
    ImmutableArray<ProcedureInfo> procedures)
{
    public const string Failed = "failed";
    public const string Unknown = "unknown";

    private const int MaxDepth = 8;

    private readonly ConcurrentDictionary<CheckedRule, CriterionEvaluator> _evaluators = new(ReferenceEqualityComparer.Instance);

    private PathwayMap Map => map;

    private RuleReference Reference(CheckedRule rule) => references[rule.Id];

    /// <param name="patientCase">The case.</param>
    /// <param name="facts">The case fact, holding its list items.</param>
    /// <param name="derived">The conclusions the session derived.</param>
    /// <param name="considered">Per pathway index, whether the report considered it.</param>
    /// <param name="recommended">Per procedure index, whether a rule recommended it (even if withheld afterwards:
    /// the withheld list then says why).</param>
    public ImmutableArray<WhyNot> Build(PatientCase patientCase, CaseFact facts, List<DerivedFact> derived, bool[] considered, bool[] recommended)
    {
        var context = new Context(patientCase, facts, derived);
        var result = ImmutableArray.CreateBuilder<WhyNot>();
        for (var p = 0; p < map.Procedures.Length; p++)
        {
            var pathway = map.ProcedurePathway[p];
            if (pathway < 0 || !considered[pathway] || recommended[p])
            {
                continue;
            }

            var criteria = Closest(map.Recommenders(map.Procedures[p]), context, forRule: null, new HashSet<string>(StringComparer.Ordinal));
            if (criteria.Count > 0)
            {
                result.Add(new WhyNot(procedures[p], map.Pathways[pathway].Id, Distinct(criteria)));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The unmet criteria of the rules with the fewest unmet conditions (all of them on a tie); nothing when one
    /// of the rules holds entirely (then something other than its criteria stopped it).</summary>
    private List<UnmetCriterion> Closest(ImmutableArray<CheckedRule> rules, Context context, string? forRule, HashSet<string> visiting)
    {
        var best = int.MaxValue;
        var found = new List<UnmetCriterion>();
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (visiting.Count >= MaxDepth || !visiting.Add(rule.Id))
            {
                continue;
            }

            var (unmet, criteria) = Evaluate(rule, context, forRule ?? rule.Id, visiting);
            visiting.Remove(rule.Id);
            if (unmet == 0)
            {
                return [];
            }

            if (unmet < best)
            {
                best = unmet;
                found.Clear();
            }

            if (unmet == best)
            {
                found.AddRange(criteria);
            }
        }

        return found;
    }

    private (int Unmet, List<UnmetCriterion> Criteria) Evaluate(CheckedRule rule, Context context, string forRule, HashSet<string> visiting)
    {
        var evaluator = _evaluators.GetOrAdd(rule, static (r, parameters) => new CriterionEvaluator(r, parameters), compiled.ParameterValues);
        var environment = new object?[evaluator.SlotCount];
        environment[evaluator.Slot(rule.Declarations[0])] = context.Case;
        var walk = new Walk(this, evaluator, environment, context, forRule, visiting);
        var unmet = 0;
        var criteria = new List<UnmetCriterion>();
        for (var i = 0; i < rule.Conditions.Length; i++)
        {
            if (walk.Condition(rule.Conditions[i], rule.Criteria[i]) is { } failed)
            {
                unmet++;
                criteria.AddRange(failed);
            }
        }

        return (unmet, criteria);
    }

    private static ImmutableArray<UnmetCriterion> Distinct(List<UnmetCriterion> criteria) =>
        [.. criteria.DistinctBy(c => (c.Rule.RuleId, c.Criterion, c.Text))];

    /// <summary>The facts of one case, by type, and whether each case list was documented.</summary>
    private sealed class Context(PatientCase patientCase, CaseFact facts, List<DerivedFact> derived)
    {
        private readonly Dictionary<string, List<object>> _byType = new(StringComparer.Ordinal);

        public object Case { get; } = facts;

        public List<object> Candidates(FactTypeDef type)
        {
            if (!_byType.TryGetValue(type.Name, out var list))
            {
                list = type.ConclusionId is { } id
                    ? [.. derived.Where(d => d.ConclusionId == id)]
                    : [.. facts.All().Where(f => f.GetType() == type.ClrType)];
                _byType[type.Name] = list;
            }

            return list;
        }

        /// <summary>Whether the case documents the list this fact type comes from ([] is documented, a missing list is not).</summary>
        public bool Documented(FactTypeDef type)
        {
            var plan = FactSchema.Lists.FirstOrDefault(l => l.Type.Name == type.Name);
            if (plan is null)
            {
                return true;
            }

            while (plan.Parent is not null)
            {
                plan = plan.Parent;
            }

            return plan.Items(patientCase) is not null;
        }
    }

    /// <summary>One rule's conditions in order, filling the environment as patterns bind facts.</summary>
    private sealed class Walk(WhyNotBuilder owner, CriterionEvaluator evaluator, object?[] environment, Context context, string forRule, HashSet<string> visiting)
    {
        private CheckedRule Rule => evaluator.Rule;

        /// <summary>The unmet criteria of one condition, or null when it holds or cannot be evaluated (it reads a fact
        /// an earlier unmet pattern would have bound).</summary>
        public List<UnmetCriterion>? Condition(CheckedCondition condition, string criterion) => condition switch
        {
            CheckedCheck check => Check(check, criterion),
            CheckedPattern pattern => Pattern(pattern, criterion),
            CheckedAny any => Any(any, criterion),
            _ => null,
        };

        private List<UnmetCriterion>? Check(CheckedCheck check, string criterion)
        {
            if (!evaluator.CanEvaluate(check.Expression, environment))
            {
                return null;
            }

            var value = evaluator.Value(check.Expression, environment);
            if (value is true)
            {
                return null;
            }

            var leaves = new List<Bound>();
            Leaves(check.Expression, leaves);
            return [Criterion(value is null ? Unknown : Failed, criterion, string.Join("; ", leaves.Select(Render)), leaves)];
        }

        private List<UnmetCriterion>? Any(CheckedAny any, string criterion)
        {
            var parts = new List<UnmetCriterion>();
            foreach (var alternative in any.Alternatives)
            {
                if (Condition(alternative, criterion) is not { } failed)
                {
                    return null;
                }

                parts.AddRange(failed);
            }

            if (parts.Count == 0)
            {
                return null;
            }

            return [new UnmetCriterion(parts.Exists(p => p.Status == Unknown) ? Unknown : Failed, criterion, string.Join(" or ", parts.Select(p => p.Text)),
                Names(parts.SelectMany(p => p.Parameters)), Names(parts.SelectMany(p => p.Fields)), owner.Reference(Rule), forRule)];
        }

        private List<UnmetCriterion>? Pattern(CheckedPattern pattern, string criterion)
        {
            var type = pattern.Fact.Type;
            var own = evaluator.Slot(pattern.Fact);
            var outer = pattern.Conjuncts.Where(c => c.Uses().All(b => ReferenceEquals(b, pattern.Fact) || environment[evaluator.Slot(b)] is not null)).ToList();
            var candidates = context.Candidates(type);
            var passing = new List<object>();
            object? closest = null;
            List<Bound>? closestFailing = null;
            var undecided = 0;
            foreach (var candidate in candidates)
            {
                environment[own] = candidate;
                var failing = outer.Where(c => evaluator.Value(c, environment) is not true).ToList();
                if (failing.Count == 0)
                {
                    passing.Add(candidate);
                    if (pattern.Kind is ConditionKind.Match or ConditionKind.Exists)
                    {
                        break;
                    }

                    continue;
                }

                if (failing.TrueForAll(c => evaluator.Value(c, environment) is null))
                {
                    undecided++;
                }

                if (closestFailing is null || failing.Count < closestFailing.Count)
                {
                    (closest, closestFailing) = (candidate, failing);
                }
            }

            environment[own] = null;
            var names = pattern.Conjuncts.Append(pattern.AtLeast).Append(pattern.AtMost).OfType<Bound>().ToList();
            switch (pattern.Kind)
            {
                case ConditionKind.Match or ConditionKind.Exists when passing.Count > 0:
                    if (pattern.Kind == ConditionKind.Match)
                    {
                        environment[own] = passing[0];
                    }

                    return null;
                case ConditionKind.Match or ConditionKind.Exists when candidates.Count == 0 && type.ConclusionId is { } conclusion:
                    {
                        var derivers = owner.Map.Derivers(conclusion);
                        var because = owner.Closest(derivers, context, forRule, visiting);
                        return because.Count > 0 ? because : [Criterion(Failed, criterion, $"{conclusion} was not derived", names, type)];
                    }

                case ConditionKind.Match or ConditionKind.Exists when closest is null:
                    return context.Documented(type)
                        ? [Criterion(Failed, criterion, $"no {type.Name} in the case", names, type)]
                        : [Criterion(Unknown, criterion, $"{type.Name} not documented", names, type)];
                case ConditionKind.Match or ConditionKind.Exists:
                    {
                        environment[own] = closest;
                        var text = $"no matching {type.Name}: " + string.Join("; ", closestFailing!.Select(Render));
                        var status = undecided > 0 ? Unknown : Failed;
                        environment[own] = null;
                        var more = candidates.Count > 1 ? $" (closest of {candidates.Count} {type.Name} facts)" : string.Empty;
                        return [Criterion(status, criterion, text + more, closestFailing!, type)];
                    }

                case ConditionKind.None:
                    return passing.Count == 0 ? null : [Criterion(Failed, criterion, $"{passing.Count} matching {type.Name} found, required none", names, type)];
                default:
                    return Count(pattern, criterion, passing, undecided, names);
            }
        }

        private List<UnmetCriterion>? Count(CheckedPattern pattern, string criterion, List<object> passing, int undecided, List<Bound> names)
        {
            var collection = pattern.Collection!;
            var items = Array.CreateInstance(collection.Type.ClrType, passing.Count);
            for (var i = 0; i < passing.Count; i++)
            {
                items.SetValue(passing[i], i);
            }

            var slot = evaluator.Slot(collection);
            environment[slot] = items;
            double count = passing.Count;
            var least = pattern.AtLeast is { } l && evaluator.CanEvaluate(l, environment) ? evaluator.Value(l, environment) as double? : null;
            var most = pattern.AtMost is { } m && evaluator.CanEvaluate(m, environment) ? evaluator.Value(m, environment) as double? : null;
            var holds = Tri.And(pattern.AtLeast is null ? true : Tri.GreaterOrEqual(count, least), pattern.AtMost is null ? true : Tri.LessOrEqual(count, most));
            if (holds == true)
            {
                return null;
            }

            environment[slot] = null;
            var required = holds is null ? "a threshold is unknown"
                : least is { } atLeast && count < atLeast ? $"required at least {Threshold(pattern.AtLeast!, atLeast)}"
                : $"required at most {Threshold(pattern.AtMost!, most)}";
            var text = $"{passing.Count} matching {pattern.Fact.Type.Name} found, {required}";
            if (undecided > 0)
            {
                text += $"; {undecided} more with undocumented values";
            }

            return [Criterion(undecided > 0 || holds is null ? Unknown : Failed, criterion, text, names, pattern.Fact.Type)];
        }

        /// <summary>The leaves of a boolean expression that are not true: every such side of an <c>and</c>; of an
        /// <c>or</c>, the side closest to holding (both on a tie).</summary>
        private void Leaves(Bound node, List<Bound> into)
        {
            switch (node)
            {
                case BoundBinary { Operator: "and" } and:
                    foreach (var side in new[] { and.Left, and.Right })
                    {
                        if (evaluator.Value(side, environment) is not true)
                        {
                            Leaves(side, into);
                        }
                    }

                    break;
                case BoundBinary { Operator: "or" } or:
                    {
                        var left = new List<Bound>();
                        var right = new List<Bound>();
                        Leaves(or.Left, left);
                        Leaves(or.Right, right);
                        if (left.Count <= right.Count)
                        {
                            into.AddRange(left);
                        }

                        if (right.Count <= left.Count)
                        {
                            into.AddRange(right);
                        }

                        break;
                    }

                default:
                    into.Add(node);
                    break;
            }
        }

        /// <summary>A leaf against the patient's values: <c>pain.durationWeeks = 3 weeks, required &gt;= 4 weeks (param esiMinPainWeeks)</c>.</summary>
        private string Render(Bound leaf)
        {
            switch (leaf)
            {
                case BoundBinary { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" } comparison:
                    {
                        var swap = IsFixed(comparison.Left) && !IsFixed(comparison.Right);
                        var (left, right) = swap ? (comparison.Right, comparison.Left) : (comparison.Left, comparison.Right);
                        var op = swap ? Mirror(comparison.Operator) : comparison.Operator;
                        var unit = Unit(left) ?? Unit(right);
                        return $"{Show(left)} = {Format(left, unit)}, required {op} {Operand(right, unit)}";
                    }

                case BoundIn set:
                    return $"{Show(set.Value)} = {Format(set.Value, null)}, required {(set.Negated ? "not in" : "in")} [{string.Join(", ", set.Items.Select(i => Operand(i, null)))}]";
                case BoundKnown known:
                    return $"{Show(known.Value)} = {Format(known.Value, null)}, required {(known.Known ? "known" : "unknown")}";
                default:
                    return $"{Show(leaf)} = {Format(leaf, null)}, required true";
            }
        }

        private string Operand(Bound operand, string? unit) => operand switch
        {
            BoundConstant => Format(operand, unit),
            BoundParameter parameter => $"{Format(operand, unit)} (param {parameter.Parameter.Id})",
            _ => $"{Show(operand)} ({Format(operand, unit)})",
        };

        private static string Threshold(Bound threshold, double? value) => threshold is BoundParameter parameter
            ? $"{FieldDef.FormatValue(value, DataType.Number) ?? Unknown} (param {parameter.Parameter.Id})"
            : FieldDef.FormatValue(value, DataType.Number) ?? Unknown;

        private string Format(Bound node, string? unit)
        {
            var text = FieldDef.FormatValue(evaluator.CanEvaluate(node, environment) ? evaluator.Value(node, environment) : null, node.Type);
            if (text is null)
            {
                return Unknown;
            }

            return node.Type.Kind != ValueKind.Number || unit is null ? text : unit == "percent" ? text + " %" : $"{text} {unit}";
        }

        private UnmetCriterion Criterion(string status, string criterion, string text, IEnumerable<Bound> nodes, FactTypeDef? pattern = null)
        {
            var list = nodes.ToList();
            var fields = list.SelectMany(n => n.FieldsRead()).Where(f => f != "assessmentDate");
            if (pattern is not null)
            {
                fields = fields.Append(pattern.ConclusionId is null ? pattern.Name : pattern.ConclusionId);
            }

            return new UnmetCriterion(status, criterion, text, Names(list.SelectMany(n => n.ParametersRead())), Names(fields), owner.Reference(Rule), forRule);
        }

        private static ImmutableArray<string> Names(IEnumerable<string> names) => [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        /// <summary>An expression close to how it was written.</summary>
        private static string Show(Bound node) => node switch
        {
            BoundField { Binding.Kind: BindingKind.Case } field => field.Field.Name,
            BoundField { Binding.Kind: BindingKind.Local } field => $"{field.Binding.Type.Name}.{field.Field.Name}",
            BoundField field => $"{field.Binding.Name}.{field.Field.Name}",
            BoundCount count => $"{count.Binding.Name}.{CountValues.Count}",
            BoundFreesOn frees => $"{frees.Binding.Name}.{CountValues.FreesOn}",
            BoundConstant constant => FieldDef.FormatValue(constant.Value, constant.Type) ?? Unknown,
            BoundParameter parameter => $"param.{parameter.Parameter.Id}",
            BoundUnary { Operator: "not" } not => $"not ({Show(not.Operand)})",
            BoundUnary negate => $"-{Show(negate.Operand)}",
            BoundBinary { Operator: "-days" } minus => $"{Show(minus.Left)} - {Show(minus.Right)} days",
            BoundBinary { Operator: "+days" } plus => $"{Show(plus.Left)} + {Show(plus.Right)} days",
            BoundBinary { Operator: "and" or "or" } logic => $"({Show(logic.Left)} {logic.Operator} {Show(logic.Right)})",
            BoundBinary binary => $"{Show(binary.Left)} {binary.Operator} {Show(binary.Right)}",
            BoundIn set => $"{Show(set.Value)} {(set.Negated ? "not in" : "in")} [{string.Join(", ", set.Items.Select(Show))}]",
            BoundKnown known => $"{Show(known.Value)} is {(known.Known ? "known" : "unknown")}",
            BoundCall call => $"{call.Function.Name}({string.Join(", ", call.Arguments.Select(Show))})",
            _ => node.GetType().Name,
        };

        private static bool IsFixed(Bound node) => !node.Uses().Any();

        private static string Mirror(string op) => op switch
        {
            "<" => ">",
            "<=" => ">=",
            ">" => "<",
            ">=" => "<=",
            _ => op,
        };

        private static string? Unit(Bound node) => node switch
        {
            BoundParameter { Parameter.Unit: { } unit } => unit,
            BoundBinary { Operator: "+" or "-" or "*" or "/" } arithmetic => Unit(arithmetic.Left) ?? Unit(arithmetic.Right),
            _ => null,
        };
    }
}
