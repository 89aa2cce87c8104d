using System.Collections.Immutable;
using System.Linq.Expressions;
using FastExpressionCompiler;
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
internal sealed class ReteRuleFactory(IReadOnlyDictionary<string, object> parameterValues)
{
    private static readonly System.Reflection.MethodInfo ExecuteMethod = typeof(ActionRuntime).GetMethod(nameof(ActionRuntime.Execute))!;

    private int _alternatives;

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
        var facts = Expression.NewArrayInit(typeof(object), rule.Declarations.Select(d => Expression.Convert(parameters[d], typeof(object))));
        foreach (var plan in plans)
        {
            var body = Expression.Call(ExecuteMethod, context, Expression.Constant(plan), facts);
            builder.RightHandSide().Action(Expression.Lambda(body, rule.Declarations.Select(d => parameters[d]).Prepend(context)));
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
        return Expression.Lambda<Func<bool>>(translator.Condition(bound)).CompileFast()();
    }

    private ActionPlan Plan(CheckedRule rule, CheckedAction action, int index)
    {
        var facts = Expression.Parameter(typeof(object[]), "facts");
        var declarations = rule.Declarations;
        var translator = new ExpressionTranslator(parameterValues,
            d => Expression.Convert(Expression.ArrayIndex(facts, Expression.Constant(declarations.IndexOf(d))), ClrType(d)));

        Func<object[], object?> Reader(Bound bound) =>
            Expression.Lambda<Func<object[], object?>>(Expression.Convert(translator.Translate(bound), typeof(object)), facts).CompileFast();

        CompiledTemplate Template(BoundTemplate template) =>
            new([.. template.Parts.Select(p => p is Bound b ? (object)(Reader(b), b.Type) : p)]);

        return new ActionPlan
        {
            Rule = rule,
            Action = action,
            Key = $"{rule.Id}#{index}",
            ConclusionValues = action.ConclusionValues.IsDefault ? [] : [.. action.ConclusionValues.Select(b => b is null ? null : Reader(b))],
            Target = action.Target.IsDefault ? [] : [.. action.Target.Select(b => b is null ? ((Func<object[], object?>, DataType)?)null : (Reader(b), b.Type))],
            Text = Template(action.Text),
            Steps = [.. action.Steps.Select(Template)],
            Until = action.Until is { } until ? Template(until) : null,
        };
    }
}
