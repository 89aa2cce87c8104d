using System.Collections.Frozen;
using System.Collections.Immutable;
using NRules;
using NRules.RuleModel;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Checking;
using SpineDecision.Threading;

namespace SpineDecision.Compilation;

/// <summary>Compiles checked rules for one profile into an NRules session factory.</summary>
internal static class RuleBaseCompiler
{
    public static CompiledRuleBase Compile(CheckedRuleBase rules, string? profileId, bool useFastExpressionCompiler = true)
    {
        var profile = profileId is null ? rules.Profiles.FirstOrDefault(p => p.IsDefault) : rules.Profiles.FirstOrDefault(p => p.Id == profileId);
        if (profileId is not null && profile is null)
        {
            var known = rules.Profiles.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
            throw new RuleLoadException(
                [new RuleDiagnostic(DiagnosticCodes.UnknownProfile, DiagnosticSeverity.Error, new SourceLocation("(options)", 1, 1),
                    $"unknown profile '{profileId}'{DidYouMean.Hint(profileId, known)}; the profiles are: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}")]);
        }

        var values = rules.Parameters.Values.ToDictionary(p => p.Id, p => p.Default, StringComparer.Ordinal);
        foreach (var o in profile?.Overrides ?? [])
        {
            values[o.ParameterId] = RuleChecker.ParseParameterValue(rules.Parameters[o.ParameterId], o.RawValue)!;
        }

        var factory = new ReteRuleFactory(values);
        var (sessionFactory, impossible) = Build(factory, rules, useFastExpressionCompiler);
        // The batch network (cases joined on their key) is compiled on first use: hosts that never batch never pay for it.
        var batchFactory = new Lazy<ISessionFactory>(() => Build(new ReteRuleFactory(values, caseKeyed: true), rules, useFastExpressionCompiler).Factory);
        return new CompiledRuleBase(rules, profile, profile?.Id ?? rules.DefaultProfileId, values.ToFrozenDictionary(StringComparer.Ordinal), sessionFactory,
            rules.Rules.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal), impossible, factory.MatchedListTypes.ToFrozenSet())
        {
            BatchSessionFactory = batchFactory,
        };
    }

    private static (ISessionFactory Factory, ImmutableArray<string> Impossible) Build(ReteRuleFactory factory, CheckedRuleBase rules, bool useFastExpressionCompiler)
    {
        var compiler = new RuleCompiler(new RuleCompilerOptions { UnsupportedExpressionHandling = RuleCompilerUnsupportedExpressionsHandling.TreatAsNotEqual });
        if (useFastExpressionCompiler)
        {
            compiler.ExpressionCompiler = new FastExpressionCompilerAdapter();
        }

        // Building the definitions and NRules' compile run different code, so on a cold start they JIT in parallel: the
        // definitions are built in rule order on another thread and NRules takes each as it comes, in the same order.
        var definitions = new DefinitionPipeline(factory, rules.Rules);
        var sessionFactory = compiler.Compile(definitions);
        sessionFactory.Events.LhsExpressionFailedEvent += (_, e) => FailingRules.Current = [.. e.Rules.Select(r => r.Name)];
        return (sessionFactory, definitions.Impossible);
    }

    /// <summary>The rule definitions in rule order, built on a thread of their own (<see cref="InOrder{TIn, TOut}"/>; the
    /// factory is used by that thread only). A rule that can never fire under the profile has no definition and is
    /// listed in <see cref="Impossible"/>.</summary>
    private sealed class DefinitionPipeline(ReteRuleFactory factory, ImmutableArray<CheckedRule> rules) : IEnumerable<IRuleDefinition>
    {
        private readonly InOrder<CheckedRule, IRuleDefinition?> _built = new(rules, factory.Build);

        /// <summary>The rules that can never fire under the profile, in rule order (waits for every rule).</summary>
        public ImmutableArray<string> Impossible => [.. rules.Where((_, i) => _built[i] is null).Select(r => r.Id)];

        public IEnumerator<IRuleDefinition> GetEnumerator()
        {
            for (var i = 0; i < _built.Count; i++)
            {
                if (_built[i] is { } definition)
                {
                    yield return definition;
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// NRules reports a failing condition's rules only through an event; evaluation is synchronous on one thread, so
/// the factory-wide handler hands them to the evaluating thread here at no per-evaluation cost.
/// </summary>
internal static class FailingRules
{
    [ThreadStatic]
    private static string[]? _current;

    public static string[]? Current
    {
        get => _current;
        set => _current = value;
    }
}
