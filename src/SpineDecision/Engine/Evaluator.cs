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
    public static EvaluationRun Run(CompiledRuleBase compiled, CaseFact caseFact, int maxFirings, ICollection<string>? fired = null)
    {
        FailingRules.Current = null;
        var facts = compiled.Inserted(caseFact);
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
                throw new RunawayRulesException(maxFirings, CyclingRules(compiled, facts, maxFirings));
            }

            var run = new EvaluationRun([], []);
            foreach (var fact in session.Query<object>())
            {
                switch (fact)
                {
                    case OutcomeFact outcome:
                        run.Outcomes.Add(outcome);
                        break;
                    case DerivedFact derived:
                        run.Derived.Add(derived);
                        break;
                }
            }

            return run;
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

    /// <summary>
    /// Names every rule taking part in a runaway. The agenda only shows its head, so replay the same facts in a
    /// fresh diagnostic session (the evaluated session keeps its limit) and record the rules firing in the last
    /// stretch before the limit: the cycle. Runs on the error path only.
    /// </summary>
    private static string[] CyclingRules(CompiledRuleBase compiled, object[] facts, int maxFirings)
    {
        var tail = Math.Max(1, Math.Min(200, maxFirings / 2));
        var firing = 0;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var session = compiled.SessionFactory.CreateSession();
        session.Events.RuleFiredEvent += (_, e) =>
        {
            if (++firing > maxFirings - tail)
            {
                names.Add(e.Rule.Name);
            }
        };
        session.InsertAll(facts);
        session.Fire(maxFirings);
        return [.. names];
    }

    private static RuleEvaluationException Wrap(CompiledRuleBase compiled, string ruleId, Exception inner) =>
        new(ruleId, compiled.RulesById.TryGetValue(ruleId, out var rule) ? rule.Definition.At : null, inner);
}

/// <summary>What one session produced: the actions' outcomes and the derived conclusions.</summary>
internal sealed record EvaluationRun(List<OutcomeFact> Outcomes, List<DerivedFact> Derived);
