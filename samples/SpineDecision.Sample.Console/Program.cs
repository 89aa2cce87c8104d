using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpineDecision;
using SpineDecision.Cases;
using SpineDecision.Fhir;
using SpineDecision.Sample;

// Usage: dotnet run --project samples/SpineDecision.Sample.Console -- <case.yaml|case.json|fhir-bundle.json> [--json] [--profile <id>] [--mapping] [--date yyyy-MM-dd]
var json = args.Contains("--json");
var mapping = args.Contains("--mapping");
var profileAt = Array.IndexOf(args, "--profile");
var profile = profileAt >= 0 && profileAt + 1 < args.Length ? args[profileAt + 1] : null;
var dateAt = Array.IndexOf(args, "--date");
var casePath = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (profileAt < 0 || i != profileAt + 1) && (dateAt < 0 || i != dateAt + 1)).FirstOrDefault();
if (casePath is null || (dateAt >= 0 && (dateAt + 1 >= args.Length || !DateOnly.TryParseExact(args[dateAt + 1], "yyyy-MM-dd", out _))))
{
    Console.Error.WriteLine("usage: SpineDecision.Sample.Console <case.yaml|case.json|fhir-bundle.json> [--json] [--profile <id>] [--mapping] [--date yyyy-MM-dd]");
    return 2;
}

try
{
    // The host's view: register once, resolve the singleton engine, evaluate cases.
    using var services = new ServiceCollection()
        .AddSpineDecision(options => options.Profile = profile)
        .AddSpineDecisionFhir()
        .BuildServiceProvider();
    var engine = services.GetRequiredService<ISpineDecisionEngine>();

    PatientCase patientCase;
    var text = casePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(casePath) ? File.ReadAllText(casePath) : null;
    if (text is not null && FhirCaseMapper.LooksLikeFhir(text))
    {
        // A FHIR R4 Bundle: map it at the assessment date (--date, default today), say what was mapped, then evaluate.
        var date = dateAt >= 0 ? DateOnly.ParseExact(args[dateAt + 1], "yyyy-MM-dd") : DateOnly.FromDateTime(DateTime.Today);
        var mapped = services.GetRequiredService<FhirCaseMapper>().Map(text, date);
        (json ? Console.Error : Console.Out).Write(mapping ? mapped.Report.ToText() : mapped.Report.ToText().Split('\n')[0] + "\n");
        patientCase = mapped.Case;
    }
    else
    {
        patientCase = PatientCaseReader.ReadFile(casePath);
    }

    var report = engine.Evaluate(patientCase, new EvaluationOptions { Explain = true });   // with why-not

    Console.WriteLine(json ? report.ToJson() : ReportText.Render(report, engine.Vocabulary));
    return 0;
}
catch (Exception e) when (e is SpineDecisionException or OptionsValidationException)   // an invalid case, or options (--profile)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
