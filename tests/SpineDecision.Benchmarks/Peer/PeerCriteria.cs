namespace SpineDecision.Benchmarks.Peer;

/// <summary>
/// The 9 criteria of the peer benchmark, as one table every engine is written from: the answer bit each pathway
/// criterion gives (none for a guard) and its condition over <see cref="PeerInput"/> in C# expression syntax
/// (Microsoft RulesEngine's lambda expressions). The same criteria in YAML: Peer/rules/peer.yaml.
/// </summary>
public static class PeerCriteria
{
    public static readonly IReadOnlyList<(string Name, PeerAnswer Answer, string Expression)> All =
    [
        ("esi", PeerAnswer.Esi, "(input1.PainPattern == \"radicular\" || input1.PainPattern == \"mixed\" || input1.PainPattern == \"neurogenic-claudication\") && input1.PainWeeks >= 4 && input1.FailedCare"),
        ("mbb", PeerAnswer.MedialBranchBlock, "input1.PainPattern == \"axial\" && input1.PainWeeks >= 13 && input1.FailedCare && input1.MedialBranchBlocks == 0"),
        ("rfa", PeerAnswer.FacetRfa, "input1.PainPattern == \"axial\" && input1.PainWeeks >= 13 && input1.FailedCare && input1.PositiveBlocks >= 2"),
        ("scs-trial", PeerAnswer.ScsTrial, "input1.ScsDiagnosis && input1.PainWeeks >= 26 && input1.PsychosocialEvaluation == \"cleared\" && input1.FailedCare && input1.ScsTrials == 0"),
        ("scs-implant", PeerAnswer.ScsImplant, "input1.ScsDiagnosis && input1.ScsTrialSucceeded"),
        ("red-flag", PeerAnswer.None, "input1.UnexplainedRedFlag"),
        ("myelopathy", PeerAnswer.None, "input1.MyelopathicSigns"),
        ("infection", PeerAnswer.None, "input1.ActiveInfection"),
        ("pregnancy", PeerAnswer.None, "input1.Pregnant"),
    ];

    /// <summary>The hand-written floor: the same criteria in plain C#.</summary>
    public static PeerAnswer HandWritten(PeerInput i)
    {
        if (i.UnexplainedRedFlag || i.MyelopathicSigns || i.ActiveInfection || i.Pregnant)
        {
            return PeerAnswer.None;
        }

        var answer = PeerAnswer.None;
        if (i.PainPattern is "radicular" or "mixed" or "neurogenic-claudication" && i.PainWeeks >= 4 && i.FailedCare)
        {
            answer |= PeerAnswer.Esi;
        }

        if (i.PainPattern == "axial" && i.PainWeeks >= 13 && i.FailedCare)
        {
            answer |= i.MedialBranchBlocks == 0 ? PeerAnswer.MedialBranchBlock : PeerAnswer.None;
            answer |= i.PositiveBlocks >= 2 ? PeerAnswer.FacetRfa : PeerAnswer.None;
        }

        if (i.ScsDiagnosis && i.PainWeeks >= 26 && i.PsychosocialEvaluation == "cleared" && i.FailedCare && i.ScsTrials == 0)
        {
            answer |= PeerAnswer.ScsTrial;
        }

        return i.ScsDiagnosis && i.ScsTrialSucceeded ? answer | PeerAnswer.ScsImplant : answer;
    }
}
