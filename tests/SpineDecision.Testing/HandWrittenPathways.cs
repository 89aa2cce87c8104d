using System.Collections.Immutable;
using System.Globalization;
using SpineDecision.Cases;

namespace SpineDecision.Testing;

/// <summary>A recommendation of the hand-written pathways.</summary>
/// <param name="Procedure">The procedure concept id.</param>
/// <param name="Rationale">Why, with the patient's values.</param>
public sealed record HandWrittenRecommendation(string Procedure, string Rationale);

/// <summary>What the hand-written pathways decided for one case.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="Recommendations">The procedures recommended.</param>
/// <param name="RedFlag">Whether an unexplained red flag stopped every elective procedure.</param>
public sealed record HandWrittenReport(string? CaseId, ImmutableArray<HandWrittenRecommendation> Recommendations, bool RedFlag);

/// <summary>
/// The performance floor: the three core pathways of the default rules (failed conservative care → ESI; two medial
/// branch blocks ≥ 80 % → RFA; refractory pain or FBSS → SCS trial → implant after a ≥ 50 % trial) and the red-flag
/// stop, written by hand in plain C# with the Medicare thresholds. No rules engine, no explanations, no provenance:
/// what the same decisions cost when nothing is general.
/// </summary>
/// <remarks>It implements only these pathways and their own withholds (frequency limits, insufficient response); the
/// cross-cutting contraindications are not in it. On a case without contraindications it recommends exactly what the
/// engine recommends.</remarks>
public static class HandWrittenPathways
{
    private const double EsiMinPainWeeks = 4;
    private const int EsiMaxSessionsPer12Months = 4;
    private const double EsiRepeatReliefPercent = 50;
    private const double FacetMinPainWeeks = 13;
    private const double MbbReliefPercent = 80;
    private const int MbbBlocksRequired = 2;
    private const int RfaMaxPer12Months = 2;
    private const double ScsMinPainWeeks = 26;
    private const double ScsTrialReliefPercent = 50;
    private const int WindowDays = 365;

    /// <summary>Decides the pathways for one case.</summary>
    /// <param name="c">The case (assumed valid).</param>
    /// <returns>The decisions.</returns>
    public static HandWrittenReport Evaluate(PatientCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var recommendations = new List<HandWrittenRecommendation>(2);
        var today = c.AssessmentDate.DayNumber;
        var pain = c.Pain;
        var failedCare = false;
        foreach (var therapy in c.ConservativeCare ?? [])
        {
            failedCare |= therapy.Outcome is "failed" or "intolerant";
        }

        // Failed conservative care -> epidural steroid injection.
        if (pain.Pattern is "radicular" or "mixed" or "neurogenic-claudication" && c.Exam.ImagingConcordant == true
            && HasDiagnosis(c, EsiDiagnosis) && pain.DurationWeeks >= EsiMinPainWeeks && failedCare
            && pain.Nrs is not null && pain.DisabilityScore is not null && pain.Laterality is "left" or "right" or "bilateral")
        {
            var sessions = 0;
            var poorResponse = false;
            foreach (var p in c.PriorProcedures ?? [])
            {
                if (p.Procedure == "epidural-steroid-injection" && p.Region is not null && p.Region == pain.Region && InWindow(p.Date, today))
                {
                    sessions++;
                    poorResponse |= Relief(p) < EsiRepeatReliefPercent && (p.FunctionalImprovementPercent is null || p.FunctionalImprovementPercent < EsiRepeatReliefPercent);
                }
            }

            if (sessions < EsiMaxSessionsPer12Months && !poorResponse)
            {
                var approach = pain.Laterality == "bilateral" ? "interlaminar" : "transforaminal";
                recommendations.Add(new("epidural-steroid-injection", string.Create(CultureInfo.InvariantCulture,
                    $"{approach}: {pain.Laterality} {pain.Region} radicular pain concordant with imaging, {pain.DurationWeeks} weeks with failed conservative care (minimum {EsiMinPainWeeks}); baseline NRS {pain.Nrs}, disability {pain.DisabilityScore}.")));
            }
        }

        // Chronic axial pain -> medial branch blocks -> radiofrequency ablation after two blocks >= 80 %.
        // The facet pathway needs an assessment implicating the facet joints and no other generator as the working diagnosis.
        var facetImplicated = HasDiagnosis(c, d => d == "facet-arthropathy")
            || (c.Exam.Findings ?? []).Any(f => f is { Test: "facet-loading", Result: "positive" });
        var otherGenerator = HasDiagnosis(c, d => d is "sacroiliac-joint-dysfunction" or "discogenic-pain" or "hip-joint-pain");
        if (pain.Pattern == "axial" && pain.Region is "cervical" or "thoracic" or "lumbar" && pain.DurationWeeks >= FacetMinPainWeeks && failedCare
            && facetImplicated && !otherGenerator)
        {
            int blocks = 0, positive = 0, ablations = 0;
            var negative = false;

            // After any prior RFA in the region, a further one is a repeat (facet-rfa-repeat); the generated prior RFAs
            // always had a lasting response, which is all this floor checks of the repeat criteria.
            var rfa = c.PriorProcedures?.Any(p => p.Region == pain.Region && p.Procedure == "facet-rfa") == true ? "facet-rfa-repeat" : "facet-rfa";
            foreach (var p in c.PriorProcedures ?? [])
            {
                if (p.Region != pain.Region || !InWindow(p.Date, today))
                {
                    continue;
                }

                if (p.Procedure == "medial-branch-block")
                {
                    blocks++;
                    var relief = Relief(p);
                    positive += relief >= MbbReliefPercent ? 1 : 0;
                    negative |= relief < MbbReliefPercent;
                }
                else if (p.Procedure == "facet-rfa")
                {
                    ablations++;
                }
            }

            if (positive >= MbbBlocksRequired)
            {
                if (!negative && ablations < RfaMaxPer12Months)
                {
                    recommendations.Add(new(rfa, string.Create(CultureInfo.InvariantCulture,
                        $"{positive} diagnostic medial branch blocks each gave at least {MbbReliefPercent}% relief of the index pain.")));
                }
            }
            else if (positive >= 1)
            {
                recommendations.Add(new("medial-branch-block", string.Create(CultureInfo.InvariantCulture,
                    $"{positive} diagnostic block(s) gave at least {MbbReliefPercent}% relief; {MbbBlocksRequired} are required before radiofrequency ablation.")));
            }
            else if (blocks == 0)
            {
                recommendations.Add(new("medial-branch-block", string.Create(CultureInfo.InvariantCulture,
                    $"Axial {pain.Region} pain for {pain.DurationWeeks} weeks (minimum {FacetMinPainWeeks}) after failed conservative care; no diagnostic block yet.")));
            }
        }

        // Refractory neuropathic pain or FBSS -> SCS trial -> implant after a trial >= 50 %.
        if (HasDiagnosis(c, ScsDiagnosis) && pain.DurationWeeks >= ScsMinPainWeeks && failedCare && c.Psychosocial.Evaluation != "not-cleared")
        {
            double? success = null;
            var trialed = false;
            var failedTrial = false;
            foreach (var t in c.Trials ?? [])
            {
                if (t.Kind != "scs")
                {
                    continue;
                }

                trialed = true;
                failedTrial |= t.ReliefPercent < ScsTrialReliefPercent;
                success = t.ReliefPercent >= ScsTrialReliefPercent ? t.ReliefPercent : success;
            }

            if (!trialed && c.Psychosocial.Evaluation == "cleared")
            {
                recommendations.Add(new("scs-trial", string.Create(CultureInfo.InvariantCulture,
                    $"Refractory neuropathic pain for {pain.DurationWeeks} weeks (minimum {ScsMinPainWeeks}) despite less invasive care, with psychological clearance.")));
            }

            if (success is not null && !failedTrial)
            {
                recommendations.Add(new("scs-implant", string.Create(CultureInfo.InvariantCulture,
                    $"The SCS trial gave {success}% pain relief (required {ScsTrialReliefPercent}%).")));
            }
        }

        // An unexplained red flag stops every elective procedure.
        var redFlag = c.Exam.MyelopathicSigns == true;
        foreach (var flag in c.RedFlags ?? [])
        {
            redFlag |= flag.Explained != true;
        }

        return new HandWrittenReport(c.Id, redFlag ? [] : [.. recommendations], redFlag);
    }

    private static bool InWindow(DateOnly? date, int today) =>
        date is { } d && d.DayNumber <= today && d.DayNumber >= today - WindowDays;

    /// <summary>Relief as given, else from the pain scores (the engine's rule, rounded to 0.1).</summary>
    private static double? Relief(PriorProcedure p) =>
        p.ReliefPercent ?? (p.PainBefore is > 0 && p.PainAfter is not null ? Math.Round((p.PainBefore.Value - p.PainAfter.Value) / p.PainBefore.Value * 100.0, 1) : null);

    private static bool HasDiagnosis(PatientCase c, Func<string, bool> accept)
    {
        foreach (var d in c.Diagnoses ?? [])
        {
            if (d.Code is { } code && d.Status is null or "confirmed" or "suspected" && accept(Concept(code)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EsiDiagnosis(string d) =>
        d is "disc-herniation" or "lumbar-radiculopathy" or "cervical-radiculopathy" or "spinal-stenosis" or "post-laminectomy-syndrome" or "herpes-zoster-acute";

    private static bool ScsDiagnosis(string d) => d is "post-laminectomy-syndrome" or "crps" or "neuropathic-pain";

    /// <summary>The few codes the generator writes, mapped as a hand-written integration would.</summary>
    private static string Concept(string value) => value switch
    {
        "ICD10CM:M54.16" or "ICD10CM:M51.16" => "lumbar-radiculopathy",
        "ICD10CM:M54.12" or "ICD10CM:M50.10" => "cervical-radiculopathy",
        "ICD10CM:M51.26" or "ICD10CM:M50.20" => "disc-herniation",
        "ICD10CM:M48.061" or "ICD10CM:M48.062" or "ICD10CM:M48.02" => "spinal-stenosis",
        "ICD10CM:M96.1" => "post-laminectomy-syndrome",
        "ICD10CM:G90.50" => "crps",
        "ICD10CM:M47.816" or "ICD10CM:M47.812" => "facet-arthropathy",
        _ => value,
    };
}
