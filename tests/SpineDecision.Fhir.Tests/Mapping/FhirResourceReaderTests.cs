using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using SpineDecision.Fhir.Mapping;

namespace SpineDecision.Fhir.Tests.Mapping;

/// <summary>
/// The mapping's own JSON reader against Firely's deserialiser, on every real file under <c>../shared/fixtures</c>
/// (fhir and cds-hooks) and the project's own fixtures: for each resource our reader reads, the POCO equals Firely's
/// once the elements the reader skips are removed from Firely's; and the mapping through either gives the same case
/// and the same report. Every JSON text the other tests map is also mapped both ways (<see cref="FhirTestSupport.Map"/>).
/// </summary>
public sealed class FhirResourceReaderTests
{
    private static readonly FhirJsonDeserializer Firely = new(new DeserializerSettings { Validator = null });

    private static IEnumerable<string> Corpus(bool shared)
    {
        var own = Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData"), "*.json").Select(File.ReadAllText)
            .Append(Fixtures.LumbarRadicular);
        if (!shared)
        {
            return own;
        }

        var files = new[] { "fhir", "cds-hooks" }
            .SelectMany(folder => Directory.EnumerateFiles(FhirTestSupport.SharedFixtures(folder), "*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        return own.Concat(files.Select(File.ReadAllText).Where(Parses));
    }

    private static bool Parses(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Every object with a string resourceType, at any depth (Bundles, prefetch members, CDS Hooks requests).</summary>
    private static IEnumerable<(string Type, string Json)> Resources(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "Bundle")
            {
                yield return (type.GetString()!, element.GetRawText());
                yield break;
            }

            foreach (var member in element.EnumerateObject())
            {
                foreach (var found in Resources(member.Value))
                {
                    yield return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in Resources(item))
                {
                    yield return found;
                }
            }
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TryRead_EveryResourceOfARealOrOwnFixture_EqualsFirelysPocoWithoutTheSkippedElements(bool shared)
    {
        var read = 0;
        var toFirely = 0;
        var differences = new List<string>();

        foreach (var json in Corpus(shared))
        {
            using var document = JsonDocument.Parse(json);
            foreach (var (type, text) in Resources(document.RootElement).Where(r => FhirResourceReader.Reads(r.Type)))
            {
                var ours = FhirResourceReader.TryRead(type, System.Text.Encoding.UTF8.GetBytes(text));
                if (ours is null)
                {
                    toFirely++;
                    continue;
                }

                read++;
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                var reader = new Utf8JsonReader(bytes);
                if (!Firely.TryDeserializeResource(ref reader, out var theirs, out var issues) || theirs is null || issues.Any())
                {
                    differences.Add($"{type}: read by us, rejected by Firely ({issues.FirstOrDefault()?.Message}): {text[..Math.Min(200, text.Length)]}");
                    continue;
                }

                WithoutSkipped(theirs);
                if (!ours.IsExactly(theirs))
                {
                    differences.Add($"{type}: ours {new FhirJsonSerializer().SerializeToString(ours)}\n  Firely's {new FhirJsonSerializer().SerializeToString(theirs)}");
                }
            }
        }

        differences.Should().BeEmpty();
        read.Should().BeGreaterThan(shared ? 1000 : 10, "most resources of the types the reader reads are read by it ({0} went to Firely)", toFirely);
        read.Should().BeGreaterThan(toFirely);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Map_EveryRealOrOwnFixture_GivesTheSameCaseAndReportThroughOurReaderAsThroughFirely(bool shared)
    {
        var compared = 0;
        foreach (var json in Corpus(shared))
        {
            using var document = JsonDocument.Parse(json);
            var parts = document.RootElement.TryGetProperty("prefetch", out var prefetch) && prefetch.ValueKind == JsonValueKind.Object ? [prefetch.GetRawText()]
                : document.RootElement.TryGetProperty("resourceType", out _) ? new[] { json } : [];
            foreach (var part in parts)
            {
                FhirTestSupport.MapBothWays(part, null, FhirTestSupport.Assessed);
                compared++;
            }
        }

        compared.Should().BeGreaterThan(shared ? 50 : 1);
    }

    [Test]
    public void TryRead_AnElementInNeitherList_GoesToFirely()
    {
        var json = """{ "resourceType": "Observation", "status": "final", "code": { "text": "x" }, "valueRatio": { "numerator": { "value": 1 } } }"""u8;

        FhirResourceReader.TryRead("Observation", json).Should().BeNull();
    }

    [TestCase("""{ "resourceType": "Condition", "code": { "coding": [] } }""")]
    [TestCase("""{ "resourceType": "Condition", "code": { } }""")]
    [TestCase("""{ "resourceType": "Condition", "code": { "text": null } }""")]
    [TestCase("""{ "resourceType": "Condition", "subject": { "reference": null } }""")]
    [TestCase("""{ "resourceType": "Condition", "note": [] }""")]
    [TestCase("""{ "resourceType": "Condition", "code": { "coding": { "code": "x" } } }""")]
    [TestCase("""{ "resourceType": "Condition", "code": { "text": "x" }, "code": { "text": "y" } }""")]
    [TestCase("""{ "resourceType": "Condition", "onsetDateTime": "2020", "onsetString": "child" }""")]
    [TestCase("""{ "resourceType": "Condition", "_recordedDate": { "extension": [{ "url": "x", "valueCode": "y" }] } }""")]
    [TestCase("""{ "resourceType": "Observation", "valueInteger": 8.0 }""")]
    [TestCase("""{ "resourceType": "Observation", "valueQuantity": { "value": 1e2 } }""")]
    [TestCase("""{ "resourceType": "Observation", "valueBoolean": "true" }""")]
    [TestCase("""{ "resourceType": "Observation", "status": "" }""")]
    [TestCase("""{ "resourceType": "Observation", "code": { "coding": [{ "code": "x", "extension": [{ "url": "u", "valueString": "s" }] }] } }""")]
    public void TryRead_AnUnusualShape_GoesToFirely(string json)
    {
        FhirResourceReader.TryRead(json.Split('"')[3], System.Text.Encoding.UTF8.GetBytes(json)).Should().BeNull();
    }

    [Test]
    public void TryRead_ASkippedElementThatFirelyRejects_GoesToFirely()
    {
        // Skipped elements are not read, but what Firely rejects whatever the element (null, [], {}) still goes to it.
        var json = """{ "resourceType": "Observation", "status": "final", "performer": [{ }] }"""u8;

        FhirResourceReader.TryRead("Observation", json).Should().BeNull();
    }

    [Test]
    public void ReadAndSkippedElements_AreDisjointAndNameEveryElementOfTheirTypeTheyMention()
    {
        foreach (var (type, read) in FhirResourceReader.ReadElements)
        {
            var mapping = ModelInfo.ModelInspector.FindClassMapping(type)!;
            read.Intersect(FhirResourceReader.SkippedElements[type]).Should().BeEmpty(type);
            read.Concat(FhirResourceReader.SkippedElements[type]).Should().OnlyContain(e => mapping.FindMappedElementByName(e) != null, type);
        }
    }

    /// <summary>Removes from a Firely POCO what our reader skips, so that the rest can be compared exactly.</summary>
    private static void WithoutSkipped(Resource resource)
    {
        foreach (var element in FhirResourceReader.SkippedElements[resource.TypeName].Concat(FhirResourceReader.SkippedOnEveryResource))
        {
            resource.SetValue(element, null);
        }

        if (resource is Observation observation)
        {
            foreach (var component in observation.Component)
            {
                component.ReferenceRange = [];
            }
        }
    }
}
