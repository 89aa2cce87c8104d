using System.CommandLine;
using SpineDecision.Cases;
using SpineDecision.Cli.Inputs;
using SpineDecision.Cli.Output;
using SpineDecision.Diagnostics;

namespace SpineDecision.Cli.Explain;

/// <summary><c>spine-rules explain</c>: evaluates one case file and prints the report with its full derivation tree.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.Path("case", "A case file in the documented case format, YAML or JSON (see samples/cases), or a FHIR R4 Bundle (JSON with \"resourceType\").");
        var rules = CommonOptions.Rules("Rule files or folders to use with the rules shipped in SpineDecision (a file with the path or text of a shipped file replaces it).");
        var noDefaults = CommonOptions.NoDefaults();
        var profile = CommonOptions.Profile("The parameter profile to run.");
        var json = new Option<bool>("--json") { Description = "Print the report's stable JSON form instead of text." };
        var mapping = new Option<bool>("--mapping") { Description = "For a FHIR file: print the whole mapping report (what was mapped, ignored and left unknown) before the report." };
        var date = new Option<string?>("--date") { Description = "For a FHIR file: the assessment date, yyyy-MM-dd (default: today)." };
        date.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", out _))
            {
                result.AddError($"--date: '{result.Tokens[0].Value}' is not a date written yyyy-MM-dd.");
            }
        });
        var command = new Command("explain", "Evaluate one case and print the report: recommendations, withheld procedures, alerts and information needed, each with its rule, citations and derivation tree.")
        {
            file, rules, profile, json, mapping, date, noDefaults,
        };
        command.SetAction(result => Run(console, result.GetValue(file)!, result.GetValue(rules) ?? [], result.GetValue(profile), result.GetValue(json),
            new FhirInputOptions(result.GetValue(mapping), result.GetValue(date)), !result.GetValue(noDefaults)));
        return command;
    }

    /// <summary>How a FHIR file given as the case is read: print the whole mapping report, at which assessment date.</summary>
    internal sealed record FhirInputOptions(bool PrintMapping = false, string? Date = null);

    public static int Run(CliConsole console, string casePath, IReadOnlyList<string> rulePaths, string? profile, bool json, FhirInputOptions? fhirOptions = null,
        bool includeDefaults = true)
    {
        var options = new SpineDecisionOptions { Profile = profile, IncludeDefaultRules = false };
        var inputs = RuleInputs.Gather([], rulePaths, includeDefaults);
        if (inputs.Problems.HasErrors)
        {
            Print(console, inputs.Problems.Sorted());
            return ExitCodes.Failed;
        }

        foreach (var ruleFile in inputs.AllRuleFiles)
        {
            options.RuleFiles.Add(ruleFile);
        }

        SpineDecisionEngine engine;
        try
        {
            engine = SpineDecisionEngine.Create(options);
        }
        catch (RuleLoadException e)
        {
            Print(console, e.Diagnostics);
            return e.Diagnostics.All(d => d.Code == DiagnosticCodes.UnknownProfile) ? ExitCodes.Usage : ExitCodes.Failed;
        }

        // Read and validate here rather than in Evaluate, so that every problem keeps its line and column.
        var locations = new CaseLocations();
        PatientCase? patientCase = null;
        IReadOnlyList<CaseProblem> problems;
        try
        {
            var fhir = FhirCaseInput.TryMap(casePath, engine, fhirOptions?.Date);
            if (fhir is not null)
            {
                // The mapping summary (or the whole report with --mapping) comes first; with --json it goes to stderr.
                var text = fhirOptions?.PrintMapping == true ? fhir.Report.ToText() : fhir.Report.ToText().Split('\n')[0] + "\n";
                (json ? console.Error : console.Out).Write(text);
            }

            patientCase = fhir?.Case ?? PatientCaseReader.ReadFile(casePath, locations);
            problems = CaseValidator.Validate(patientCase, engine.Compiled.Rules.Vocabulary, locations);
        }
        catch (InvalidCaseException e)
        {
            problems = e.Problems;
        }
        catch (Fhir.FhirMappingException e)
        {
            console.Out.WriteLine($"{CliConsole.ToolName}: {console.Red("error")}: {casePath}: {CliConsole.OneLine(e.Message)}");
            return ExitCodes.Failed;
        }

        if (patientCase is null || problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                var where = problem.Location ?? new SourceLocation(casePath, 1, 1);
                console.Diagnostic(new RuleDiagnostic(DiagnosticCodes.CaseInvalid, DiagnosticSeverity.Error, where,
                    problem.Path == "(case)" ? problem.Message : $"{problem.Path}: {problem.Message}"));
            }

            console.Out.WriteLine($"{CliConsole.ToolName}: the case is invalid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}); nothing was evaluated");
            return ExitCodes.Failed;
        }

        Reports.RecommendationReport report;
        try
        {
            report = engine.Evaluate(patientCase, new EvaluationOptions { Explain = true });
        }
        catch (SpineDecisionException e)
        {
            console.Out.WriteLine($"{CliConsole.ToolName}: {console.Red("error")}: {CliConsole.OneLine(e.Message)}");
            return ExitCodes.Failed;
        }

        if (json)
        {
            console.Out.WriteLine(report.ToJson());
        }
        else
        {
            ReportPrinter.Print(console, report, engine.RuleCount, engine.Vocabulary);
        }

        return ExitCodes.Success;
    }

    private static void Print(CliConsole console, IEnumerable<RuleDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            console.Diagnostic(diagnostic);
        }
    }
}
