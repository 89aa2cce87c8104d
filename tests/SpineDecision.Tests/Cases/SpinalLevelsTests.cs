using SpineDecision.Cases;

namespace SpineDecision.Tests.Cases;

public sealed class SpinalLevelsTests
{
    [TestCase("L4-L5")]
    [TestCase("L4/5")]
    [TestCase("L4-5")]
    [TestCase("L4/L5")]
    [TestCase("l4 \u2013 l5")]
    public void Of_SpellingsOfOneJoint_ReadAsTheSameLevel(string spelling)
    {
        var level = SpinalLevels.Of(spelling);

        level.Should().Be(SpinalLevels.Of("L4-L5")).And.NotBeNull();
    }

    [Test]
    public void Of_SpanOfSeveralSegments_IsEveryJointInIt()
    {
        var span = SpinalLevels.Of("L4-S1");

        SpinalLevels.Format(span!.Value).Should().Be("L4-L5, L5-S1");
    }

    [Test]
    public void Of_ListWithVertebraAndJoints_FormatsHeadToTail()
    {
        var levels = SpinalLevels.Of(["L5-S1", "C7/T1", "L4"]);

        SpinalLevels.Format(levels!.Value).Should().Be("C7-T1, L4, L5-S1");
    }

    [TestCase("L6")]
    [TestCase("T13")]
    [TestCase("L5-1")]
    [TestCase("L5-L4")]
    [TestCase("L4-L4")]
    [TestCase("L4-")]
    [TestCase("disc")]
    [TestCase("")]
    public void TryParse_NotALevel_FailsWithAMessage(string text)
    {
        var parsed = SpinalLevels.TryParse(text, out _, out var error);

        parsed.Should().BeFalse();
        error.Should().Contain("not a spinal level");
    }

    [Test]
    public void Of_ListWithAMalformedEntry_IsUnknown()
    {
        var levels = SpinalLevels.Of(["L4-L5", "L6-S1"]);

        levels.Should().BeNull();
    }

    [Test]
    public void Of_EmptyList_IsUnknown()
    {
        var levels = SpinalLevels.Of(Array.Empty<string>());

        levels.Should().BeNull();
    }

    [TestCase("L4-L5, L5-S1", "L5/S1", true)]
    [TestCase("L3-L4", "L4-L5", false)]
    [TestCase("L2-L3", "L4-L5", false)]
    [TestCase("L4", "L4-L5", true)]
    [TestCase("L4-L5", "L3", false)]
    [TestCase("L4-S1", "L5-S1", true)]
    [TestCase("L5", "L5", true)]
    [TestCase("C5-C6", "L5-S1", false)]
    public void Overlaps_TwoKnownSets_SharesALevel(string a, string b, bool expected)
    {
        var overlaps = SpinalLevels.Overlaps(SpinalLevels.Of(a), SpinalLevels.Of(b));

        overlaps.Should().Be(expected);
    }

    [Test]
    public void Overlaps_OneSetUnknown_IsUnknown()
    {
        var overlaps = SpinalLevels.Overlaps(SpinalLevels.Of("L4-L5"), null);

        overlaps.Should().BeNull();
    }
}
