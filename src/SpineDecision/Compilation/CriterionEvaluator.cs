using System.Collections.Concurrent;
using System.Linq.Expressions;
using SpineDecision.Language.Checking;

namespace SpineDecision.Compilation;

/// <summary>
/// Evaluates the typed conditions of one rule outside the Rete network, for why-not: every expression node compiles,
/// through the same <see cref="ExpressionTranslator"/> as the network (same three-valued semantics, same profile
/// constants), to a delegate over an environment array with one slot per fact binding of the rule (its declarations,
/// then the local facts of its <c>exists</c>, <c>none</c> and <c>count</c> patterns).
/// </summary>
/// <remarks>
/// Built on the first why-not that needs the rule and shared by every later one, so an engine that never explains
/// pays nothing at build or per evaluation. Each node is compiled on first use: a failing leaf needs its operands'
/// values to show the patient's value against the threshold.
/// </remarks>
internal sealed class CriterionEvaluator
{
    private readonly Dictionary<FactBinding, int> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Bound, Func<object?[], object?>> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly ExpressionTranslator _translator;
    private readonly ParameterExpression _environment = Expression.Parameter(typeof(object?[]), "env");

    public CriterionEvaluator(CheckedRule rule, IReadOnlyDictionary<string, object> parameterValues)
    {
        Rule = rule;
        foreach (var declaration in rule.Declarations)
        {
            _slots[declaration] = _slots.Count;
        }

        foreach (var condition in rule.Conditions)
        {
            AddLocals(condition);
        }

        _translator = new ExpressionTranslator(parameterValues, binding =>
            Expression.Convert(Expression.ArrayIndex(_environment, Expression.Constant(_slots[binding])), ClrType(binding)));
    }

    public CheckedRule Rule { get; }

    /// <summary>The number of slots an environment for this rule needs.</summary>
    public int SlotCount => _slots.Count;

    public int Slot(FactBinding binding) => _slots[binding];

    /// <summary>The CLR type a slot holds: the fact type, or for a <c>count</c> collection an array of it.</summary>
    public static Type ClrType(FactBinding binding) =>
        binding.Kind == BindingKind.Count ? typeof(IEnumerable<>).MakeGenericType(binding.Type.ClrType) : binding.Type.ClrType;

    /// <summary>The three-valued value of a node (null is unknown). Every binding it uses must be filled.</summary>
    public object? Value(Bound node, object?[] environment) =>
        _nodes.GetOrAdd(node, static (n, self) => self.Compile(n), this)(environment);

    /// <summary>Whether every binding an expression reads is filled (a later condition cannot be evaluated when the
    /// fact it joins with is missing).</summary>
    public bool CanEvaluate(Bound node, object?[] environment)
    {
        foreach (var binding in node.Uses())
        {
            if (environment[_slots[binding]] is null)
            {
                return false;
            }
        }

        return true;
    }

    private Func<object?[], object?> Compile(Bound node) =>
        TieredCompiler.Compile(Expression.Lambda<Func<object?[], object?>>(Expression.Convert(_translator.Translate(node), typeof(object)), _environment));

    private void AddLocals(CheckedCondition condition)
    {
        switch (condition)
        {
            case CheckedPattern pattern:
                _slots.TryAdd(pattern.Fact, _slots.Count);
                if (pattern.Collection is { } collection)
                {
                    _slots.TryAdd(collection, _slots.Count);
                }

                break;
            case CheckedAny any:
                foreach (var alternative in any.Alternatives)
                {
                    AddLocals(alternative);
                }

                break;
        }
    }
}
