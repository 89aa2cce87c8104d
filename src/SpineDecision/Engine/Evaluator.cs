using NRules;
using SpineDecision.Compilation;
using SpineDecision.Facts;

namespace SpineDecision.Engine;

/// <summary>
/// One evaluation: a fresh session, insert, <c>Fire(limit)</c>, collect. Any failure inside NRules becomes one of
/// our typed exceptions naming the rule; the session is dropped either way (DESIGN §4).
/// </summary>
internal static class Evaluator
{
    // 'fired', when given, receives the id of every rule that fires (scenario coverage). It costs an event
    // subscription, so the production path passes null.
    public static List<OutcomeFact> Run(CompiledRuleBase compiled, List<object> facts, int maxFirings, ICollection<string>? fired = null)
    {
        FailingRules.Current = null;
        var session = compiled.SessionFactory.CreateSession();
        if (fired is not null)
        {
            session.Events.RuleFiredEvent += (_, e) => fired.Add(e.Rule.Name);
        }

        try
        {
            session.InsertAll(facts);
            session.Fire(maxFirings);
            if (!session.Agenda.IsEmpty)
            {
                var pending = session.Agenda.Peek().Rule.Name;
                throw new RunawayRulesException(maxFirings, [pending]);
            }

            return [.. session.Query<OutcomeFact>()];
        }
        catch (RuleRhsExpressionEvaluationException e)
        {
            throw Wrap(compiled, e.RuleName, e.InnerException ?? e);
        }
        catch (RuleLhsExpressionEvaluationException e)
        {
            var rule = FailingRules.Current?.FirstOrDefault() ?? "(unknown rule)";
            throw Wrap(compiled, rule, e.InnerException ?? e);
        }
        catch (RuleExecutionException e)
        {
            throw Wrap(compiled, "(unknown rule)", e.InnerException ?? e);
        }
    }

    private static RuleEvaluationException Wrap(CompiledRuleBase compiled, string ruleId, Exception inner) =>
        new(ruleId, compiled.RulesById.TryGetValue(ruleId, out var rule) ? rule.Definition.At : null, inner);
}
