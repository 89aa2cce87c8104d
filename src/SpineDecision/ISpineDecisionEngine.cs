using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision;

/// <summary>
/// Recommends the next interventional spine procedure for a patient case. The one interface hosts depend on and
/// mock. Implementations are immutable and thread-safe: share one instance.
/// </summary>
public interface ISpineDecisionEngine
{
    /// <summary>The parameter profile this engine runs, for example <c>medicare</c>.</summary>
    string Profile { get; }

    /// <summary>The profiles the loaded rules define, in ordinal order: the values <see cref="SpineDecisionOptions.Profile"/> accepts.</summary>
    IReadOnlyList<string> Profiles { get; }

    /// <summary>SHA-256 of the rule files: the rule content's identity, also in every report's provenance.</summary>
    string ContentHash { get; }

    /// <summary>Warnings found while loading the rules (errors stop creation), each located at file, line and column.</summary>
    IReadOnlyList<RuleDiagnostic> Warnings { get; }

    /// <summary>
    /// The vocabulary cases are checked against: its code systems (prefix and FHIR URI) and concept sets with their
    /// codes. Use it to build an EHR mapping table; a case may write a concept id or any code of a listed system.
    /// </summary>
    ConceptVocabulary Vocabulary { get; }

    /// <summary>Checks a case against the model and the vocabulary without evaluating it.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>Every problem found; empty when the case is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    IReadOnlyList<CaseProblem> Validate(PatientCase patientCase);

    /// <summary>Evaluates a case.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The report: recommendations, withheld procedures, alerts, information needed, provenance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="InvalidCaseException">The case is invalid; every problem is listed.</exception>
    /// <exception cref="RuleEvaluationException">A rule failed; names the rule and where it is written.</exception>
    /// <exception cref="RunawayRulesException">The rules did not settle within the firing limit.</exception>
    RecommendationReport Evaluate(PatientCase patientCase);

    /// <summary>Evaluates a case with options: a requested procedure to answer, and why-not explanations.</summary>
    /// <param name="patientCase">The case.</param>
    /// <param name="options">The requested procedure and whether to explain non-recommendations.</param>
    /// <returns>The report; <see cref="RecommendationReport.Request"/> is set when a procedure was requested, and
    /// <see cref="RecommendationReport.WhyNot"/> is filled when <see cref="EvaluationOptions.Explain"/> is on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidCaseException">The case is invalid, or the requested procedure is unknown; every problem is listed.</exception>
    /// <exception cref="RuleEvaluationException">A rule failed; names the rule and where it is written.</exception>
    /// <exception cref="RunawayRulesException">The rules did not settle within the firing limit.</exception>
    RecommendationReport Evaluate(PatientCase patientCase, EvaluationOptions options);

    /// <summary>
    /// Evaluates a stream of cases and returns the results lazily, in input order. A case that cannot be evaluated
    /// gives a result carrying its <see cref="SpineDecisionException"/>; the batch goes on. <see cref="SpineDecisionEngine"/>
    /// evaluates in parallel with bounded memory, several cases per rule session (<see cref="BatchEvaluationOptions.CasesPerSession"/>,
    /// with the results <see cref="Evaluate(PatientCase)"/> gives); this default evaluates one case at a time with <see cref="Evaluate(PatientCase)"/>.
    /// </summary>
    /// <param name="cases">The cases; read lazily on the thread that enumerates the results.</param>
    /// <param name="options">Parallelism, memory bound and progress; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the batch: the next request for a result throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>One result per case, in input order; nothing runs until it is enumerated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is below 1.</exception>
    IEnumerable<BatchEvaluationResult> EvaluateBatch(IEnumerable<PatientCase> cases, BatchEvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
        SpineDecisionEngine.EvaluateSequentially(this, cases, options, cancellationToken);
}
