using SpineDecision.Cases;

namespace SpineDecision.Benchmarks.Peer;

/// <summary>The procedures the peer criteria recommend, as bits of one answer (0 when a guard withholds them all).</summary>
[Flags]
public enum PeerAnswer
{
    None = 0,
    Esi = 1,
    MedialBranchBlock = 2,
    FacetRfa = 4,
    ScsTrial = 8,
    ScsImplant = 16,
}

/// <summary>
/// One case flattened to the scalars the 9 criteria read: how a case reaches Microsoft RulesEngine and the NRules
/// fluent-DSL rule set (one flat fact). Built inside every timed evaluation of those engines, so its cost is theirs.
/// </summary>
public sealed class PeerInput
{
    private static readonly HashSet<string> ScsCodes = new(StringComparer.Ordinal)
    {
        "post-laminectomy-syndrome", "neuropathic-pain", "crps", "ICD10CM:M96.1",
    };

    public int Age { get; init; }

    public string PainPattern { get; init; } = string.Empty;

    /// <summary>Pain duration in weeks, −1 when unknown.</summary>
    public double PainWeeks { get; init; }

    public bool FailedCare { get; init; }

    public int MedialBranchBlocks { get; init; }

    /// <summary>Medial branch blocks with at least 80 % relief.</summary>
    public int PositiveBlocks { get; init; }

    public bool ScsDiagnosis { get; init; }

    public string PsychosocialEvaluation { get; init; } = string.Empty;

    public int ScsTrials { get; init; }

    /// <summary>An SCS trial with at least 50 % relief.</summary>
    public bool ScsTrialSucceeded { get; init; }

    public bool UnexplainedRedFlag { get; init; }

    public bool MyelopathicSigns { get; init; }

    public bool ActiveInfection { get; init; }

    public bool Pregnant { get; init; }

    /// <summary>What the rules recommended (written by the NRules actions; the other engines return it).</summary>
    public PeerAnswer Recommended { get; set; }

    /// <summary>Whether a guard (red flag, myelopathy, infection, pregnancy) fired.</summary>
    public bool Guarded { get; set; }

    public static PeerInput From(PatientCase c)
    {
        bool failedCare = false, scsDiagnosis = false, scsSucceeded = false, redFlag = false, infection = false;
        int blocks = 0, positive = 0, trials = 0;
        foreach (var t in c.ConservativeCare ?? [])
        {
            failedCare |= t.Outcome is "failed" or "intolerant";
        }

        foreach (var p in c.PriorProcedures ?? [])
        {
            if (p.Procedure == "medial-branch-block")
            {
                blocks++;
                positive += Relief(p) >= 80 ? 1 : 0;
            }
        }

        foreach (var d in c.Diagnoses ?? [])
        {
            scsDiagnosis |= d.Status is null or "confirmed" or "suspected" && d.Code is { } code && (ScsCodes.Contains(code) || code.StartsWith("ICD10CM:G90.5", StringComparison.Ordinal)
                || code.StartsWith("ICD10CM:G56.4", StringComparison.Ordinal) || code.StartsWith("ICD10CM:G57.7", StringComparison.Ordinal));
        }

        foreach (var t in c.Trials ?? [])
        {
            if (t.Kind == "scs")
            {
                trials++;
                scsSucceeded |= t.ReliefPercent >= 50;
            }
        }

        foreach (var f in c.RedFlags ?? [])
        {
            redFlag |= f.Explained != true;
        }

        foreach (var m in c.Comorbidities ?? [])
        {
            infection |= m.Condition is "active-systemic-infection" or "local-infection" or "sepsis";
        }

        return new PeerInput
        {
            Age = c.Patient.Age ?? -1,
            PainPattern = c.Pain.Pattern ?? string.Empty,
            PainWeeks = c.Pain.DurationWeeks ?? -1,
            FailedCare = failedCare,
            MedialBranchBlocks = blocks,
            PositiveBlocks = positive,
            ScsDiagnosis = scsDiagnosis,
            PsychosocialEvaluation = c.Psychosocial.Evaluation ?? string.Empty,
            ScsTrials = trials,
            ScsTrialSucceeded = scsSucceeded,
            UnexplainedRedFlag = redFlag,
            MyelopathicSigns = c.Exam.MyelopathicSigns == true,
            ActiveInfection = infection,
            Pregnant = c.Patient.Pregnant == true,
        };
    }

    /// <summary>Relief as given, else from the pain scores (the engine's rule, rounded to 0.1).</summary>
    internal static double? Relief(PriorProcedure p) =>
        p.ReliefPercent ?? (p.PainBefore is > 0 && p.PainAfter is not null ? Math.Round((p.PainBefore.Value - p.PainAfter.Value) / p.PainBefore.Value * 100.0, 1) : null);
}
