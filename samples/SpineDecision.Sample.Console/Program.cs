using SpineDecision.Sample;

// Usage: dotnet run --project samples/SpineDecision.Sample.Console -- <case.yaml|case.json|fhir-bundle.json> [--json] [--profile <id>] [--mapping] [--date yyyy-MM-dd]
// The command line is parsed in SampleApp; the host's view (register, resolve, evaluate) is SampleApp.Evaluate.
return SampleApp.Run(args, Console.Out, Console.Error);
