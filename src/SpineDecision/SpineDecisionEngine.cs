using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpineDecision.Cases;
using SpineDecision.Compilation;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision;

/// <summary>
/// The SpineDecision engine: rules loaded, checked and compiled once; each evaluation runs in its own session (a batch
/// shares a session between a few cases, each matching only its own facts, with the same results).
/// </summary>
/// <threadsafety>Immutable after creation; <see cref="Evaluate(PatientCase)"/> may be called from any number of threads.</threadsafety>
public sealed partial class SpineDecisionEngine : ISpineDecisionEngine
{
    private readonly CompiledRuleBase _compiled;
    private readonly ReportBuilder _reports;
    private readonly int _maxFirings;
    private readonly ILogger _logger;

    internal SpineDecisionEngine(CompiledRuleBase compiled, int maxFirings, IReadOnlyList<RuleDiagnostic> warnings, ILogger logger)
    {
        _compiled = compiled;
        _reports = new ReportBuilder(compiled);
        _maxFirings = maxFirings;
        _logger = logger;
        Warnings = warnings;
    }

    /// <inheritdoc />
    public string Profile => _compiled.ProfileId;

    /// <inheritdoc />
    public ConceptVocabulary Vocabulary => _compiled.Rules.Vocabulary.Listing;

    /// <inheritdoc />
    public IReadOnlyList<string> Profiles => [.. _compiled.Rules.Profiles.Select(p => p.Id).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public IReadOnlyList<RuleDiagnostic> Warnings { get; }

    /// <summary>The number of rules loaded.</summary>
    public int RuleCount => _compiled.Rules.Rules.Length;

    /// <inheritdoc />
    public string ContentHash => _compiled.Rules.ContentHash;

    internal CompiledRuleBase Compiled => _compiled;

    /// <summary>Creates an engine with the rules shipped in the package.</summary>
    /// <param name="profile">The parameter profile, or <see langword="null"/> for the default (Medicare).</param>
    /// <returns>The engine.</returns>
    /// <exception cref="RuleLoadException">The profile does not exist.</exception>
    public static SpineDecisionEngine CreateDefault(string? profile = null) => Create(new SpineDecisionOptions { Profile = profile });

    /// <summary>Creates an engine from options: default rules, extra folders and files, profile.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">Where to log loading and evaluation; nothing is logged when omitted.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="RuleLoadException">The rules have errors (every one is listed with file, line and column) or the profile does not exist.</exception>
    public static SpineDecisionEngine Create(SpineDecisionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options, logger, functions: null);
    }

    internal static SpineDecisionEngine Create(SpineDecisionOptions options, ILogger? logger, FunctionTable? functions)
    {
        logger ??= NullLogger.Instance;
        if (options.MaxRuleFirings < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRuleFirings, "MaxRuleFirings must be at least 1");
        }

        var stopwatch = Stopwatch.StartNew();
        var (rules, diagnostics) = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.Gather(options), functions);
        return FromCheckedRules(rules, diagnostics, options.Profile, options.MaxRuleFirings, logger, stopwatch);
    }

    /// <summary>Compiles already checked rules for one profile: loading and checking do not depend on the profile,
    /// so a caller that needs several profiles (the scenario runner) checks once and compiles per profile.</summary>
    internal static SpineDecisionEngine FromCheckedRules(CheckedRuleBase rules, IReadOnlyList<RuleDiagnostic> diagnostics, string? profile,
        int maxRuleFirings, ILogger? logger = null, Stopwatch? stopwatch = null)
    {
        logger ??= NullLogger.Instance;
        stopwatch ??= Stopwatch.StartNew();
        var compiled = RuleBaseCompiler.Compile(rules, profile);
        var engine = new SpineDecisionEngine(compiled, maxRuleFirings, diagnostics, logger);
        LogCreated(logger, rules.Rules.Length, rules.RuleSets.Length, compiled.ProfileId, rules.ContentHash, stopwatch.ElapsedMilliseconds);
        foreach (var warning in diagnostics)
        {
            LogRuleWarning(logger, warning.ToString());
        }

        return engine;
    }

    /// <inheritdoc />
    public IReadOnlyList<CaseProblem> Validate(PatientCase patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        return CaseValidator.Validate(patientCase, _compiled.Rules.Vocabulary);
    }

    /// <inheritdoc />
    public RecommendationReport Evaluate(PatientCase patientCase) => Evaluate(patientCase, EvaluationOptions.Default, fired: null);

    /// <inheritdoc />
    public RecommendationReport Evaluate(PatientCase patientCase, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Evaluate(patientCase, options, fired: null);
    }

    /// <summary>Evaluates without telemetry (see <c>SpineDecisionEngine.Telemetry.cs</c>) and records every rule that fired.</summary>
    private RecommendationReport EvaluateCore(PatientCase patientCase, EvaluationOptions options, ICollection<string>? fired)
    {
        var prepared = Prepare(patientCase, options);
        try
        {
            return Finish(prepared, Evaluator.Run(_compiled, prepared.Facts, _maxFirings, fired), options);
        }
        catch (SpineDecisionException e)
        {
            LogEvaluationFailed(_logger, e, patientCase.Id);
            throw;
        }
    }

    /// <summary>Validates the case and builds its facts: everything before the session.</summary>
    /// <exception cref="InvalidCaseException">The case has problems.</exception>
    private PreparedCase Prepare(PatientCase patientCase, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        var problems = CaseValidator.Validate(patientCase, _compiled.Rules.Vocabulary, locations: null, out var unused);
        // The caller's request, else the referral's. A code billed for several procedures (CPT 64493: a medial branch
        // block or a facet joint injection) names each of them; the report answers for the reading the rules support
        // best, so a referral for a procedure that is not indicated is never met with silence.
        var requested = Requested(options.RequestedProcedure ?? patientCase.Referral?.RequestedProcedure);
        if (options.RequestedProcedure is { } unknown && requested.IsEmpty)
        {
            problems = [.. problems, new CaseProblem("requestedProcedure", $"unknown procedure '{unknown}'{_compiled.Rules.Vocabulary.Hint("procedure", unknown)}")];
        }

        if (problems.Count > 0)
        {
            throw new InvalidCaseException(problems);
        }

        return new PreparedCase(patientCase, CaseFactBuilder.Build(patientCase, _compiled.Rules.Vocabulary), requested, unused);
    }

    /// <summary>The procedure concepts a request names: the one it resolves to, or every concept sharing its code.</summary>
    private ImmutableArray<Concept> Requested(string? request) =>
        request is null ? []
        : _compiled.Rules.Vocabulary.Resolve("procedure", request) is { } concept ? [concept]
        : _compiled.Rules.Vocabulary.SharingCode("procedure", request);

    /// <summary>Builds the report from what the session produced: everything after the session.</summary>
    private RecommendationReport Finish(PreparedCase prepared, EvaluationRun run, EvaluationOptions options)
    {
        var report = _reports.Build(prepared.Case, prepared.Facts, run, options, prepared.Requested);
        if (prepared.Unused.Count > 0)
        {
            report = report with { NotUsed = [.. prepared.Unused] };
        }

        LogEvaluated(_logger, prepared.Case.Id, report.Recommendations.Length, report.Withheld.Length, report.Alerts.Length, report.InformationNeeded.Length);
        return report;
    }

    /// <summary>A validated case and its facts, ready for a session.</summary>
    private sealed record PreparedCase(PatientCase Case, CaseFact Facts, ImmutableArray<Concept> Requested, IReadOnlyList<UnusedDatum> Unused);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SpineDecision loaded {RuleCount} rules in {RuleSetCount} rule sets, profile {Profile}, content {ContentHash}, in {ElapsedMs} ms")]
    private static partial void LogCreated(ILogger logger, int ruleCount, int ruleSetCount, string profile, string contentHash, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rule warning: {Diagnostic}")]
    private static partial void LogRuleWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Case {CaseId}: {Recommendations} recommended, {Withheld} withheld, {Alerts} alerts, {Questions} information needed")]
    private static partial void LogEvaluated(ILogger logger, string? caseId, int recommendations, int withheld, int alerts, int questions);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Case {CaseId} could not be evaluated")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string? caseId);
}
