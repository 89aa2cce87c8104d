using System.Globalization;
using System.Text;
using SpineDecision.Cases.Model;
using SpineDecision.Language.Model;
using SpineDecision.Reports;

namespace SpineDecision.Cases;

/// <summary>
/// Checks what reading cannot: that values lie in their declared ranges, that no date follows the assessment date,
/// that required data are present, and that every categorical value names a concept of the vocabulary (or a code of
/// a known system). The checks come from <see cref="CaseModel"/>; only checks across fields are written here.
/// </summary>
internal static class CaseValidator
{
    /// <summary>
    /// The most problems listed for one case. Past it, problems are counted, not described (no path, no did-you-mean),
    /// and one last problem says how many more there are: a hostile case of 10,000 wrong items is rejected as fast as a
    /// case of 100, and nobody reads the 101st message anyway.
    /// </summary>
    public const int MaxListedProblems = 100;

    /// <summary>Lists every problem of a case, in the order of the case model (document order).</summary>
    /// <param name="patientCase">The case to check; it may have been built in C# or read from a file.</param>
    /// <param name="vocabulary">The vocabulary concepts must resolve in; a set it does not declare is not checked.</param>
    /// <param name="locations">Where each datum was written, when the case was read from a file.</param>
    /// <returns>Every problem; empty when the case is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> or <paramref name="vocabulary"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<CaseProblem> Validate(PatientCase patientCase, Vocabulary vocabulary, CaseLocations? locations = null) =>
        Validate(patientCase, vocabulary, locations, out _);

    /// <summary>Lists every problem, and every documented datum no rule can use (a code no concept claims, an item
    /// written only as text) in <paramref name="unused"/>; both lists are allocated only when not empty.</summary>
    public static IReadOnlyList<CaseProblem> Validate(PatientCase patientCase, Vocabulary vocabulary, CaseLocations? locations, out IReadOnlyList<UnusedDatum> unused)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        ArgumentNullException.ThrowIfNull(vocabulary);

        // Every evaluation validates: one checker per thread, taken while in use, so a valid case allocates nothing.
        var checker = _idle ?? new Checker(vocabulary, locations, patientCase.AssessmentDate);
        _idle = null;
        checker.Start(vocabulary, locations, patientCase.AssessmentDate);
        checker.Case(patientCase);
        checker.CountUnlisted();
        unused = checker.Unused;
        var problems = checker.Problems;
        checker.Start(vocabulary, null, default);
        _idle = checker;
        return problems;
    }

    [ThreadStatic]
    private static Checker? _idle;

    private sealed class Checker(Vocabulary vocabulary, CaseLocations? locations, DateOnly assessmentDate)
    {
        private const double ReliefTolerancePoints = 1.0;

        // The path being checked, as segments: formatted only when a problem is reported, so that a valid case
        // (every evaluation validates) pays for no strings.
        private readonly List<(string Key, int Index)> _path = new(8);
        private List<CaseProblem>? _problems;
        private List<UnusedDatum>? _unused;
        private int _unlisted;

        private bool Full => _problems is { Count: >= MaxListedProblems };

        /// <summary>Readies the checker for a case; the lists of the previous case stay with its caller.</summary>
        public void Start(Vocabulary vocabularyOfCase, CaseLocations? locationsOfCase, DateOnly assessmentDateOfCase)
        {
            vocabulary = vocabularyOfCase;
            locations = locationsOfCase;
            assessmentDate = assessmentDateOfCase;
            _path.Clear();
            _problems = null;
            _unused = null;
            _unlisted = 0;
        }

        public IReadOnlyList<CaseProblem> Problems => (IReadOnlyList<CaseProblem>?)_problems ?? [];

        public IReadOnlyList<UnusedDatum> Unused => (IReadOnlyList<UnusedDatum>?)_unused ?? [];

        /// <summary>Adds the problem that says how many more problems were found past the cap.</summary>
        public void CountUnlisted()
        {
            if (_unlisted > 0)
            {
                _problems!.Add(new CaseProblem("(case)", string.Create(CultureInfo.InvariantCulture,
                    $"has {_unlisted:N0} more {(_unlisted == 1 ? "problem" : "problems")}; only the first {MaxListedProblems} are listed: correct these and validate again")));
            }
        }

        public void Case(PatientCase patientCase)
        {
            if (assessmentDate == default)
            {
                Problem("assessmentDate", "is required; write the date of the assessment as yyyy-MM-dd");
            }

            Record(CaseModel.Root, patientCase);

            if (patientCase.Pain is { DisabilityScore: > 24 and var score } pain && pain.DisabilityScale is { } scale && vocabulary.ResolveId("disability-scale", scale) == "rdq")
            {
                Problem("pain.disabilityScore", $"must be between 0 and 24, not {Format(score)}");
            }
        }

        private void Record(CaseType type, object record)
        {
            foreach (var field in type.Fields)
            {
                _path.Add((field.Key, -1));
                Field(field, record);
                _path.RemoveAt(_path.Count - 1);
            }

            if (record is PriorProcedure procedure)
            {
                ReliefAgreesWithScores(procedure);
            }
        }

        private void Field(CaseField field, object record)
        {
            var getters = field.Getters;
            switch (field.Kind)
            {
                case CaseFieldKind.Number or CaseFieldKind.Integer:
                    Range(field, getters.Number!(record));
                    break;
                case CaseFieldKind.Date:
                    NotAfterAssessment(field, getters.Date!(record));
                    break;
                case CaseFieldKind.Concept:
                    Concept(field.ConceptSet!, getters.Text!(record));
                    break;
                case CaseFieldKind.Text when field.IsLevels && getters.Text!(record) is { } level:
                    Level(level);
                    break;
                case CaseFieldKind.Object:
                    if (getters.Reference!(record) is { } part)
                    {
                        Record(field.Type!, part);
                    }
                    else
                    {
                        Problem(null, "must not be null; leave the data inside it null when they are not documented");
                    }

                    break;
                case CaseFieldKind.List or CaseFieldKind.TextList:
                    Items(field, getters.List!(record));
                    break;
            }
        }

        private void Items(CaseField field, IReadOnlyList<object>? items)
        {
            if (items is null)
            {
                return;
            }

            var (key, _) = _path[^1];
            for (var i = 0; i < items.Count; i++)
            {
                _path[^1] = (key, i);
                switch (items[i])
                {
                    case null:
                        Problem(null, "must not be null; remove the empty item");
                        break;
                    case string text when string.IsNullOrWhiteSpace(text):
                        Problem(null, "must have a value; remove the empty item");
                        break;
                    case string level when field.IsLevels:
                        Level(level);
                        break;
                    case string:
                        break;
                    case var item:
                        Record(field.Type!, item);
                        KeyOrText(field.Type!, item);
                        break;
                }
            }

            _path[^1] = (key, -1);
        }

        /// <summary>A keyed item says what it is: by its concept or code, or, when none covers it, by its text.</summary>
        private void KeyOrText(CaseType type, object item)
        {
            if (type.Key is not { } key || !string.IsNullOrWhiteSpace(key.Getters.Text!(item)))
            {
                return;
            }

            if (type.Text is { } text && text.Getters.Text!(item) is { } written && !string.IsNullOrWhiteSpace(written))
            {
                (_unused ??= []).Add(new UnusedDatum(PathText(text.Key), written, $"documented as text: no '{key.ConceptSet}' concept or code"));
                return;
            }

            Problem(key.Key, type.Text is null
                ? $"is required; write a concept of the '{key.ConceptSet}' set"
                : $"is required; write a concept of the '{key.ConceptSet}' set or a code, or 'text' for an item no concept covers");
        }

        private void Concept(string set, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(null, $"must not be empty; write a concept of the '{set}' set or leave it out");
                return;
            }

            // A code of a known system that no concept claims is valid (open world for codes); see Vocabulary.Lookup.
            if (!vocabulary.HasSet(set))
            {
                return;
            }

            var lookup = vocabulary.Lookup(set, value, describeProblem: !Full);
            if (lookup.Problem is { } problem)
            {
                Problem(null, problem);
            }
            else if (lookup.Kind == ConceptLookupKind.UnclaimedCode)
            {
                (_unused ??= []).Add(new UnusedDatum(PathText(null), value, $"no concept of the '{set}' set claims this code"));
            }
        }

        private void Level(string level)
        {
            if (!SpinalLevels.TryParse(level, out _, out var error))
            {
                Problem(null, error!);
            }
        }

        private void NotAfterAssessment(CaseField field, DateOnly? date)
        {
            if (date is { } value && field.Required is false && assessmentDate != default && value > assessmentDate)
            {
                Problem(null, $"{Format(value)} is after the assessment date {Format(assessmentDate)}");
            }
        }

        private void Range(CaseField field, double? value)
        {
            switch (value)
            {
                case null:
                    return;
                case { } v when !double.IsFinite(v):
                    Problem(null, $"must be a finite number, not {Format(v)}");
                    return;
                case { } v when v < (field.Min ?? 0) || v > (field.Max ?? double.MaxValue):
                    Problem(null, field.Max is null
                        ? $"must not be negative, not {Format(v)}"
                        : $"must be between {Format(field.Min ?? 0)} and {Format(field.Max.Value)}, not {Format(v)}");
                    return;
            }
        }

        private void ReliefAgreesWithScores(PriorProcedure procedure)
        {
            if (procedure is not { PainBefore: > 0 and <= 10 and var before, PainAfter: >= 0 and <= 10 and var after, ReliefPercent: >= 0 and <= 100 and var relief })
            {
                return;
            }

            var computed = (before - after) / before * 100;
            if (Math.Abs(relief - computed) > ReliefTolerancePoints)
            {
                Problem("reliefPercent", string.Create(CultureInfo.InvariantCulture,
                    $"is {relief}, but pain from {before} to {after} is {computed.ToString("0.#", CultureInfo.InvariantCulture)} % relief; correct reliefPercent, painBefore or painAfter"));
            }
        }

        /// <summary>Reports a problem at the current path, or at <paramref name="field"/> below it.</summary>
        private void Problem(string? field, string message)
        {
            if (Full)
            {
                _unlisted++;
                return;
            }

            var path = PathText(field);
            (_problems ??= []).Add(new CaseProblem(path, message, locations?.Find(path)));
        }

        private string PathText(string? field)
        {
            var text = new StringBuilder();
            foreach (var (key, index) in _path)
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(key);
                if (index >= 0)
                {
                    text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }

            if (field is not null)
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(field);
            }

            return text.ToString();
        }

        private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
