using SpineDecision.Cases;
using SpineDecision.Reports;
using SpineDecision.Testing;

namespace SpineDecision.Tests.Safety;

/// <summary>
/// DESIGN §4 invariants, proved over many generated cases rather than hand-picked ones: the engine enforces them
/// whatever the rules say.
/// </summary>
[TestFixture]
public sealed class SafetyInvariantPropertyTests
{
    private const int CaseCount = 400;

    private static readonly string[] RedFlags =
    [
        "saddle-anaesthesia", "bladder-dysfunction", "progressive-neurological-deficit", "history-of-cancer",
        "fever", "major-trauma", "myelopathy", "iv-drug-use",
    ];

    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => SpineDecisionEngine.CreateDefault());

    private static readonly Lazy<IReadOnlyList<PatientCase>> Cases = new(() => CaseGenerator.Generate(CaseCount, seed: 7));

    [Test]
    public void Evaluate_AnyCaseWithAnUnexplainedRedFlag_RecommendsNothingAndRaisesARedFlagAlert()
    {
        var random = new Random(11);

        foreach (var patientCase in Cases.Value)
        {
            var flag = RedFlags[random.Next(RedFlags.Length)];
            var flagged = patientCase with { RedFlags = [.. patientCase.RedFlags ?? [], new RedFlagFinding { Flag = flag, Explained = random.Next(2) == 0 ? null : false }] };

            var report = Engine.Value.Evaluate(flagged);

            report.Recommendations.Should().BeEmpty($"case {flagged.Id} has the unexplained red flag {flag}");
            report.Alerts.Should().Contain(a => a.Category == "red-flag", $"case {flagged.Id} has the unexplained red flag {flag}");
            report.HasRedFlag.Should().BeTrue();
        }
    }

    [Test]
    public void Evaluate_AnyCaseWithAnUnexplainedRedFlag_ListsEveryRecommendationItWouldHaveMadeAsWithheld()
    {
        foreach (var patientCase in Cases.Value)
        {
            var unflagged = Engine.Value.Evaluate(patientCase);
            if (unflagged.HasRedFlag)
            {
                continue;
            }

            var flagged = patientCase with { RedFlags = [.. patientCase.RedFlags ?? [], new RedFlagFinding { Flag = "saddle-anaesthesia" }] };

            var report = Engine.Value.Evaluate(flagged);

            var overridden = report.Withheld.SelectMany(w => w.Overrides).Select(o => o.Procedure.Id).ToHashSet();
            unflagged.Recommendations.Select(r => r.Procedure.Id).Should().BeSubsetOf(overridden, $"case {patientCase.Id}: a red flag withholds, and shows, what would have been recommended");
        }
    }

    [Test]
    public void Evaluate_AnyCase_NeverBothRecommendsAndWithholdsTheSameProcedure()
    {
        foreach (var patientCase in Cases.Value)
        {
            var report = Engine.Value.Evaluate(patientCase);

            var withheld = report.Withheld.Where(w => w.Procedure is not null).Select(w => w.Procedure!.Id).ToHashSet();
            var withheldGroups = report.Withheld.Where(w => w.Group is not null).Select(w => w.Group!).ToHashSet();
            foreach (var recommendation in report.Recommendations)
            {
                withheld.Should().NotContain(recommendation.Procedure.Id, $"case {patientCase.Id}: withhold beats recommend");
                withheldGroups.Should().NotContain("elective", $"case {patientCase.Id}: nothing is recommended while every elective procedure is withheld");
            }
        }
    }

    [Test]
    public void Evaluate_AnyCaseTwice_GivesByteIdenticalJson()
    {
        foreach (var patientCase in Cases.Value.Take(100))
        {
            var first = Engine.Value.Evaluate(patientCase).ToJson();

            var second = Engine.Value.Evaluate(patientCase).ToJson();

            second.Should().Be(first, $"case {patientCase.Id}");
        }
    }

    [Test]
    public void Evaluate_AnyCase_EveryReportItemNamesARuleWithCitations()
    {
        foreach (var patientCase in Cases.Value)
        {
            var report = Engine.Value.Evaluate(patientCase);

            IEnumerable<RuleReference> rules = [.. report.Recommendations.Select(r => r.Rule), .. report.Withheld.Select(w => w.Rule), .. report.Alerts.Select(a => a.Rule), .. report.InformationNeeded.Select(i => i.Rule)];
            rules.Should().OnlyContain(r => !r.Citations.IsEmpty, $"case {patientCase.Id}: every item traces to a cited source");
        }
    }
}
