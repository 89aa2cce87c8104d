using SpineDecision.Cases;
using SpineDecision.Language.Model;

namespace SpineDecision.Facts;

/// <summary>
/// Turns a validated case into the flat facts the Rete network matches. Concept values written as codes
/// (<c>ICD10CM:M51.16</c>) become concept ids here, once, so conditions compare plain strings.
/// </summary>
internal static class CaseFactBuilder
{
    public static List<object> Build(PatientCase c, Vocabulary vocabulary)
    {
        string? Concept(string set, string? value) =>
            value is null ? null : vocabulary.Resolve(set, value)?.Id ?? value;

        var facts = new List<object>(16)
        {
            new CaseFact
            {
                AssessmentDate = c.AssessmentDate.DayNumber,
                Age = c.Patient.Age,
                Sex = Concept("sex", c.Patient.Sex),
                Pregnant = c.Patient.Pregnant,
                Hospitalised = c.Patient.Hospitalised,
                PainRegion = Concept("region", c.Pain.Region),
                PainPattern = Concept("pain-pattern", c.Pain.Pattern),
                PainLaterality = Concept("side", c.Pain.Laterality),
                PainDurationWeeks = c.Pain.DurationWeeks,
                PainNrs = c.Pain.Nrs,
                DisabilityScale = Concept("disability-scale", c.Pain.DisabilityScale),
                DisabilityScore = c.Pain.DisabilityScore,
                PainWorsening = c.Pain.Worsening,
                StraightLegRaise = c.Exam.StraightLegRaise,
                SiProvocationPositive = c.Exam.SiProvocationPositive,
                MyelopathicSigns = c.Exam.MyelopathicSigns,
                ImagingConcordant = c.Exam.ImagingConcordant,
                RootLevelUncertain = c.Exam.RootLevelUncertain,
                Inr = c.Labs.Inr,
                Platelets = c.Labs.Platelets,
                HbA1c = c.Labs.HbA1c,
                PsychEvaluation = Concept("psych-status", c.Psychosocial.Evaluation),
                UntreatedSubstanceUse = c.Psychosocial.UntreatedSubstanceUse,
                UncontrolledPsychiatricIllness = c.Psychosocial.UncontrolledPsychiatricIllness,
                OpioidReductionAgreed = c.Psychosocial.OpioidReductionAgreed,
                LifeExpectancyMonths = c.LifeExpectancyMonths,
                ReferralQuestion = Concept("referral", c.ReferralQuestion),
                DiagnosesDocumented = c.Diagnoses is not null,
                ImagingDocumented = c.Imaging is not null,
                ConservativeCareDocumented = c.ConservativeCare is not null,
                ProceduresDocumented = c.PriorProcedures is not null,
                RedFlagsDocumented = c.RedFlags is not null,
                MedicationsDocumented = c.Medications is not null,
                AllergiesDocumented = c.Allergies is not null,
                ComorbiditiesDocumented = c.Comorbidities is not null,
                TrialsDocumented = c.Trials is not null,
            },
        };

        foreach (var d in c.Diagnoses ?? [])
        {
            facts.Add(new DiagnosisFact(Concept("diagnosis", d)!));
        }

        foreach (var i in c.Imaging ?? [])
        {
            facts.Add(new ImagingFact
            {
                Finding = Concept("imaging-finding", i.Finding),
                Level = i.Level,
                Side = Concept("side", i.Side),
                Modality = Concept("imaging-modality", i.Modality),
                Date = i.Date?.DayNumber,
                Acute = i.Acute,
                HeightLossPercent = i.HeightLossPercent,
            });
        }

        foreach (var t in c.ConservativeCare ?? [])
        {
            facts.Add(new TherapyFact { Modality = Concept("therapy-modality", t.Modality), Weeks = t.Weeks, Outcome = Concept("therapy-outcome", t.Outcome) });
        }

        foreach (var p in c.PriorProcedures ?? [])
        {
            facts.Add(new ProcedureFact
            {
                Procedure = Concept("procedure", p.Procedure),
                Region = Concept("region", p.Region),
                Date = p.Date?.DayNumber,
                Levels = p.Levels,
                Side = Concept("side", p.Side),
                PainBefore = p.PainBefore,
                PainAfter = p.PainAfter,
                ReliefPercent = p.ReliefPercent ?? ReliefFrom(p.PainBefore, p.PainAfter),
                ReliefDurationWeeks = p.ReliefDurationWeeks,
                FunctionalImprovementPercent = p.FunctionalImprovementPercent,
            });
        }

        foreach (var r in c.RedFlags ?? [])
        {
            facts.Add(new RedFlagFact { Flag = Concept("red-flag", r.Flag), Explained = r.Explained });
        }

        foreach (var m in c.Medications ?? [])
        {
            facts.Add(new MedicationFact { Name = m.Name, Class = Concept("medication-class", m.Class) });
        }

        foreach (var a in c.Allergies ?? [])
        {
            facts.Add(new AllergyFact(Concept("allergen", a)!));
        }

        foreach (var m in c.Comorbidities ?? [])
        {
            facts.Add(new ComorbidityFact(Concept("comorbidity", m)!));
        }

        foreach (var t in c.Trials ?? [])
        {
            facts.Add(new TrialFact
            {
                Kind = Concept("trial-kind", t.Kind),
                Date = t.Date?.DayNumber,
                ReliefPercent = t.ReliefPercent,
                DurationDays = t.DurationDays,
                FunctionalImprovement = t.FunctionalImprovement,
            });
        }

        return facts;
    }

    /// <summary>Percent relief = (baseline − post) / baseline on the same scale (CLINICAL.md §10); unknown when
    /// either is missing or the baseline is zero.</summary>
    public static double? ReliefFrom(double? before, double? after) =>
        before is > 0 && after is not null ? Math.Round((before.Value - after.Value) / before.Value * 100.0, 1) : null;
}
