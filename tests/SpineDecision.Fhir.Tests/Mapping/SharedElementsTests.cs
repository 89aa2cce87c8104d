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
    public void Primitive_SameMemberAndValue_IsCreatedOnce()
    {
        var shared = SharedElements.Rent(Text);
        var member = new object();
        var created = 0;

        var first = shared.Primitive(member, "final", (_, value) => { created++; return new Code(value); });
        var second = shared.Primitive(member, "final", (_, value) => { created++; return new Code(value); });
        var other = shared.Primitive(new object(), "final", (_, value) => { created++; return new Code(value); });

        second.Should().BeSameAs(first);
        other.Should().NotBeSameAs(first, "another element's value is another element");
        created.Should().Be(2);
        shared.Release();
    }
}
