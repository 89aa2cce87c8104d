using System.Globalization;
using SpineDecision.Language.Model;

namespace SpineDecision.Cases;

/// <summary>
/// Checks what reading cannot: that values lie in their clinical ranges, that no date follows the assessment date,
/// that required data are present, and that every categorical value names a concept of the vocabulary.
/// </summary>
internal static class CaseValidator
{
    /// <summary>Lists every problem of a case, in the order of the case model (document order).</summary>
    /// <param name="patientCase">The case to check; it may have been built in C# or read from a file.</param>
    /// <param name="vocabulary">The vocabulary concepts must resolve in; a set it does not declare is not checked.</param>
    /// <param name="locations">Where each datum was written, when the case was read from a file.</param>
    /// <returns>Every problem; empty when the case is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> or <paramref name="vocabulary"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<CaseProblem> Validate(PatientCase patientCase, Vocabulary vocabulary, CaseLocations? locations = null)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        ArgumentNullException.ThrowIfNull(vocabulary);

        var checker = new Checker(vocabulary, locations, patientCase.AssessmentDate);
        checker.Case(patientCase);
        return checker.Problems;
    }

    private sealed class Checker(Vocabulary vocabulary, CaseLocations? locations, DateOnly assessmentDate)
    {
        private const double ReliefTolerancePoints = 1.0;

        private readonly List<CaseProblem> _problems = [];

        public IReadOnlyList<CaseProblem> Problems => _problems;

        public void Case(PatientCase patientCase)
        {
            if (assessmentDate == default)
            {
                Problem("assessmentDate", "is required; write the date of the assessment as yyyy-MM-dd");
            }

            if (Present("patient", patientCase.Patient))
            {
                Range("patient.age", patientCase.Patient.Age, 0, 130);
                Concept("patient.sex", "sex", patientCase.Patient.Sex);
            }

            if (Present("pain", patientCase.Pain))
            {
                Pain(patientCase.Pain);
            }

            if (Present("exam", patientCase.Exam))
            {
                Range("exam.siProvocationPositive", patientCase.Exam.SiProvocationPositive, 0, 6);
            }

            if (Present("labs", patientCase.Labs))
            {
                Range("labs.inr", patientCase.Labs.Inr, 0.5, 20);
                Range("labs.platelets", patientCase.Labs.Platelets, 0, 2000);
                Range("labs.hbA1c", patientCase.Labs.HbA1c, 3, 20);
            }

            if (Present("psychosocial", patientCase.Psychosocial))
            {
                Concept("psychosocial.evaluation", "psych-status", patientCase.Psychosocial.Evaluation);
            }

            Concepts("diagnoses", "diagnosis", patientCase.Diagnoses);
            Items("imaging", patientCase.Imaging, Imaging);
            Items("conservativeCare", patientCase.ConservativeCare, ConservativeTherapy);
            Items("priorProcedures", patientCase.PriorProcedures, PriorProcedure);
            Items("redFlags", patientCase.RedFlags, (path, flag) => RequiredConcept(path.Field("flag"), "red-flag", flag.Flag));
            Items("medications", patientCase.Medications, (path, medication) => RequiredConcept(path.Field("class"), "medication-class", medication.Class));
            Concepts("allergies", "allergen", patientCase.Allergies);
            Concepts("comorbidities", "comorbidity", patientCase.Comorbidities);
            Items("trials", patientCase.Trials, Trial);
            AtLeastZero("lifeExpectancyMonths", patientCase.LifeExpectancyMonths);
            Concept("referralQuestion", "referral", patientCase.ReferralQuestion);
        }

        private void Pain(PainInfo pain)
        {
            Concept("pain.region", "region", pain.Region);
            Concept("pain.pattern", "pain-pattern", pain.Pattern);
            Concept("pain.laterality", "side", pain.Laterality);
            AtLeastZero("pain.durationWeeks", pain.DurationWeeks);
            Range("pain.nrs", pain.Nrs, 0, 10);
            Concept("pain.disabilityScale", "disability-scale", pain.DisabilityScale);
            var scale = pain.DisabilityScale is null ? null : vocabulary.Resolve("disability-scale", pain.DisabilityScale)?.Id ?? pain.DisabilityScale;
            Range("pain.disabilityScore", pain.DisabilityScore, 0, string.Equals(scale, "rdq", StringComparison.Ordinal) ? 24 : 100);
        }

        private void Imaging(DatumPath path, ImagingFinding imaging)
        {
            RequiredConcept(path.Field("finding"), "imaging-finding", imaging.Finding);
            Concept(path.Field("side"), "side", imaging.Side);
            Concept(path.Field("modality"), "imaging-modality", imaging.Modality);
            NotAfterAssessment(path.Field("date"), imaging.Date);
            Range(path.Field("heightLossPercent"), imaging.HeightLossPercent, 0, 100);
        }

        private void ConservativeTherapy(DatumPath path, ConservativeTherapy therapy)
        {
            RequiredConcept(path.Field("modality"), "therapy-modality", therapy.Modality);
            AtLeastZero(path.Field("weeks"), therapy.Weeks);
            Concept(path.Field("outcome"), "therapy-outcome", therapy.Outcome);
        }

        private void PriorProcedure(DatumPath path, PriorProcedure procedure)
        {
            RequiredConcept(path.Field("procedure"), "procedure", procedure.Procedure);
            Concept(path.Field("region"), "region", procedure.Region);
            NotAfterAssessment(path.Field("date"), procedure.Date);
            AtLeastZero(path.Field("levels"), procedure.Levels);
            Concept(path.Field("side"), "side", procedure.Side);
            var beforeValid = Range(path.Field("painBefore"), procedure.PainBefore, 0, 10);
            var afterValid = Range(path.Field("painAfter"), procedure.PainAfter, 0, 10);
            var reliefValid = Range(path.Field("reliefPercent"), procedure.ReliefPercent, 0, 100);
            if (beforeValid && afterValid && reliefValid
                && procedure is { PainBefore: > 0 and var before, PainAfter: { } after, ReliefPercent: { } relief })
            {
                var computed = (before - after) / before * 100;
                if (Math.Abs(relief - computed) > ReliefTolerancePoints)
                {
                    Problem(path.Field("reliefPercent"), string.Create(CultureInfo.InvariantCulture,
                        $"is {relief}, but pain from {before} to {after} is {computed.ToString("0.#", CultureInfo.InvariantCulture)} % relief; correct reliefPercent, painBefore or painAfter"));
                }
            }

            AtLeastZero(path.Field("reliefDurationWeeks"), procedure.ReliefDurationWeeks);
            Range(path.Field("functionalImprovementPercent"), procedure.FunctionalImprovementPercent, 0, 100);
        }

        private void Trial(DatumPath path, TrialResult trial)
        {
            RequiredConcept(path.Field("kind"), "trial-kind", trial.Kind);
            NotAfterAssessment(path.Field("date"), trial.Date);
            Range(path.Field("reliefPercent"), trial.ReliefPercent, 0, 100);
            AtLeastZero(path.Field("durationDays"), trial.DurationDays);
        }

        private bool Present(DatumPath path, object? part)
        {
            if (part is null)
            {
                Problem(path, "must not be null; leave the data inside it null when they are not documented");
                return false;
            }

            return true;
        }

        private void Items<T>(string path, IReadOnlyList<T>? items, Action<DatumPath, T> check)
            where T : class
        {
            if (items is null)
            {
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var itemPath = DatumPath.Item(path, i);
                if (Present(itemPath, items[i]))
                {
                    check(itemPath, items[i]);
                }
            }
        }

        private void Concepts(string path, string set, IReadOnlyList<string>? values) =>
            Items(path, values, (itemPath, value) => Concept(itemPath, set, value));

        private void RequiredConcept(DatumPath path, string set, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(path, $"is required; write a concept of the '{set}' set");
                return;
            }

            Concept(path, set, value);
        }

        private void Concept(DatumPath path, string set, string? value)
        {
            // A code of a known system that no concept claims is valid (open world for codes); see Vocabulary.Lookup.
            if (value is not null && vocabulary.HasSet(set) && vocabulary.Lookup(set, value).Problem is { } problem)
            {
                Problem(path, problem);
            }
        }

        private void NotAfterAssessment(DatumPath path, DateOnly? date)
        {
            if (date is { } value && assessmentDate != default && value > assessmentDate)
            {
                Problem(path, $"{Format(value)} is after the assessment date {Format(assessmentDate)}");
            }
        }

        private bool Range(DatumPath path, double? value, double min, double max)
        {
            switch (value)
            {
                case null:
                    return true;
                case { } v when !double.IsFinite(v):
                    Problem(path, $"must be a finite number, not {Format(v)}");
                    return false;
                case { } v when v < min || v > max:
                    Problem(path, $"must be between {Format(min)} and {Format(max)}, not {Format(v)}");
                    return false;
                default:
                    return true;
            }
        }

        private void Range(DatumPath path, int? value, int min, int max)
        {
            if (value is { } v && (v < min || v > max))
            {
                Problem(path, $"must be between {Format(min)} and {Format(max)}, not {Format(v)}");
            }
        }

        private void AtLeastZero(DatumPath path, double? value)
        {
            switch (value)
            {
                case { } v when !double.IsFinite(v):
                    Problem(path, $"must be a finite number, not {Format(v)}");
                    break;
                case < 0 and var v:
                    Problem(path, $"must not be negative, not {Format(v)}");
                    break;
            }
        }

        private void AtLeastZero(DatumPath path, int? value)
        {
            if (value is < 0 and var v)
            {
                Problem(path, $"must not be negative, not {Format(v)}");
            }
        }

        private void Problem(DatumPath path, string message)
        {
            var text = path.ToString();
            _problems.Add(new CaseProblem(text, message, locations?.Find(text)));
        }

        private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The path of a datum (<c>pain.nrs</c>, <c>priorProcedures[1].reliefPercent</c>), formatted only when a problem
    /// is reported: validation runs on every evaluation, and a valid case must not pay for path strings.
    /// </summary>
    private readonly struct DatumPath(string head, int index, string? field)
    {
        public static implicit operator DatumPath(string path) => new(path, -1, null);

        public static DatumPath Item(string list, int index) => new(list, index, null);

        public DatumPath Field(string name) => new(head, index, name);

        public override string ToString() => (index, field) switch
        {
            (< 0, null) => head,
            (< 0, _) => $"{head}.{field}",
            (_, null) => string.Create(CultureInfo.InvariantCulture, $"{head}[{index}]"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{head}[{index}].{field}"),
        };
    }
}
