using System.Collections.Immutable;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Checking;

/// <summary>
/// The static dependency graph of conclusions: an edge from each conclusion a rule matches (<c>match</c>,
/// <c>exists</c>, <c>none</c>, <c>count</c>, inside <c>any</c>) to each conclusion it derives. A strongly connected
/// component with more than one conclusion, or a conclusion that feeds itself, is a cycle: its rules can derive each
/// other's facts again and again (or retract them, with <c>none</c>) until the firing limit stops the evaluation
/// (<see cref="RunawayRulesException"/>). Reported as one warning per cycle, naming its rules, at load.
/// </summary>
internal static class ConclusionCycles
{
    /// <summary>The patterns of a condition, through <c>any</c>.</summary>
    public static IEnumerable<CheckedPattern> Patterns(CheckedCondition condition) => condition switch
    {
        CheckedPattern p => [p],
        CheckedAny any => any.Alternatives.SelectMany(Patterns),
        _ => [],
    };

    public static void Report(ImmutableArray<CheckedRule> rules, DiagnosticBag diagnostics)
    {
        var edges = new SortedDictionary<string, List<(string To, CheckedRule Rule)>>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var matched = rule.Conditions.SelectMany(Patterns).Select(p => p.Fact.Type.ConclusionId).OfType<string>().Distinct(StringComparer.Ordinal);
            var derived = rule.Actions.Select(a => a.Conclusion?.ConclusionId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            foreach (var from in matched)
            {
                foreach (var to in derived)
                {
                    (edges.TryGetValue(from, out var list) ? list : edges[from] = []).Add((to, rule));
                }
            }
        }

        foreach (var component in StronglyConnected(edges))
        {
            var inside = component.ToHashSet(StringComparer.Ordinal);
            var cycleRules = component.SelectMany(c => edges.TryGetValue(c, out var list) ? list : [])
                .Where(e => inside.Contains(e.To)).Select(e => e.Rule).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            if (cycleRules.Count == 0)
            {
                continue; // a single conclusion without an edge to itself
            }

            var ids = string.Join(", ", cycleRules.Select(r => r.Id));
            var conclusions = string.Join(", ", component.Order(StringComparer.Ordinal).Select(c => $"'{c}'"));
            diagnostics.Warning(DiagnosticCodes.ConclusionCycle, cycleRules[0].Definition.At,
                $"conclusions {conclusions} derive each other in a cycle through rules {ids}: they can fire again and again until the firing limit stops the evaluation; break the cycle or make sure a condition ends it");
        }
    }

    /// <summary>Tarjan's algorithm, iterative (a hostile rule set may chain thousands of conclusions).</summary>
    private static List<List<string>> StronglyConnected(SortedDictionary<string, List<(string To, CheckedRule Rule)>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        foreach (var root in edges.Keys)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = index.Count;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var successors = edges.TryGetValue(node, out var list) ? list : [];
                if (next < successors.Count)
                {
                    work.Push((node, next + 1));
                    var to = successors[next].To;
                    if (!index.TryGetValue(to, out var toIndex))
                    {
                        index[to] = low[to] = index.Count;
                        stack.Push(to);
                        onStack.Add(to);
                        work.Push((to, 0));
                    }
                    else if (onStack.Contains(to))
                    {
                        low[node] = Math.Min(low[node], toIndex);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);

                    components.Add(component);
                }
            }
        }

        return components;
    }
}
