using System.Globalization;
using System.Text;
using Hl7.Fhir.Serialization;
using BenchmarkDotNet.Attributes;
using SpineDecision.Cases;
using SpineDecision.Fhir;
using SpineDecision.Reports;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Mapping a FHIR R4 patient Bundle to a case: a typical patient (about 200 resources) and a large one (about 5,000),
/// against one warm evaluation of the mapped case (the target: mapping costs no more than one evaluation on the
/// typical Bundle).
/// </summary>
[WarmJob]
public class FhirMappingBenchmarks
{
    private SpineDecisionEngine _engine = null!;
    private FhirCaseMapper _mapper = null!;
    private string _json = null!;
    private PatientCase _case = null!;
    private Hl7.Fhir.Model.Bundle _bundle = null!;
    private static readonly DateOnly Assessed = new(2026, 11, 1);

    [Params(200, 1000, 5000)]
    public int Resources { get; set; } = 200;

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        _mapper = new FhirCaseMapper(_engine.Vocabulary);
        _json = PatientBundle(Resources);
        _case = _mapper.Map(_json, Assessed).Case;
        _bundle = new FhirJsonDeserializer(new DeserializerSettings { Validator = null }).DeserializeResource(_json) as Hl7.Fhir.Model.Bundle ?? throw new InvalidOperationException("not a Bundle");
        _engine.Evaluate(_case);
    }

    [Benchmark(Baseline = true, Description = "engine Evaluate (mapped case)")]
    public RecommendationReport Evaluate() => _engine.Evaluate(_case);

    [Benchmark(Description = "FhirCaseMapper.Map (JSON)")]
    public FhirMappingResult Map() => _mapper.Map(_json, Assessed);

    /// <summary>The mapping alone, without JSON parsing: what is left when the host already holds Firely POCOs.</summary>
    [Benchmark(Description = "FhirCaseMapper.Map (parsed Bundle)")]
    public FhirMappingResult MapParsed() => _mapper.Map(_bundle, Assessed);

    /// <summary>
    /// <c>--fhir-probe [seconds]</c>: for 200, 1,000 and 5,000 resources, after three seconds of warm-up per operation,
    /// the best of 15 interleaved batches of each operation (Stopwatch, so that load spikes on a shared machine drop
    /// out) and its exact allocation per call; with
    /// seconds, only <c>Map (JSON)</c> at 200 resources in a loop for that long, for <c>dotnet-trace</c>.
    /// </summary>
    internal static void Probe(double? loopSeconds)
    {
        var benchmarks = new FhirMappingBenchmarks();
        if (loopSeconds is { } seconds)
        {
            benchmarks.Setup();
            var until = System.Diagnostics.Stopwatch.StartNew();
            var calls = 0;
            while (until.Elapsed.TotalSeconds < seconds)
            {
                benchmarks.Map();
                calls++;
            }

            Console.WriteLine($"{calls} calls of Map (JSON) at {benchmarks.Resources} resources in {seconds} s");
            return;
        }

        Console.WriteLine("| Resources | Evaluate | Map (JSON) | Map (parsed Bundle) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var resources in new[] { 200, 1000, 5000 })
        {
            benchmarks.Resources = resources;
            benchmarks.Setup();
            Func<object>[] operations = [benchmarks.Evaluate, benchmarks.Map, benchmarks.MapParsed];
            var best = operations.Select(_ => double.MaxValue).ToArray();
            var bytes = new long[operations.Length];
            var calls = Math.Max(1, 2000 / resources);
            foreach (var operation in operations)
            {
                // Steady state, as BenchmarkDotNet's warm-up gives it: long enough for tiered compilation to promote
                // the code (a few hundred calls were not: the first probes measured partly unoptimised code).
                for (var warm = System.Diagnostics.Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 3;)
                {
                    operation();
                }
            }

            for (var batch = 0; batch < 16; batch++)
            {
                for (var i = 0; i < operations.Length; i++)
                {
                    GC.Collect();
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    for (var call = 0; call < calls; call++)
                    {
                        operations[i]();
                    }

                    watch.Stop();
                    bytes[i] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / calls;
                    if (batch > 0)
                    {
                        best[i] = Math.Min(best[i], watch.Elapsed.TotalMilliseconds / calls); // batch 0 warms up
                    }
                }
            }

            string Show(int i) => i == 0
                ? $"{best[0]:0.000} ms, {bytes[0] / 1024.0:N1} KB"
                : $"{best[i]:0.000} ms ({best[i] / best[0]:0.00}×), {bytes[i] / 1024.0:N1} KB ({(double)bytes[i] / bytes[0]:0.00}×)";
            Console.WriteLine($"| {resources:N0} | {Show(0)} | {Show(1)} | {Show(2)} |");
        }
    }

    /// <summary>
    /// A patient Bundle shaped like EHR exports: a Patient, then in rotation encounters, problem-list Conditions, pain
    /// scores and labs, medication orders, procedures, allergies and imaging, each dated within the last years.
    /// </summary>
    internal static string PatientBundle(int resources)
    {
        var json = new StringBuilder();
        json.Append("""{ "resourceType": "Bundle", "type": "collection", "entry": [ { "resource": { "resourceType": "Patient", "id": "p", "birthDate": "1968-05-04", "gender": "female" } }""");
        string[] icd = ["M51.26", "I10", "E11.9", "M54.16", "J45.909", "M47.816", "K21.9", "Z85.3"];
        string[] loinc = ["72514-3", "6301-6", "777-3", "4548-4", "2345-7", "2160-0"];
        string[] units = ["{score}", "{INR}", "10*3/uL", "%", "mg/dL", "mg/dL"];
        double[] values = [6, 1.1, 250, 6.1, 105, 0.9];
        string[] rxnorm = ["5640", "1364430", "314076", "7804", "32968"];
        for (var i = 1; i < resources; i++)
        {
            var date = Assessed.AddDays(-(i * 3 % 1500)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            json.Append(", { \"resource\": ");
            json.Append((i % 8) switch
            {
                0 => $$"""{ "resourceType": "Encounter", "id": "e{{i}}", "status": "finished", "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB" }, "period": { "start": "{{date}}", "end": "{{date}}" } }""",
                1 => $$"""{ "resourceType": "Condition", "id": "c{{i}}", "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "{{(i % 3 == 0 ? "resolved" : "active")}}" }] }, "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "{{icd[i % icd.Length]}}" }] }, "onsetDateTime": "{{date}}" }""",
                2 or 3 or 4 => $$"""{ "resourceType": "Observation", "id": "o{{i}}", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "{{loinc[i % loinc.Length]}}" }] }, "effectiveDateTime": "{{date}}", "valueQuantity": { "value": {{values[i % loinc.Length].ToString(CultureInfo.InvariantCulture)}}, "system": "http://unitsofmeasure.org", "code": "{{units[i % loinc.Length]}}" } }""",
                5 => $$"""{ "resourceType": "MedicationRequest", "id": "m{{i}}", "status": "{{(i % 2 == 0 ? "stopped" : "active")}}", "intent": "order", "medicationCodeableConcept": { "coding": [{ "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "{{rxnorm[i % rxnorm.Length]}}" }] }, "authoredOn": "{{date}}" }""",
                6 => $$"""{ "resourceType": "Procedure", "id": "pr{{i}}", "status": "completed", "code": { "coding": [{ "system": "http://www.ama-assn.org/go/cpt", "code": "{{(i % 2 == 0 ? "64483" : "99213")}}" }] }, "performedDateTime": "{{date}}" }""",
                _ => $$"""{ "resourceType": "AllergyIntolerance", "id": "a{{i}}", "patient": { "reference": "Patient/p" }, "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "{{(i % 2 == 0 ? "111088007" : "91936005")}}" }] } }""",
            });
            json.Append(" }");
        }

        return json.Append("] }").ToString();
    }
}
