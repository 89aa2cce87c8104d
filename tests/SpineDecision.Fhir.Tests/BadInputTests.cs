using Hl7.Fhir.Serialization;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

public sealed class BadInputTests
{
    [Test]
    public void Map_MalformedJson_ThrowsFhirMappingExceptionWithLineAndPath()
    {
        const string json = """{ "resourceType": "Bundle", "type": "collection", "entry": [ { "resource": { "resourceType": "Patient" } ] }""";

        var act = () => Map(json);

        act.Should().Throw<FhirMappingException>().Which.Message.Should().Contain("malformed JSON at line 1").And.StartWith("$.entry");
    }

    [Test]
    public void Map_NonR4ResourceTypeAtTheRoot_ThrowsWithTheResourceTypePath()
    {
        var act = () => Map("""{ "resourceType": "Requirements", "id": "r5-only" }""");

        act.Should().Throw<FhirMappingException>().Which.JsonPath.Should().Be("$.resourceType");
    }

    [Test]
    public void Map_JsonArrayAtTheRoot_ThrowsSayingWhatWasExpected()
    {
        var act = () => Map("[]");

        act.Should().Throw<FhirMappingException>().WithMessage("*expected a FHIR R4 resource, a Bundle or a CDS Hooks prefetch object*");
    }

    [Test]
    public void Map_ResourceThatFailsToParse_IsSkippedAndReportedWhileTheRestMaps()
    {
        const string broken = """{ "resourceType": "Observation", "id": "bad", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "valueInteger": "eight" }""";

        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), broken));

        patientCase.Patient.Age.Should().NotBeNull();
        mapping.Ignored.Should().ContainSingle(i => i.Reason == FhirIgnoreReason.ParseFailed).Which.Detail.Should().Contain("$.entry[1].resource");
    }

    [Test]
    public void Map_EntryOfAnUnknownResourceType_IsSkippedAndReported()
    {
        var mapping = Map(Bundle(Patient(), """{ "resourceType": "NotAResource", "id": "x" }""")).Report;

        mapping.Ignored.Should().ContainSingle(i => i.Reason == FhirIgnoreReason.ParseFailed).Which.Detail.Should().Contain("$.entry[1].resource.resourceType");
    }

    [TestCase(2, false)]
    [TestCase(1, true)]
    public void Map_MoreResourcesThanTheLimit_IsRejected(int limit, bool rejected)
    {
        var options = new FhirMappingOptions { MaxResources = limit };

        var act = () => Map(Bundle(Patient(), Patient()), options);

        if (rejected)
        {
            act.Should().Throw<FhirMappingException>().WithMessage("*more than 1 resources*MaxResources*");
        }
        else
        {
            act.Should().NotThrow();
        }
    }

    [Test]
    public void Map_InputLargerThanTheLimit_IsRejectedBeforeParsing()
    {
        var json = Bundle(Patient());
        var options = new FhirMappingOptions { MaxInputCharacters = json.Length - 1 };

        var act = () => Map(json, options);

        act.Should().Throw<FhirMappingException>().WithMessage("*MaxInputCharacters*");
    }

    [Test]
    public void Map_InputAtTheSizeLimit_IsAccepted()
    {
        var json = Bundle(Patient());
        var options = new FhirMappingOptions { MaxInputCharacters = json.Length };

        var act = () => Map(json, options);

        act.Should().NotThrow();
    }

    [Test]
    public void Map_NestingDeeperThanTheLimit_ThrowsFhirMappingException()
    {
        var options = new FhirMappingOptions { MaxDepth = 3 };

        var act = () => Map(Bundle(Patient()), options);

        act.Should().Throw<FhirMappingException>();
    }

    [Test]
    public void Map_PrefetchWithNullBatchResponseAndStringMembers_MapsWhatIsThereAndReportsTheRest()
    {
        var prefetch = $$"""{ "patient": { "response": { "status": "200 OK" }, "resource": {{Patient()}} }, "conditions": null, "user": "123" }""";

        var (patientCase, mapping, _) = Evaluate(prefetch);

        patientCase.Patient.Sex.Should().Be("female");
        patientCase.Diagnoses.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "prefetch conditions").And.Contain(i => i.Source == "$.user" && i.Reason == FhirIgnoreReason.ParseFailed);
    }

    [Test]
    public void Constructor_LimitBelowOne_Throws()
    {
        var act = () => Mapper(new FhirMappingOptions { MaxResources = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Map_EveryResourceTypeTheMappingReads_IsParsedAndNoneIsReportedUnsupported()
    {
        var json = FhirTestSupport.Bundle([.. SpineDecision.Fhir.Mapping.MappingSession.ReadResourceTypes.Select(t => $$"""{ "resourceType": "{{t}}", "id": "x" }""")]);

        var mapping = FhirTestSupport.Map(json).Report;

        mapping.Ignored.Should().NotContain(i => i.Reason == FhirIgnoreReason.UnsupportedResource);
    }

    [Test]
    public void Map_ResourcesOfTypesTheMappingDoesNotRead_AreCountedUnsupportedWithoutParsing()
    {
        // The Claim is not valid FHIR (a string where an object belongs): unread types are not parsed, so it is only counted.
        var json = FhirTestSupport.Bundle(FhirTestSupport.Patient(), """{ "resourceType": "Claim", "id": "c1", "patient": "not an object" }""", """{ "resourceType": "Claim", "id": "c2" }""");

        var mapping = FhirTestSupport.Map(json).Report;

        mapping.Ignored.Should().ContainSingle(i => i.Source == "Claim").Which.Should().Be(new FhirIgnoredItem("Claim", FhirIgnoreReason.UnsupportedResource, "2 resource(s) of a type the mapping does not read"));
    }

    [Test]
    public void Map_ResourceNotCurrent_IsReportedNotCurrentWithoutParsingItsContent()
    {
        var json = FhirTestSupport.Bundle(FhirTestSupport.Patient(), """{ "resourceType": "Procedure", "id": "pr", "status": "not-done", "code": "not an object" }""");

        var mapping = FhirTestSupport.Map(json).Report;

        mapping.Ignored.Should().ContainSingle(i => i.Source == "Procedure/pr").Which.Should().Be(new FhirIgnoredItem("Procedure/pr", FhirIgnoreReason.NotCurrent, "Procedure status not-done"));
    }

    [Test]
    public void Map_CurrentResourceThatFailsToParse_IsStillReportedAsAParseFailure()
    {
        var json = FhirTestSupport.Bundle(FhirTestSupport.Patient(), """{ "resourceType": "Procedure", "id": "pr", "status": "completed", "code": "not an object" }""");

        var mapping = FhirTestSupport.Map(json).Report;

        mapping.Ignored.Should().ContainSingle(i => i.Source == "Procedure/pr").Which.Reason.Should().Be(FhirIgnoreReason.ParseFailed);
    }

    [Test]
    public void Map_InpatientEncounterFromJson_IsReadWithoutParsingAndMatchesTheParsedPath()
    {
        var json = FhirTestSupport.Bundle(FhirTestSupport.Patient(), Fixtures.InpatientNow);
        var parsed = new FhirJsonDeserializer().DeserializeResource(json);

        var fromJson = FhirTestSupport.Map(json).Case.Patient.Hospitalised;
        var fromPoco = FhirTestSupport.Mapper().Map(parsed, FhirTestSupport.Assessed).Case.Patient.Hospitalised;

        fromJson.Should().BeTrue();
        fromPoco.Should().BeTrue();
    }
}
