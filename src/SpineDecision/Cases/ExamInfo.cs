using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>Physical examination findings and the clinician's documented judgement.</summary>
public sealed record ExamInfo
{
    /// <summary>Named examination findings with their results, or <see langword="null"/> when none were documented.</summary>
    [Fact("examFinding", "a named examination finding")]
    public IReadOnlyList<ExamFinding>? Findings { get; init; }

    /// <summary>Number of positive sacroiliac provocation tests (0–6), for notes that give only the count; itemise
    /// the tests in <see cref="Findings"/> where they are named.</summary>
    [ValueRange(0, 6)]
    public int? SiProvocationPositive { get; init; }

    /// <summary>Whether myelopathic signs (hyper-reflexia, clonus, gait ataxia) are present, as the clinician judged.</summary>
    public bool? MyelopathicSigns { get; init; }

    /// <summary>
    /// The clinician's attestation that history, examination and imaging agree on the pain generator: the
    /// symptomatic root, level and side match an imaging finding that explains them. Write it only when the
    /// clinician documented that judgement.
    /// </summary>
    public bool? ImagingConcordant { get; init; }

    /// <summary>Whether the symptomatic root level remains uncertain after standard evaluation.</summary>
    public bool? RootLevelUncertain { get; init; }
}

/// <summary>One named examination finding, for example a positive thigh-thrust test or 4/5 ankle dorsiflexion.</summary>
public sealed record ExamFinding
{
    /// <summary>The test or sign: straight-leg-raise, crossed-straight-leg-raise, femoral-stretch, spurling,
    /// reflex, motor-strength, sensory-loss, hoffmann, clonus, gait, facet-loading, tenderness, and the six SI
    /// provocation tests (distraction, thigh-thrust, compression, sacral-thrust, faber, gaenslen).</summary>
    [Key]
    [Concept("exam-test")]
    public string? Test { get; init; }

    /// <summary>The result: positive, negative, not-done, normal, reduced, absent, brisk or abnormal.</summary>
    [Concept("exam-result")]
    public string? Result { get; init; }

    /// <summary>Side tested.</summary>
    [Concept("side")]
    public string? Side { get; init; }

    /// <summary>The nerve root, myotome or dermatome tested, for example <c>L5</c> or <c>C6</c>.</summary>
    public string? Root { get; init; }

    /// <summary>Motor strength on the MRC scale, 0–5.</summary>
    [ValueRange(0, 5)]
    [Unit("MRC 0-5")]
    public int? Grade { get; init; }

    /// <summary>Where the finding is (tenderness over the PSIS, paraspinal pain on extension-rotation).</summary>
    [Concept("pain-location")]
    public string? Location { get; init; }

    /// <summary>The finding as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
