using System.Text.Json;
using SpineDecision.Cases;
using SpineDecision.Testing;

namespace SpineDecision.Tests.Performance;

[TestFixture]
public sealed class CaseGeneratorTests
{
    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => SpineDecisionEngine.CreateDefault());

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static IEnumerable<CasePathway> Pathways() => Enum.GetValues<CasePathway>();

    [Test]
    public void Generate_SameSeed_GivesIdenticalCases()
    {
        var first = CaseGenerator.Generate(300, seed: 7);
        var second = CaseGenerator.Generate(300, seed: 7);

        first.Select(c => JsonSerializer.Serialize(c, Json)).Should().Equal(second.Select(c => JsonSerializer.Serialize(c, Json)));
    }

    [Test]
    public void Generate_DifferentSeeds_GiveDifferentCases()
    {
        var first = CaseGenerator.Generate(50, seed: 1).Select(c => JsonSerializer.Serialize(c with { Id = null }, Json));
        var second = CaseGenerator.Generate(50, seed: 2).Select(c => JsonSerializer.Serialize(c with { Id = null }, Json));

        first.Should().NotEqual(second);
    }

    [Test]
    public void Next_DefaultMix_CoversEveryPathwayAndComplication()
    {
        var generator = new CaseGenerator(seed: 11);

        var cases = Enumerable.Range(0, 2_000).Select(_ => generator.Next()).ToList();

        cases.Select(c => c.Pathway).Distinct().Should().BeEquivalentTo(Enum.GetValues<CasePathway>());
        cases.Should().Contain(c => c.Contraindicated);
        cases.Should().Contain(c => c.Complications.Any(x => x.StartsWith("caution:", StringComparison.Ordinal)));
        cases.Should().Contain(c => c.Complications.IsEmpty);
    }

    [Test]
    public void Next_EveryGeneratedCase_PassesValidation()
    {
        var generator = new CaseGenerator(seed: 3, CaseGeneratorOptions.Default with { CautionRate = 0.5, ContraindicationRate = 0.5 });

        var problems = Enumerable.Range(0, 3_000).Select(_ => generator.Next().Case)
            .SelectMany(c => Engine.Value.Validate(c).Select(p => $"{c.Id}: {p}")).ToList();

        problems.Should().BeEmpty();
    }

    [TestCaseSource(nameof(Pathways))]
    public void Next_CaseWithoutContraindication_GetsItsPathwaysRecommendation(CasePathway pathway)
    {
        var generator = new CaseGenerator(seed: 5, CaseGeneratorOptions.Default with { CautionRate = 0.5, ContraindicationRate = 0 });

        var failures = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var generated = generator.Next(pathway);
            var report = Engine.Value.Evaluate(generated.Case);
            var recommended = report.Recommendations.Select(r => r.Procedure.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!recommended.SequenceEqual(generated.ExpectedRecommendations))
            {
                failures.Add($"{generated.Case.Id} ({string.Join(", ", generated.Complications)}): recommended [{string.Join(", ", recommended)}]");
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void Next_RedFlagAndMissingInformation_GiveAnAlertOrQuestions()
    {
        var generator = new CaseGenerator(seed: 9);

        var redFlags = Enumerable.Range(0, 50).Select(_ => Engine.Value.Evaluate(generator.Next(CasePathway.RedFlag).Case));
        var missing = Enumerable.Range(0, 50).Select(_ => Engine.Value.Evaluate(generator.Next(CasePathway.MissingInformation).Case));

        redFlags.Should().OnlyContain(r => r.HasRedFlag && r.Recommendations.IsEmpty);
        missing.Should().OnlyContain(r => !r.InformationNeeded.IsEmpty && r.Recommendations.IsEmpty);
    }

    [Test]
    public void HandWrittenPathways_OnCasesWithoutContraindication_RecommendWhatTheEngineRecommends()
    {
        var generator = new CaseGenerator(seed: 13, CaseGeneratorOptions.Default with { ContraindicationRate = 0 });

        var disagreements = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            var c = generator.Next().Case;
            var engine = Engine.Value.Evaluate(c).Recommendations.Select(r => r.Procedure.Id).Distinct().Order(StringComparer.Ordinal);
            var floor = HandWrittenPathways.Evaluate(c).Recommendations.Select(r => r.Procedure).Distinct().Order(StringComparer.Ordinal);
            if (!engine.SequenceEqual(floor))
            {
                disagreements.Add($"{c.Id}: engine [{string.Join(", ", engine)}], hand-written [{string.Join(", ", floor)}]");
            }
        }

        disagreements.Should().BeEmpty();
    }

    [Test]
    public void SampleCases_AreValidAndReachTheirPathway()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["esi"] = ["epidural-steroid-injection"],
            ["facet-rfa"] = ["facet-rfa"],
            ["scs"] = ["scs-implant"],
            ["red-flag"] = [],
            ["missing-information"] = [],
        };

        foreach (var name in SampleCases.Names)
        {
            var c = SampleCases.ByName(name);

            Engine.Value.Validate(c).Should().BeEmpty(name);
            Engine.Value.Evaluate(c).Recommendations.Select(r => r.Procedure.Id).Should().BeEquivalentTo(expected[name], name);
            HandWrittenPathways.Evaluate(c).Recommendations.Select(r => r.Procedure).Should().BeEquivalentTo(expected[name], name);
        }
    }
}
