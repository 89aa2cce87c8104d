using Microsoft.Extensions.DependencyInjection;
using SpineDecision;
using SpineDecision.Cases;
using SpineDecision.Sample;

// Usage: dotnet run --project samples/SpineDecision.Sample.Console -- <case.yaml|case.json> [--json] [--profile <id>]
var json = args.Contains("--json");
var profileAt = Array.IndexOf(args, "--profile");
var profile = profileAt >= 0 && profileAt + 1 < args.Length ? args[profileAt + 1] : null;
var casePath = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (profileAt < 0 || i != profileAt + 1)).FirstOrDefault();
if (casePath is null)
{
    Console.Error.WriteLine("usage: SpineDecision.Sample.Console <case.yaml|case.json> [--json] [--profile <id>]");
    return 2;
}

try
{
    // The host's view: register once, resolve the singleton engine, evaluate cases.
    using var services = new ServiceCollection()
        .AddSpineDecision(options => options.Profile = profile)
        .BuildServiceProvider();
    var engine = services.GetRequiredService<ISpineDecisionEngine>();

    PatientCase patientCase = PatientCaseReader.ReadFile(casePath);
    var report = engine.Evaluate(patientCase, new EvaluationOptions { Explain = true });   // with why-not

    Console.WriteLine(json ? report.ToJson() : ReportText.Render(report, engine.Vocabulary));
    return 0;
}
catch (SpineDecisionException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
