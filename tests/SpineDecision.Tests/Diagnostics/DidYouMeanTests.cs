using SpineDecision.Diagnostics;

namespace SpineDecision.Tests.Diagnostics;

/// <summary>Suggestions for misspelt names, and their bound: nothing is looked for past <see cref="DidYouMean.MaxNameLength"/>.</summary>
[TestFixture]
public sealed class DidYouMeanTests
{
    private static readonly string[] Candidates = ["lumbar", "cervical", "thoracic", "medial-branch-block"];

    [TestCase("lumbr", "lumbar")]
    [TestCase("LUMBAR", "lumbar")]
    [TestCase("cervcial", "cervical")]
    [TestCase("medial-brnach-blok", "medial-branch-block")]
    public void Suggest_CloseMisspelling_SuggestsTheCandidate(string given, string expected)
    {
        var suggestion = DidYouMean.Suggest(given, Candidates);

        suggestion.Should().Be(expected);
    }

    [TestCase("sacral")]
    [TestCase("x")]
    public void Suggest_NothingClose_SuggestsNothing(string given)
    {
        var suggestion = DidYouMean.Suggest(given, Candidates);

        suggestion.Should().BeNull();
    }

    [Test]
    public void Suggest_NameAtTheLengthLimit_StillGetsASuggestion()
    {
        var known = new string('a', DidYouMean.MaxNameLength);
        var given = new string('a', DidYouMean.MaxNameLength - 1) + "b";

        var suggestion = DidYouMean.Suggest(given, [known]);

        suggestion.Should().Be(known);
    }

    [Test]
    public void Suggest_NameOnePastTheLengthLimit_GetsNone()
    {
        var known = new string('a', DidYouMean.MaxNameLength);
        var given = new string('a', DidYouMean.MaxNameLength + 1);

        var suggestion = DidYouMean.Suggest(given, [known]);

        suggestion.Should().BeNull();
    }

    [Test]
    public void Suggest_HundredThousandCharacterName_GetsNone()
    {
        var given = new string('l', 100_000);

        var suggestion = DidYouMean.Suggest(given, Candidates);

        suggestion.Should().BeNull();
    }
}
