using System.Collections.Immutable;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;

namespace SpineDecision.Compilation;

/// <summary>
/// One compiled <c>then:</c> item: everything an action needs at run time, prepared once at compile time so that
/// firing it is a few delegate calls. Facts arrive as the rule's declarations in order (case first).
/// </summary>
internal sealed class ActionPlan
{
    public required CheckedRule Rule { get; init; }

    public required CheckedAction Action { get; init; }

    /// <summary>The linked-fact key, unique within the rule's activation.</summary>
    public required string Key { get; init; }

    public ActionKind Kind => Action.Definition.Kind;

    /// <summary>Whether this is the rule's first action: it counts the rule's firing for a batch (<see cref="CaseFact.Firings"/>).</summary>
    public bool CountsFiring { get; init; }

    /// <summary>For derive: one reader per conclusion attribute (null readers leave the attribute unknown).</summary>
    public ImmutableArray<Func<object[], object?>?> ConclusionValues { get; init; } = [];

    /// <summary>For recommend: region, side and levels readers.</summary>
    public ImmutableArray<(Func<object[], object?> Read, DataType Type)?> Target { get; init; } = [];

    public required CompiledTemplate Text { get; init; }

    public ImmutableArray<CompiledTemplate> Steps { get; init; } = [];

    /// <summary>For a temporary withhold: when to reassess.</summary>
    public CompiledTemplate? Until { get; init; }
}

/// <summary>Text with placeholders, compiled to readers.</summary>
internal sealed class CompiledTemplate(ImmutableArray<object> parts)
{
    [ThreadStatic]
    private static System.Text.StringBuilder? _builder;

    /// <summary>The text when no part reads a fact, joined once at compile time.</summary>
    private readonly string? _constant = parts.All(p => p is string) ? string.Concat(parts.Cast<string>()) : null;

    /// <summary>Whether the text reads no fact: <see cref="Render"/> then always returns the same string.</summary>
    public bool IsConstant => _constant is not null;

    public string Render(object[] facts)
    {
        if (_constant is not null)
        {
            return _constant;
        }

        // One builder per thread, reused: rendering runs inside an action, once per activation.
        var builder = _builder ??= new System.Text.StringBuilder(256);
        builder.Clear();
        foreach (var part in parts)
        {
            if (part is string text)
            {
                builder.Append(text);
            }
            else
            {
                var (read, type) = ((Func<object[], object?>, DataType))part;
                builder.Append(FieldDef.FormatValue(read(facts), type) ?? "unknown");
            }
        }

        var result = builder.ToString();
        if (builder.Capacity > 4096)
        {
            _builder = null;
        }

        return result;
    }
}

/// <summary>What generated actions call. Upserts linked facts (NRULES.md §2.2): the first activation inserts,
/// a re-activation refreshes the same instance and updates it, so no "linked fact already exists" failure.</summary>
internal static class ActionRuntime
{
    public static void Execute(NRules.RuleModel.IContext context, ActionPlan plan, object[] facts)
    {
        if (plan.CountsFiring)
        {
            // facts[0] is the rule's case fact (every rule starts with the case pattern); read by batch sessions only.
            ((CaseFact)facts[0]).Firings++;
        }

        if (plan.Kind == ActionKind.Derive)
        {
            var values = new object?[plan.ConclusionValues.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = plan.ConclusionValues[i]?.Invoke(facts);
            }

            if (context.GetLinked(plan.Key) is DerivedFact existing)
            {
                existing.Values = values;
                existing.Support = facts;
                context.UpdateLinked(plan.Key, existing);
            }
            else
            {
                context.InsertLinked(plan.Key, new DerivedFact(plan.Action.Conclusion!.Name, plan.Rule.Id, values, facts));
            }

            return;
        }

        var text = plan.Text.Render(facts);
        var target = plan.Target.IsEmpty ? [] : new string?[plan.Target.Length];
        for (var i = 0; i < target.Length; i++)
        {
            if (plan.Target[i] is var (read, type))
            {
                target[i] = FieldDef.FormatValue(read(facts), type);
            }
        }

        var steps = plan.Steps.IsEmpty ? [] : new string[plan.Steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = plan.Steps[i].Render(facts);
        }

        var until = plan.Until?.Render(facts);
        if (context.GetLinked(plan.Key) is OutcomeFact outcome)
        {
            outcome.Text = text;
            outcome.Until = until;
            outcome.Values = target;
            outcome.Steps = steps;
            outcome.Support = facts;
            context.UpdateLinked(plan.Key, outcome);
        }
        else
        {
            context.InsertLinked(plan.Key, new OutcomeFact(plan, text, target, steps, facts) { Until = until });
        }
    }
}
