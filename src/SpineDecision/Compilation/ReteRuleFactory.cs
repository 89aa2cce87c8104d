using System.Collections.Immutable;
using System.Linq.Expressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;

namespace SpineDecision.Compilation;

/// <summary>
/// Builds one NRules rule definition from one checked rule through the RuleModel builders (no fluent DSL). This
/// folder is the only place that knows NRules.RuleModel.
/// </summary>
/// <remarks>
/// <paramref name="caseKeyed"/> builds the network for sessions holding several cases (batches): every pattern other
/// than the rule's own case pattern then joins on the case it belongs to (<see cref="CaseKey"/>), so a case's facts
/// only ever match with that case's facts. Without it (one case per session) no such join is needed.
/// </remarks>
internal sealed class ReteRuleFactory(IReadOnlyDictionary<string, object> parameterValues, bool caseKeyed = false)
{
    private static readonly System.Reflection.MethodInfo ExecuteMethod = typeof(ActionRuntime).GetMethod(nameof(ActionRuntime.Execute))!;

    /// <summary>One folded list condition per distinct canonical text, so equal conditions share an alpha node.</summary>
    private readonly Dictionary<string, ListTest> _tests = new(StringComparer.Ordinal);

    /// <summary>The current rule's folded <c>count</c> collections: actions collect their items from the case fact.</summary>
    private readonly Dictionary<FactBinding, ListTest> _foldedCounts = [];

    private int _alternatives;

    /// <summary>The item fact types some rule still matches through a Rete pattern (not folded): only these are inserted.</summary>
    public HashSet<Type> MatchedListTypes { get; } = [];

    /// <summary>Builds the rule, or returns null when a condition is constant-false under this profile
    /// (the rule can never fire, for example a parameter switches it off).</summary>
    public IRuleDefinition? Build(CheckedRule rule)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        builder.Description(rule.Definition.Title);
        builder.Priority(rule.Definition.Priority);

        var parameters = rule.Declarations.ToDictionary(d => d, d => Expression.Parameter(ClrType(d), d.Name));
        var patterns = new Dictionary<FactBinding, PatternBuilder>();
        _foldedCounts.Clear();
        var lhs = builder.LeftHandSide();
        var caseDeclaration = rule.Declarations[0];
        patterns[caseDeclaration] = lhs.Pattern(typeof(CaseFact), caseDeclaration.Name);

        foreach (var condition in rule.Conditions)
        {
            if (!AddCondition(lhs, condition, rule, parameters, patterns, inAlternative: false))
            {
                return null;
            }
        }

        var plans = rule.Actions.Select((action, i) => Plan(rule, action, i)).ToImmutableArray();
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var facts = Expression.NewArrayInit(typeof(object), rule.Declarations.Select(d => Expression.Convert(
            _foldedCounts.TryGetValue(d, out var test) ? Collect(test, d, parameters[caseDeclaration]) : parameters[d], typeof(object))));
        var declared = rule.Declarations.Where(d => !_foldedCounts.ContainsKey(d)).Select(d => parameters[d]).Prepend(context).ToList();
        foreach (var plan in plans)
        {
            var body = Expression.Call(ExecuteMethod, context, Expression.Constant(plan), facts);
            builder.RightHandSide().Action(Expression.Lambda(body, declared));
        }

        return builder.Build();
    }

    private static Type ClrType(FactBinding declaration) =>
        declaration.Kind == BindingKind.Count ? typeof(IEnumerable<>).MakeGenericType(declaration.Type.ClrType) : declaration.Type.ClrType;

    /// <returns>false when the condition is constant-false (the rule can never fire).</returns>
    private bool AddCondition(GroupBuilder group, CheckedCondition condition, CheckedRule rule,
        Dictionary<FactBinding, ParameterExpression> parameters, Dictionary<FactBinding, PatternBuilder> patterns, bool inAlternative)
    {
        switch (condition)
        {
            case CheckedCheck check when inAlternative:
                {
                    // A check inside 'any' tests the case through an existential pattern of its own.
                    var own = new FactBinding($"case_any{_alternatives++}", FactSchema.Case, BindingKind.Local);
                    var local = new Dictionary<FactBinding, ParameterExpression>(parameters) { [rule.Declarations[0]] = Expression.Parameter(typeof(CaseFact), own.Name) };
                    var pattern = group.Exists().Pattern(typeof(CaseFact), own.Name);
                    AddCaseKey(pattern, local[rule.Declarations[0]], parameters[rule.Declarations[0]]);
                    AddConjunct(pattern, check.Expression, local, local[rule.Declarations[0]], rule);
                    return true;
                }

            case CheckedCheck check:
                {
                    if (IsConstant(check.Expression))
                    {
                        return Evaluate(check.Expression);
                    }

                    var target = check.Expression.Uses().Distinct().MaxBy(d => rule.Declarations.IndexOf(d))!;
                    AddConjunct(patterns[target], check.Expression, parameters, parameters[target], rule);
                    return true;
                }

            case CheckedAny any:
                {
                    var or = group.Group(GroupType.Or);
                    var alive = 0;
                    foreach (var alternative in any.Alternatives)
                    {
                        if (alternative is CheckedCheck c && IsConstant(c.Expression))
                        {
                            if (Evaluate(c.Expression))
                            {
                                return true;
                            }

                            continue;
                        }

                        AddCondition(or, alternative, rule, parameters, patterns, inAlternative: true);
                        alive++;
                    }

                    return alive > 0;
                }

            case CheckedPattern pattern:
                if (Fold(pattern, rule) is { } test)
                {
                    AddFolded(group, pattern, test, rule, parameters, patterns, inAlternative);
                    return true;
                }

                if (pattern.Fact.Type.ConclusionId is null)
                {
                    MatchedListTypes.Add(pattern.Fact.Type.ClrType);
                }

                return AddPattern(group, pattern, rule, parameters, patterns);
            default:
                throw new InvalidOperationException($"unknown condition {condition.GetType().Name}");
        }
    }

    private bool AddPattern(GroupBuilder group, CheckedPattern pattern, CheckedRule rule,
        Dictionary<FactBinding, ParameterExpression> parameters, Dictionary<FactBinding, PatternBuilder> patterns)
    {
        var fact = pattern.Fact;
        var local = new Dictionary<FactBinding, ParameterExpression>(parameters) { [fact] = Expression.Parameter(fact.Type.ClrType, fact.Name) };
        PatternBuilder factPattern;
        switch (pattern.Kind)
        {
            case ConditionKind.Match:
                factPattern = group.Pattern(fact.Type.ClrType, fact.Name);
                patterns[fact] = factPattern;
                parameters[fact] = local[fact];
                break;
            case ConditionKind.Exists:
                factPattern = group.Exists().Pattern(fact.Type.ClrType, fact.Name);
                break;
            case ConditionKind.None:
                factPattern = group.Not().Pattern(fact.Type.ClrType, fact.Name);
                break;
            default:
                {
                    var collection = pattern.Collection!;
                    var outer = group.Pattern(ClrType(collection), collection.Name);
                    patterns[collection] = outer;
                    var aggregate = outer.Aggregate();
                    aggregate.Collect();
                    factPattern = aggregate.Pattern(fact.Type.ClrType, fact.Name);
                    AddDiscriminator(factPattern, fact, local);
                    AddCaseKey(factPattern, local[fact], parameters[rule.Declarations[0]]);
                    foreach (var conjunct in pattern.Conjuncts)
                    {
                        AddConjunct(factPattern, conjunct, local, local[fact], rule);
                    }

                    foreach (var (bound, op) in new[] { (pattern.AtLeast, ">="), (pattern.AtMost, "<=") })
                    {
                        if (bound is not null)
                        {
                            AddConjunct(outer, new BoundBinary(op, new BoundCount(collection), bound, DataType.Boolean), parameters, parameters[collection], rule);
                        }
                    }

                    return true;
                }
        }

        AddDiscriminator(factPattern, fact, local);
        AddCaseKey(factPattern, local[fact], parameters[rule.Declarations[0]]);
        foreach (var conjunct in pattern.Conjuncts)
        {
            if (IsConstant(conjunct) && !Evaluate(conjunct))
            {
                return pattern.Kind == ConditionKind.None;
            }

            AddConjunct(factPattern, conjunct, local, local[fact], rule);
        }

        return true;
    }

    /// <summary>
    /// The folded form of an <c>exists</c>, <c>none</c> or <c>count</c> over one of the case's own lists, or null
    /// when it must stay a Rete pattern: a <c>match</c>, a conclusion (derived by rules, so truth maintenance needs the
    /// join), a condition reading another binding, a constant conjunct (kept on the pattern path, which decides it at
    /// compile time), or a count whose collection another condition reads.
    /// </summary>
    private ListTest? Fold(CheckedPattern pattern, CheckedRule rule)
    {
        var fact = pattern.Fact;
        var list = -1;
        for (var i = 0; i < FactSchema.Lists.Length && list < 0; i++)
        {
            list = FactSchema.Lists[i].Type == fact.Type ? i : -1;
        }

        var caseDeclaration = rule.Declarations[0];
        if (pattern.Kind == ConditionKind.Match || fact.Type.ConclusionId is not null || list < 0
            || pattern.Conjuncts.Any(c => IsConstant(c) || c.Uses().Any(d => d != fact && d != caseDeclaration)))
        {
            return null;
        }

        if (pattern.Collection is { } collection
            && (new[] { pattern.AtLeast, pattern.AtMost }.Any(b => b is not null && b.Uses().Any(d => d != caseDeclaration))
                || rule.Conditions.Any(c => Reads(c, collection, pattern))))
        {
            return null;
        }

        var text = new System.Text.StringBuilder(fact.Type.Name);
        foreach (var conjunct in pattern.Conjuncts)
        {
            text.Append(" & ");
            ListTest.Print(conjunct, fact, parameterValues, text);
        }

        var key = text.ToString();
        if (!_tests.TryGetValue(key, out var test))
        {
            var caseFact = Expression.Parameter(typeof(CaseFact), "c");
            var item = Expression.Parameter(typeof(object), "item");
            var typed = Expression.Convert(item, fact.Type.ClrType);
            var translator = new ExpressionTranslator(parameterValues, d => d == fact ? typed : caseFact);
            var body = pattern.Conjuncts.Select(translator.Condition).Aggregate((Expression)Expression.Constant(true), Expression.AndAlso);
            test = new ListTest(list, key, TieredCompiler.Compile(Expression.Lambda<Func<CaseFact, object, bool>>(body, caseFact, item)));
            _tests[key] = test;
        }

        return test;
    }

    /// <summary>Whether a condition other than <paramref name="self"/> reads <paramref name="binding"/>.</summary>
    private static bool Reads(CheckedCondition condition, FactBinding binding, CheckedPattern self) => condition switch
    {
        CheckedCheck check => check.Expression.Uses().Contains(binding),
        CheckedAny any => any.Alternatives.Any(a => Reads(a, binding, self)),
        CheckedPattern pattern when !ReferenceEquals(pattern, self) =>
            pattern.Conjuncts.Append(pattern.AtLeast).Append(pattern.AtMost).Any(b => b is not null && b.Uses().Contains(binding)),
        _ => false,
    };

    /// <summary>Adds a folded list condition as an alpha condition on the case fact (inside <c>any</c>, on an
    /// existential case pattern of its own, as a check there is).</summary>
    private void AddFolded(GroupBuilder group, CheckedPattern pattern, ListTest test, CheckedRule rule,
        Dictionary<FactBinding, ParameterExpression> parameters, Dictionary<FactBinding, PatternBuilder> patterns, bool inAlternative)
    {
        var caseDeclaration = rule.Declarations[0];
        PatternBuilder target;
        ParameterExpression caseFact;
        if (inAlternative)
        {
            var own = $"case_any{_alternatives++}";
            target = group.Exists().Pattern(typeof(CaseFact), own);
            caseFact = Expression.Parameter(typeof(CaseFact), own);
            AddCaseKey(target, caseFact, parameters[caseDeclaration]);
        }
        else
        {
            target = patterns[caseDeclaration];
            caseFact = parameters[caseDeclaration];
        }

        var constant = Expression.Constant(test);
        switch (pattern.Kind)
        {
            case ConditionKind.Exists:
                target.Condition(Expression.Lambda(Expression.Call(constant, nameof(ListTest.Any), null, caseFact), caseFact));
                return;
            case ConditionKind.None:
                target.Condition(Expression.Lambda(Expression.Call(constant, nameof(ListTest.None), null, caseFact), caseFact));
                return;
        }

        _foldedCounts[pattern.Collection!] = test;
        var translator = new ExpressionTranslator(parameterValues, _ => caseFact);
        var count = Expression.Call(constant, nameof(ListTest.Count), null, caseFact);
        foreach (var (bound, method) in new[] { (pattern.AtLeast, nameof(Tri.GreaterOrEqual)), (pattern.AtMost, nameof(Tri.LessOrEqual)) })
        {
            if (bound is not null)
            {
                var compare = Expression.Call(typeof(Tri), method, null, count, translator.Translate(bound));
                target.Condition(Expression.Lambda(Expression.Call(typeof(Tri), nameof(Tri.IsTrue), null, compare), caseFact));
            }
        }
    }

    /// <summary>The items a folded count counted, collected again when its rule fires.</summary>
    private static MethodCallExpression Collect(ListTest test, FactBinding collection, ParameterExpression caseFact) =>
        Expression.Call(Expression.Constant(test), nameof(ListTest.Collect), [collection.Type.ClrType], caseFact);

    /// <summary>All conclusions share one CLR type; an alpha condition on the id tells them apart.</summary>
    private static void AddDiscriminator(PatternBuilder pattern, FactBinding fact, Dictionary<FactBinding, ParameterExpression> parameters)
    {
        if (fact.Type.ConclusionId is { } id)
        {
            var p = parameters[fact];
            pattern.Condition(Expression.Lambda(
                Expression.Equal(Expression.Property(p, nameof(DerivedFact.ConclusionId)), Expression.Constant(id)), p));
        }
    }

    /// <summary>In a case-keyed network, joins a pattern's fact to the rule's case: the only join a batch adds.</summary>
    private void AddCaseKey(PatternBuilder pattern, ParameterExpression self, ParameterExpression caseFact)
    {
        if (caseKeyed)
        {
            pattern.Condition(Expression.Lambda(CaseKey.Of(self, caseFact), caseFact, self));
        }
    }

    /// <summary>Adds a condition to a pattern: alpha when it reads only the pattern's own fact, a join otherwise.
    /// NRules binds lambda parameters to declarations by name and type.</summary>
    private void AddConjunct(PatternBuilder pattern, Bound bound, Dictionary<FactBinding, ParameterExpression> parameters, ParameterExpression self, CheckedRule rule)
    {
        var translator = new ExpressionTranslator(parameterValues, d => parameters[d]);
        var body = translator.Condition(bound);
        var used = bound.Uses().Distinct().Select(d => parameters[d]).Where(p => p != self)
            .OrderBy(p => rule.Declarations.ToList().FindIndex(d => d.Name == p.Name)).Append(self).Distinct();
        pattern.Condition(Expression.Lambda(body, used));
    }

    private static bool IsConstant(Bound bound) => !bound.Uses().Any();

    private bool Evaluate(Bound bound)
    {
        var translator = new ExpressionTranslator(parameterValues, _ => throw new InvalidOperationException("constant expected"));
        return TieredCompiler.Interpret(Expression.Lambda<Func<bool>>(translator.Condition(bound)))();
    }

    private ActionPlan Plan(CheckedRule rule, CheckedAction action, int index)
    {
        var facts = Expression.Parameter(typeof(object[]), "facts");
        var declarations = rule.Declarations;
        var translator = new ExpressionTranslator(parameterValues,
            d => Expression.Convert(Expression.ArrayIndex(facts, Expression.Constant(declarations.IndexOf(d))), ClrType(d)));

        Func<object[], object?> Reader(Bound bound) =>
            TieredCompiler.Compile(Expression.Lambda<Func<object[], object?>>(Expression.Convert(translator.Translate(bound), typeof(object)), facts));

        CompiledTemplate Template(BoundTemplate template) =>
            new([.. template.Parts.Select(p => p is Bound b ? (object)(Reader(b), b.Type) : p)]);

        return new ActionPlan
        {
            Rule = rule,
            Action = action,
            Key = $"{rule.Id}#{index}",
            CountsFiring = index == 0,
            ConclusionValues = action.ConclusionValues.IsDefault ? [] : [.. action.ConclusionValues.Select(b => b is null ? null : Reader(b))],
            Target = action.Target.IsDefault ? [] : [.. action.Target.Select(b => b is null ? ((Func<object[], object?>, DataType)?)null : (Reader(b), b.Type))],
            Text = Template(action.Text),
            Steps = [.. action.Steps.Select(Template)],
            Until = action.Until is { } until ? Template(until) : null,
        };
    }
}
