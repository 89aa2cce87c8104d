using Hl7.Fhir.Model;
using SpineDecision.Fhir.Mapping;

namespace SpineDecision.Fhir.Tests.Mapping;

/// <summary>The small FHIR readers the mapping uses in place of Firely's LINQ-based helpers find what those find.</summary>
public sealed class FhirValuesTests
{
    private const string Url = "https://example.org/x";

    [Test]
    public void Extension_OnlyAModifierExtension_IsFoundAsFirelysGetExtensionFindsIt()
    {
        var procedure = new Procedure();
        procedure.ModifierExtension.Add(new Extension(Url, new FhirBoolean(true)));

        var found = FhirValues.Extension(procedure, Url);

        found.Should().BeSameAs(procedure.GetExtension(Url)).And.NotBeNull();
    }

    [Test]
    public void Extension_BothKinds_FindsTheModifierFirstAsFirelysGetExtensionDoes()
    {
        var procedure = new Procedure();
        procedure.ModifierExtension.Add(new Extension(Url, new FhirBoolean(true)));
        procedure.Extension.Add(new Extension(Url, new FhirBoolean(false)));

        var found = FhirValues.Extension(procedure, Url);

        found.Should().BeSameAs(procedure.GetExtension(Url));
        found!.Value.Should().BeEquivalentTo(new FhirBoolean(true));
    }

    [Test]
    public void Extension_NoneOfThatUrl_IsNull()
    {
        var procedure = new Procedure();
        procedure.Extension.Add(new Extension(Url + "/other", new FhirBoolean(true)));

        FhirValues.Extension(procedure, Url).Should().BeNull();
    }

    [Test]
    public void FirstCode_CodingsWithoutACodeFirst_IsTheFirstWithOne()
    {
        var concept = new CodeableConcept { Coding = [new Coding { Display = "x" }, new Coding("s", "a"), new Coding("s", "b")] };

        FhirValues.FirstCode(concept).Should().Be("a");
    }

    [Test]
    public void Text_NoTextButADisplay_IsTheFirstDisplay()
    {
        var concept = new CodeableConcept { Coding = [new Coding("s", "a"), new Coding("s", "b", "Bee"), new Coding("s", "c", "Sea")] };

        FhirValues.Text(concept).Should().Be("Bee");
    }

    [Test]
    public void Has_SystemAndCodeOnDifferentCodings_IsFalse()
    {
        var concept = new CodeableConcept { Coding = [new Coding("s1", "a"), new Coding("s2", "b")] };

        FhirValues.Has(concept, "s1", "b").Should().BeFalse();
        FhirValues.Has(concept, "s2", "b").Should().BeTrue();
    }
}
