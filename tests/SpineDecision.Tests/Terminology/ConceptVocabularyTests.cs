using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Terminology;

/// <summary>Display text for text views: concept ids in report texts become display names.</summary>
[TestFixture]
public sealed class ConceptVocabularyTests
{
    [Test]
    public void DisplayText_HyphenatedConceptId_BecomesItsDisplayNameInSentenceCase()
    {
        var vocabulary = SharedEngines.Default.Vocabulary;
        var display = vocabulary.Sets.SelectMany(s => s.Concepts).First(c => c.Id == "bladder-dysfunction").Display;

        var text = vocabulary.DisplayText("Unexplained red flag: bladder-dysfunction.");

        text.Should().Be($"Unexplained red flag: {char.ToLowerInvariant(display[0])}{display[1..]}.");
    }

    [Test]
    public void DisplayText_DatesCodesAndUnknownHyphenatedWords_AreLeftAsWritten()
    {
        const string Text = "On 2026-11-01, CPT 64479-64484, non-particulate steroid, ICD10CM:M54-x, rule ESI-TF-001.";

        var text = SharedEngines.Default.Vocabulary.DisplayText(Text);

        text.Should().Be(Text);
    }
}
