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
    /// Runs several cases in one session of the case-keyed network (<see cref="CompiledRuleBase.BatchSessionFactory"/>),
    /// where each case's facts match only that case's facts. Returns each case's run, in the order given, or
    /// <see langword="null"/> for a case that must be evaluated alone to get the answer a session of its own gives:
    /// every case when the session failed (an exception, or rules still pending after the limit for all of them),
    /// and a case that reached the firing limit (<paramref name="maxFirings"/> firings of its own: alone it may be a
    /// runaway). The session is dropped either way.
    /// </summary>
    public static EvaluationRun?[] RunMany(CompiledRuleBase compiled, IReadOnlyList<CaseFact> cases, int maxFirings)
    {
        var runs = new EvaluationRun?[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            cases[i].Firings = 0;
            cases[i].BatchSlot = i;
        }

        FailingRules.Current = null;
        try
        {
            var session = compiled.BatchSessionFactory.Value.CreateSession();
            // One InsertAll for the whole chunk: NRules propagates a list of facts through each node at once, so every
            // join copies its other memory once per chunk rather than once per case.
            session.InsertAll(compiled.Inserted(cases));
            session.Fire((int)Math.Min(int.MaxValue, (long)maxFirings * cases.Count));
            if (!session.Agenda.IsEmpty)
            {
                return runs;
            }

            for (var i = 0; i < cases.Count; i++)
            {
                runs[i] = cases[i].Firings < maxFirings ? new EvaluationRun([], []) : null;
            }

            foreach (var fact in session.Query<object>())
            {
                switch (fact)
                {
                    case OutcomeFact outcome when runs[CaseKey.Owner(outcome).BatchSlot] is { } run:
                        run.Outcomes.Add(outcome);
                        break;
                    case DerivedFact derived when runs[CaseKey.Owner(derived).BatchSlot] is { } run:
                        run.Derived.Add(derived);
                        break;
                }
            }

            return runs;
        }
        catch (RuleExecutionException)
        {
            // Which case failed is not known here: every case is run again alone, where a failure names its rule.
            Array.Clear(runs);
            return runs;
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
