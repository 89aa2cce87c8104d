using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Fhir;

namespace SpineDecision.Sample;

/// <summary>
/// The sample runner: parses the command line with System.CommandLine (as the spine-rules tool does), then evaluates
/// one case through the DI path exactly as a host would. <c>--help</c> and <c>-h</c> print usage and exit 0; a wrong
/// command line (unknown option, missing case, bad date) is one message per problem on standard error, with a
/// did-you-mean for a mistyped option, and exit code 2; a case that cannot be read or evaluated exits 1 with its
/// message, never a stack trace.
/// </summary>
public static class SampleApp
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Name = "SpineDecision.Sample.Console";

    /// <summary>Runs the sample in-process: tests call this with their own writers.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var casePath = new Argument<string>("case")
        {
            Description = "A case file in the documented case format, YAML or JSON (samples/cases), or a FHIR R4 Bundle (JSON with \"resourceType\").",
        };
        var json = new Option<bool>("--json") { Description = "Print the report's stable JSON form instead of text." };
        var profile = new Option<string?>("--profile") { Description = "The parameter profile to run (default: medicare).", HelpName = "id" };
        var mapping = new Option<bool>("--mapping") { Description = "For a FHIR file: print the whole mapping report before the report." };
        var date = new Option<string?>("--date") { Description = "For a FHIR file: the assessment date, yyyy-MM-dd (default: today).", HelpName = "yyyy-MM-dd" };
        date.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", out _))
            {
                result.AddError($"--date: '{result.Tokens[0].Value}' is not a date written yyyy-MM-dd.");
            }
        });

        // RootCommand brings -h/--help and --version; the description is the first thing --help prints.
        var root = new RootCommand("Evaluates one patient case with SpineDecision's default rules and prints the report.")
        {
            casePath, json, profile, mapping, date,
        };

        // An option-like word that is not an option is taken for the case path when it comes first: report it as the
        // unknown option it is, not as a missing file.
        casePath.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value is { Length: > 1 } token && token[0] == '-' && !File.Exists(token))
            {
                result.AddError($"Unrecognized option '{token}'.");
            }
        });

        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            var names = root.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"{Name}: error: {WithHint(error.Message, names)}");
            }

            stderr.WriteLine($"Run '{Name} --help' for usage.");
            return Usage;
        }

        root.SetAction(result => Evaluate(
            result.GetValue(casePath)!, result.GetValue(json), result.GetValue(profile), result.GetValue(mapping), result.GetValue(date), stdout, stderr));
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The host's view: register once, resolve the singleton engine, evaluate the case.</summary>
    private static int Evaluate(string casePath, bool json, string? profile, bool mapping, string? date, TextWriter stdout, TextWriter stderr)
    {
        try
        {
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
                var at = date is null ? DateOnly.FromDateTime(DateTime.Today) : DateOnly.ParseExact(date, "yyyy-MM-dd");
                var mapped = services.GetRequiredService<FhirCaseMapper>().Map(text, at);
                (json ? stderr : stdout).Write(mapping ? mapped.Report.ToText() : mapped.Report.ToText().Split('\n')[0] + "\n");
                patientCase = mapped.Case;
            }
            else
            {
                patientCase = PatientCaseReader.ReadFile(casePath);
            }

            var report = engine.Evaluate(patientCase, new EvaluationOptions { Explain = true });   // with why-not

            stdout.WriteLine(json ? report.ToJson() : ReportText.Render(report, engine.Vocabulary));
            return Success;
        }
        catch (Exception e) when (e is SpineDecisionException or OptionsValidationException)   // an invalid case, or options (--profile)
        {
            stderr.WriteLine(e.Message);
            return Failed;
        }
    }

    /// <summary>"Unrecognized option '--jsn' (did you mean '--json'?)." for an unknown word close to an option.</summary>
    private static string WithHint(string message, IReadOnlyList<string> options)
    {
        const string Marker = " '";
        var start = message.StartsWith("Unrecognized ", StringComparison.Ordinal) ? message.IndexOf(Marker, StringComparison.Ordinal) : -1;
        var end = message.LastIndexOf("'.", StringComparison.Ordinal);
        if (start < 0 || end <= start + Marker.Length)
        {
            return message;
        }

        var hint = DidYouMean.Hint(message[(start + Marker.Length)..end], options.Where(o => o.StartsWith('-')));
        return hint.Length == 0 ? message : message[..(end + 1)] + hint + ".";
    }
}
