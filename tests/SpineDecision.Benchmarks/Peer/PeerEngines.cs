using System.Linq.Expressions;
using System.Reflection;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using RulesEngine.Models;
using DslRule = NRules.Fluent.Dsl.Rule;
using ReRule = RulesEngine.Models.Rule;
using SpineDecision.Cases;
using SpineDecision.Engine;

namespace SpineDecision.Benchmarks.Peer;

/// <summary>One way of writing the 9 criteria; <see cref="Evaluate"/> decides one case.</summary>
public interface IPeerEngine
{
    string Name { get; }

    PeerAnswer Evaluate(PatientCase c);
}

/// <summary>Evaluation of many cases one after another.</summary>
public static class PeerEngineExtensions
{
    /// <summary>Evaluates every case on this thread; returns a checksum of the answers.</summary>
    public static int EvaluateAll(this IPeerEngine engine, IReadOnlyList<PatientCase> cases)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            sum += (int)engine.Evaluate(c);
        }

        return sum;
    }
}

/// <summary>Plain C#: flatten, then the criteria by hand.</summary>
public sealed class HandWrittenPeer : IPeerEngine
{
    public string Name => "hand-written C#";

    public PeerAnswer Evaluate(PatientCase c) => PeerCriteria.HandWritten(PeerInput.From(c));
}

/// <summary>Microsoft RulesEngine 6.0.1: one workflow of lambda-expression rules over the flat input.</summary>
public sealed class RulesEnginePeer : IPeerEngine
{
    private const string Workflow = "peer";
    private readonly RulesEngine.RulesEngine _engine;
    private readonly Dictionary<string, PeerAnswer> _answers = new(StringComparer.Ordinal);

    public RulesEnginePeer(int multiplier = 1, CloneMode mode = CloneMode.Active)
    {
        var rules = new List<ReRule>();
        for (var copy = 0; copy < multiplier; copy++)
        {
            foreach (var (name, answer, expression) in PeerCriteria.All)
            {
                var id = copy == 0 ? name : $"{name}-x{copy}";
                _answers[id] = answer;
                rules.Add(new ReRule
                {
                    RuleName = id,
                    RuleExpressionType = RuleExpressionType.LambdaExpression,
                    Expression = copy > 0 && mode == CloneMode.Dormant ? $"input1.Age == {1000 + copy} && ({expression})" : expression,
                });
            }
        }

        _engine = new RulesEngine.RulesEngine([new Workflow { WorkflowName = Workflow, Rules = rules }], new ReSettings());
    }

    public string Name => "Microsoft RulesEngine 6.0.1";

    public PeerAnswer Evaluate(PatientCase c)
    {
        var pending = _engine.ExecuteAllRulesAsync(Workflow, PeerInput.From(c));
        var results = pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        var answer = PeerAnswer.None;
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                var bit = _answers[result.Rule.RuleName];
                if (bit == PeerAnswer.None)
                {
                    return PeerAnswer.None;
                }

                answer |= bit;
            }
        }

        return answer;
    }
}

/// <summary>NRules 1.0.4, fluent DSL: one rule class per criterion over one flat fact, a session per case.</summary>
public sealed class NRulesPeer : IPeerEngine
{
    private readonly ISessionFactory _factory;

    public NRulesPeer(int multiplier = 1, CloneMode mode = CloneMode.Active)
    {
        var repository = new RuleRepository { Activator = new CopyActivator(multiplier, mode) };
        repository.Load(x => x.From(typeof(PeerRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PeerRule)) && !t.IsAbstract)));
        _factory = repository.Compile();
    }

    public string Name => "NRules 1.0.4 fluent DSL";

    public PeerAnswer Evaluate(PatientCase c)
    {
        var input = PeerInput.From(c);
        var session = _factory.CreateSession();
        session.Insert(input);
        session.Fire();
        return input.Guarded ? PeerAnswer.None : input.Recommended;
    }

    /// <summary>Many cases in one session (each flat fact carries its own answer): <paramref name="chunk"/> cases per
    /// session; the answers are written to <paramref name="answers"/> in case order.</summary>
    public void EvaluateChunked(IReadOnlyList<PatientCase> cases, int chunk, PeerAnswer[] answers)
    {
        var inputs = new PeerInput[Math.Min(chunk, cases.Count)];
        for (var start = 0; start < cases.Count; start += chunk)
        {
            var count = Math.Min(chunk, cases.Count - start);
            for (var i = 0; i < count; i++)
            {
                inputs[i] = PeerInput.From(cases[start + i]);
            }

            var session = _factory.CreateSession();
            session.InsertAll(count == inputs.Length ? inputs : inputs.Take(count));
            session.Fire();
            for (var i = 0; i < count; i++)
            {
                answers[start + i] = inputs[i].Guarded ? PeerAnswer.None : inputs[i].Recommended;
            }
        }
    }

    private sealed class CopyActivator(int multiplier, CloneMode mode) : IRuleActivator
    {
        public IEnumerable<DslRule> Activate(Type type)
        {
            for (var copy = 0; copy < multiplier; copy++)
            {
                var rule = (PeerRule)Activator.CreateInstance(type)!;
                rule.DormantAge = copy > 0 && mode == CloneMode.Dormant ? 1000 + copy : null;
                yield return rule;
            }
        }
    }
}

/// <summary>SpineDecision: the criteria in YAML (Peer/rules/peer.yaml) with the shipped vocabulary and profiles.</summary>
public sealed class SpineDecisionPeer : IPeerEngine
{
    private static readonly Dictionary<string, PeerAnswer> Answers = new(StringComparer.Ordinal)
    {
        ["epidural-steroid-injection"] = PeerAnswer.Esi,
        ["medial-branch-block"] = PeerAnswer.MedialBranchBlock,
        ["facet-rfa"] = PeerAnswer.FacetRfa,
        ["scs-trial"] = PeerAnswer.ScsTrial,
        ["scs-implant"] = PeerAnswer.ScsImplant,
    };

    public SpineDecisionPeer(int multiplier = 1, CloneMode mode = CloneMode.Active)
    {
        var options = new SpineDecisionOptions { IncludeDefaultRules = false };
        foreach (var file in SyntheticRules.Create(Files(), multiplier, mode))
        {
            options.RuleFiles.Add(file);
        }

        Engine = SpineDecisionEngine.Create(options);
    }

    public SpineDecisionEngine Engine { get; }

    public string Name => "SpineDecision YAML";

    /// <summary>The shipped vocabulary and Medicare profile (the others set parameters of the shipped rules), and the peer rule set.</summary>
    public static IReadOnlyList<RuleSourceFile> Files()
    {
        using var stream = typeof(SpineDecisionPeer).Assembly.GetManifestResourceStream("peer.yaml")
            ?? throw new InvalidOperationException("peer.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return [.. RuleBaseLoader.DefaultRuleFiles.Where(f => !f.Content.Contains("\nruleSet:", StringComparison.Ordinal)
            && (!f.Content.Contains("\nprofile:", StringComparison.Ordinal) || f.Content.Contains("\n  id: medicare\n", StringComparison.Ordinal))),
            new RuleSourceFile("peer.yaml", reader.ReadToEnd())];
    }

    public PeerAnswer Evaluate(PatientCase c) => Answer(Engine.Evaluate(c));

    public static PeerAnswer Answer(Reports.RecommendationReport report)
    {
        var answer = PeerAnswer.None;
        foreach (var r in report.Recommendations)
        {
            answer |= Answers.TryGetValue(r.Procedure.Id, out var bit) ? bit
                : throw new InvalidOperationException($"unexpected recommendation {r.Procedure.Id}");
        }

        return answer;
    }
}

/// <summary>A peer criterion in NRules' fluent DSL; <see cref="DormantAge"/> makes a dormant copy.</summary>
public abstract class PeerRule : DslRule
{
    private PeerInput _input = null!;

    public int? DormantAge { get; set; }

    protected void Recommend(Expression<Func<PeerInput, bool>> condition, PeerAnswer answer)
    {
        Match(condition);
        Then().Do(ctx => Record(_input, answer));
    }

    protected void Guard(Expression<Func<PeerInput, bool>> condition)
    {
        Match(condition);
        Then().Do(ctx => SetGuarded(_input));
    }

    private void Match(Expression<Func<PeerInput, bool>> condition)
    {
        if (DormantAge is { } age)
        {
            When().Match(() => _input, i => i.Age == age, condition);
        }
        else
        {
            When().Match(() => _input, condition);
        }
    }

    private static void Record(PeerInput input, PeerAnswer answer) => input.Recommended |= answer;

    private static void SetGuarded(PeerInput input) => input.Guarded = true;
}

#pragma warning disable SA1402 // the 9 criteria side by side read best in one file
public sealed class EsiPeerRule : PeerRule
{
    public override void Define() => Recommend(i => (i.PainPattern == "radicular" || i.PainPattern == "mixed" || i.PainPattern == "neurogenic-claudication") && i.PainWeeks >= 4 && i.FailedCare, PeerAnswer.Esi);
}

public sealed class MbbPeerRule : PeerRule
{
    public override void Define() => Recommend(i => i.PainPattern == "axial" && i.PainWeeks >= 13 && i.FailedCare && i.MedialBranchBlocks == 0, PeerAnswer.MedialBranchBlock);
}

public sealed class RfaPeerRule : PeerRule
{
    public override void Define() => Recommend(i => i.PainPattern == "axial" && i.PainWeeks >= 13 && i.FailedCare && i.PositiveBlocks >= 2, PeerAnswer.FacetRfa);
}

public sealed class ScsTrialPeerRule : PeerRule
{
    public override void Define() => Recommend(i => i.ScsDiagnosis && i.PainWeeks >= 26 && i.PsychosocialEvaluation == "cleared" && i.FailedCare && i.ScsTrials == 0, PeerAnswer.ScsTrial);
}

public sealed class ScsImplantPeerRule : PeerRule
{
    public override void Define() => Recommend(i => i.ScsDiagnosis && i.ScsTrialSucceeded, PeerAnswer.ScsImplant);
}

public sealed class RedFlagPeerRule : PeerRule
{
    public override void Define() => Guard(i => i.UnexplainedRedFlag);
}

public sealed class MyelopathyPeerRule : PeerRule
{
    public override void Define() => Guard(i => i.MyelopathicSigns);
}

public sealed class InfectionPeerRule : PeerRule
{
    public override void Define() => Guard(i => i.ActiveInfection);
}

public sealed class PregnancyPeerRule : PeerRule
{
    public override void Define() => Guard(i => i.Pregnant);
}
#pragma warning restore SA1402
