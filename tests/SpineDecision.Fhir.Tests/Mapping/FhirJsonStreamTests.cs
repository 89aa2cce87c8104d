using static SpineDecision.Fhir.Tests.FhirTestSupport;
using static SpineDecision.Fhir.Tests.Fixtures;

namespace SpineDecision.Fhir.Tests.Mapping;

/// <summary>
/// The streaming pass over JSON input (<c>FhirJsonStream</c>) on the shapes its single pass has to get right: members
/// in an unusual order, prefetch objects of every kind, nested and empty Bundles, a resource left to Firely half-read,
/// and errors that the reference (a JsonDocument of the whole input) finds in another order. Every case also goes
/// through <see cref="FhirTestSupport.Map"/>, which fails unless the reference and the pass with Firely for every
/// resource give the same case, report or error.
/// </summary>
public sealed class FhirJsonStreamTests
{
    private static string Nrs(string id, double value) => Observation(id, "72514-3", Quantity(value, "{score}"));

    [Test]
    public void Map_ResourceTypeAfterOtherMembers_IsReadAsThatType()
    {
        const string late = """{ "id": "late", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "effectiveDateTime": "2026-10-20", "valueQuantity": { "value": 7, "code": "{score}" }, "resourceType": "Observation" }""";

        var result = Map(Bundle(Patient(), late));

        result.Case.Pain.Nrs.Should().Be(7);
        result.Report.Mapped.Should().Contain(m => m.Source == "Observation/late");
    }

    [Test]
    public void Map_RootResourceWhoseResourceTypeIsNotFirst_IsReadAsAResourceNotAPrefetchObject()
    {
        var result = Map("""{ "id": "p1", "birthDate": "1970-03-15", "gender": "female", "resourceType": "Patient" }""");

        result.Case.Patient.Age.Should().Be(56);
        result.Report.Ignored.Should().NotContain(i => i.Source.StartsWith("$.", StringComparison.Ordinal));
    }

    [Test]
    public void Map_RootWithAResourceTypeAfterMembersThatLookLikeResources_IsOneResourceEvenAtTheResourceLimit()
    {
        var json = $$"""{ "first": {{Patient()}}, "second": {{Patient()}}, "resourceType": "Patient", "id": "root", "birthDate": "1980-01-01" }""";

        var result = Map(json, new FhirMappingOptions { MaxResources = 1 });

        result.Case.Patient.Age.Should().Be(46, "the root is one Patient, not a prefetch object of two over the limit");
    }

    [Test]
    public void Map_PrefetchOfEveryKindOfMember_ReadsResourcesBundlesAndWrappedEntriesAndReportsTheRest()
    {
        var json = $$"""
            {
              "patient": {{Patient()}},
              "pain": { "resourceType": "Bundle", "type": "searchset", "entry": [{ "fullUrl": "urn:uuid:n1", "resource": {{Nrs("n1", 6)}}, "search": { "mode": "match" } }] },
              "wrapped": { "response": { "status": "200" }, "resource": {{Observation("inr", "6301-6", Quantity(1.4, "{INR}"))}} },
              "none": null,
              "list": [1, 2],
              "text": "x"
            }
            """;

        var result = Map(json);

        result.Case.Patient.Age.Should().Be(56);
        result.Case.Pain.Nrs.Should().Be(6);
        result.Report.Mapped.Should().Contain(m => m.Source == "Observation/inr");
        result.Report.Ignored.Should().Contain(new FhirIgnoredItem("prefetch none", FhirIgnoreReason.Unused, "null: no data (not \"none\")"));
        result.Report.Ignored.Should().Contain(new FhirIgnoredItem("$.list", FhirIgnoreReason.ParseFailed, "expected a FHIR resource, a Bundle or null, found a JSON Array"));
        result.Report.Ignored.Should().Contain(new FhirIgnoredItem("$.text", FhirIgnoreReason.ParseFailed, "expected a FHIR resource, a Bundle or null, found a JSON String"));
    }

    [Test]
    public void Map_NestedBundlesAndEntriesWithoutResources_ReadEveryResourceWithItsPath()
    {
        var inner = Bundle(Observation("bad", "72514-3", "\"valueInteger\": \"eight\""), Nrs("n", 4));
        var json = $$"""{ "resourceType": "Bundle", "type": "collection", "entry": [ { "fullUrl": "x" }, "odd", { "resource": {{Patient()}} }, { "resource": {{inner}} }, { "resource": { "resourceType": "Bundle", "type": "collection" } } ] }""";

        var result = Map(json);

        result.Case.Pain.Nrs.Should().Be(4);
        result.Report.Ignored.Should().ContainSingle(i => i.Reason == FhirIgnoreReason.ParseFailed).Which.Detail.Should().StartWith("$.entry[3].resource.entry[0].resource: not valid FHIR R4");
        result.Report.Ignored.Should().Contain(i => i.Source == "Bundle" && i.Reason == FhirIgnoreReason.UnsupportedResource, "a Bundle without entries is counted as the reference counts it");
    }

    [TestCase("""{ "resourceType": "Observation", "id": "x", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3", "extension": [{ "url": "u", "valueString": "s" }] }] }, "valueInteger": 5 }""")]
    [TestCase("""{ "resourceType": "Observation", "id": "x", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "valueInteger": 5, "_status": { "id": "s" } }""")]
    [TestCase("""{ "resourceType": "Observation", "id": "x", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "valueInteger": 5, "note": [] }""")]
    [TestCase("""{ "resourceType": "Observation", "id": "x", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "\uD800" }] }, "valueInteger": 5 }""")]
    public void Map_AResourceOurReaderLeavesHalfRead_GoesToFirelyAndTheNextResourcesStillMap(string unusual)
    {
        var result = Map(Bundle(Patient(), unusual, Nrs("after", 3)));

        result.Case.Pain.Nrs.Should().Be(3);
        result.Report.Mapped.Should().Contain(m => m.Source == "Observation/after");
    }

    [TestCase("""{ "resourceType": 5, "id": "n" }""", "'(missing)'")]
    [TestCase("""{ "id": "n" }""", "'(missing)'")]
    [TestCase("""{ "id": "n", "resourceType": "Requirements" }""", "'Requirements'")]
    public void Map_EntryWithoutAnR4ResourceType_IsReportedWithItsPath(string entry, string shown)
    {
        var result = Map(Bundle(Patient(), entry));

        result.Report.Ignored.Should().ContainSingle(i => i.Reason == FhirIgnoreReason.ParseFailed).Which.Detail.Should().Be($"$.entry[1].resource.resourceType: {shown} is not a FHIR R4 resource type");
    }

    [TestCase("""{ "resourceType": { "a": [1, 2] } }""", "'{ \"a\": [1, 2] }' is not a FHIR R4 resource type")]
    [TestCase("""{ "resourceType": 12.50 }""", "'12.50' is not a FHIR R4 resource type")]
    [TestCase("""{ "resourceType": true }""", "'True' is not a FHIR R4 resource type")]
    [TestCase("""{ "id": "x", "resourceType": "Requirements" }""", "'Requirements' is not a FHIR R4 resource type")]
    [TestCase("42", "expected a FHIR R4 resource, a Bundle or a CDS Hooks prefetch object, found a JSON Number")]
    public void Map_RootThatIsNotAnR4Resource_ThrowsTheReferenceError(string json, string message)
    {
        var act = () => Map(json);

        act.Should().Throw<FhirMappingException>().Which.Message.Should().Contain(message);
    }

    [TestCase("""{ "resourceType": "Requirements" } x""")]
    [TestCase("""[ 1, 2 """)]
    [TestCase("""{ "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "Patient" } }, { "resource": { "resourceType": "Patient" } }, { "resource": { "resourceType": "Patient" } } ], "x": tru }""")]
    [TestCase("""{ "patient": { "resourceType": "Patient" }, "second": { "resourceType": "Patient" } } { }""")]
    public void Map_MalformedJsonAfterAnErrorOfContent_ThrowsTheMalformedJsonError(string json)
    {
        var act = () => Map(json, new FhirMappingOptions { MaxResources = 1 });

        act.Should().Throw<FhirMappingException>().Which.Message.Should().Contain("malformed JSON at line 1");
    }

    [Test]
    public void Map_MoreResourcesThanTheLimitInWellFormedJson_ThrowsWithThePathOfTheFirstOneOver()
    {
        var act = () => Map(Bundle(Patient(), Nrs("a", 1), Nrs("b", 2)), new FhirMappingOptions { MaxResources = 2 });

        act.Should().Throw<FhirMappingException>().Which.JsonPath.Should().Be("$.entry[2].resource");
    }

    [Test]
    public void Map_AResourceNestedDeeperThanTheDefaultDepthWithinARaisedLimit_IsReadNotRejected()
    {
        var nested = "{ \"url\": \"x\", \"valueString\": \"deep\" }";
        for (var level = 0; level < 40; level++)
        {
            nested = $$"""{ "url": "x{{level}}", "extension": [{{nested}}] }""";
        }

        var patient = $$"""{ "resourceType": "Patient", "id": "p1", "birthDate": "1970-03-15", "extension": [{{nested}}] }""";

        var result = Map(Bundle(patient), new FhirMappingOptions { MaxDepth = 128 });

        result.Case.Patient.Age.Should().Be(56);
    }

    [Test]
    public void Map_EncounterWithARepeatedMember_ReadsTheLastAsTheReferenceDoes()
    {
        const string encounter = """{ "resourceType": "Encounter", "id": "e", "status": "finished", "status": "in-progress", "class": { "code": "AMB" }, "class": { "code": "IMP", "code": "IMP" }, "period": { "start": "2026-10-30" } }""";

        var result = Map(Bundle(Patient(), encounter));

        result.Case.Patient.Hospitalised.Should().BeTrue();
    }

    [Test]
    public void Map_TwoInputsWithDifferentConceptsAtTheSameOffset_EachReadsItsOwn()
    {
        // The same length and position in both inputs: a concept remembered by where it stood in the first would be
        // wrongly found again in the second.
        var inr = Bundle(Patient(), Observation("o1", "6301-6", Quantity(1.1, "{INR}")));
        var creatinine = Bundle(Patient(), Observation("o1", "2160-0", Quantity(1.1, "mg/dL")));
        inr.Length.Should().Be(creatinine.Length, "codes and units of the same length, in the same place");

        var first = Map(inr);
        var second = Map(creatinine);

        first.Case.Labs.Inr.Should().Be(1.1);
        second.Case.Labs.Creatinine.Should().Be(1.1);
        second.Case.Labs.Inr.Should().BeNull();
    }

    [Test]
    public void Map_TheSameConceptTextOnManyResources_MapsEachResourceFromItsOwnValues()
    {
        var readings = Enumerable.Range(1, 6).Select(i => Observation($"o{i}", "72514-3", Quantity(i, "{score}"), date: $"2026-10-{10 + i}")).ToArray();

        var result = Map(Bundle([Patient(), .. readings]));

        result.Case.Pain.Nrs.Should().Be(6, "the latest of six readings under one shared code");
        result.Report.Ignored.Count(i => i.Reason == FhirIgnoreReason.Superseded).Should().Be(5);
    }
}
