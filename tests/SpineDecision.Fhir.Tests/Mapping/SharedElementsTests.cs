using Hl7.Fhir.Model;
using SpineDecision.Fhir.Mapping;

namespace SpineDecision.Fhir.Tests.Mapping;

/// <summary>One mapping's shared vocabulary elements: found again by their bytes within the mapping, never after it.</summary>
public sealed class SharedElementsTests
{
    private static readonly byte[] Text = """{"coding":[{"code":"a"}]} {"coding":[{"code":"a"}]} {"coding":[{"code":"b"}]}"""u8.ToArray();

    [Test]
    public void TryGetConcept_TheSameBytesElsewhereInTheInput_FindsTheConceptReadFirst()
    {
        var shared = SharedElements.Rent(Text);
        var concept = new CodeableConcept("s", "a");
        shared.AddConcept(0, 25, concept);

        var found = shared.TryGetConcept(26, 25, out var again);

        found.Should().BeTrue();
        again.Should().BeSameAs(concept);
        shared.Release();
    }

    [Test]
    public void TryGetConcept_OtherBytesOfTheSameLength_FindsNothing()
    {
        var shared = SharedElements.Rent(Text);
        shared.AddConcept(0, 25, new CodeableConcept("s", "a"));

        var found = shared.TryGetConcept(52, 25, out _);

        found.Should().BeFalse();
        shared.Release();
    }

    [Test]
    public void TryGetConcept_AfterTheMappingReleasedItsTables_FindsNothingFromIt()
    {
        var first = SharedElements.Rent(Text);
        first.AddConcept(0, 25, new CodeableConcept("s", "a"));
        first.Release();

        var next = SharedElements.Rent([.. Text]);
        var found = next.TryGetConcept(0, 25, out _);

        found.Should().BeFalse("a concept of an earlier mapping is neither reused nor kept alive");
        next.Release();
    }

    [Test]
    public void TryGetPrimitive_SameMemberAndBytes_FindsTheElementReadFirst()
    {
        var shared = SharedElements.Rent(Text);
        var member = new object();
        var code = new Code("a");
        shared.AddPrimitive(member, 20, 1, code); // the "a" of the first concept

        var again = shared.TryGetPrimitive(member, 46, 1, out var found); // the "a" of the second
        var otherMember = shared.TryGetPrimitive(new object(), 46, 1, out _);
        var otherBytes = shared.TryGetPrimitive(member, 72, 1, out _); // the "b" of the third

        again.Should().BeTrue();
        found.Should().BeSameAs(code);
        otherMember.Should().BeFalse("another element's value is another element");
        otherBytes.Should().BeFalse();
        shared.Release();
    }
}
